// 小微权力清单 in the browser: the village sees its list with the procedures as flowcharts, starts a 用章管理
// exercise and records its first step; recording a step while the tender notice of the demo road project is
// still up is refused (公示期未满); the town sees the demo 低保 application with its late and missing steps in
// red; the public page shows the list and the published steps without signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, MOBILE, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let villageId = 0;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  villageId = (await apiAs(e2e, 'village', 'GET', '/api/auth/me')).org.id;
}, 300_000);
afterAll(async () => e2e?.stop());

describe('the small-power list from the village to its public page', () => {
  it('the village starts an exercise and records its steps in order', async () => {
    const page = await staffPage(e2e, 'village');
    await page.getByTestId('side-menu').getByText('小微权力').click();
    await page.waitForURL('**/powers');
    const assets = page.getByTestId('power-item-集体资产处置');
    await assets.getByTestId('flow-step-resolution_publicity').waitFor();
    expect(await assets.textContent()).toContain('公示不少于 5 天');
    await shot(page, 'powers-01-list');

    await page.getByTestId('power-item-用章管理').getByTestId('power-start').click();
    await page.getByTestId('start-title').fill('出具村民低保证明用章');
    const started = page.waitForResponse(
      (r) => r.url().endsWith('/api/powers/exercises') && r.request().method() === 'POST',
    );
    await page.getByTestId('start-ok').click();
    expect((await started).status()).toBe(201);
    await page.waitForURL(/\/powers\/exercises\/\d+/);
    await page.getByTestId('exercise-title').getByText('出具村民低保证明用章').waitFor();
    await page.getByTestId('record-step').getByText('用章申请').first().waitFor();
    await page.getByTestId('record-approved-by').fill('村民委员会主任');
    await page.getByTestId('record-step').getByLabel('用章申请单').check();
    const recorded = page.waitForResponse((r) => /\/api\/powers\/exercises\/\d+\/steps$/.test(r.url()));
    await page.getByTestId('record-submit').click();
    expect((await recorded).status()).toBe(201);
    await page.getByTestId('step-timeline').getByText('用章申请', { exact: true }).waitFor();
    // the form now offers only the next step of the procedure
    await page.getByTestId('record-step').getByText('审批').first().waitFor();
    await shot(page, 'powers-02-exercise');

    // the road project's tender notice is still up: the next step is refused with the publicity's last day
    const { items } = await apiAs(e2e, 'village', 'GET', '/api/powers/exercises');
    const road = items.find((e: { itemName: string }) => e.itemName === '工程项目招投标');
    await page.goto(`/powers/exercises/${road.id}`);
    await page.getByTestId('exercise-title').waitFor();
    await page.getByTestId('record-step').getByText('公示期未满').waitFor();
    const refused = page.waitForResponse((r) => /\/api\/powers\/exercises\/\d+\/steps$/.test(r.url()));
    await page.getByTestId('record-submit').click();
    const answer = await refused;
    expect(answer.status()).toBe(409);
    expect((await answer.json()).code).toBe('POWER_PUBLICITY_NOT_OVER');
    await page.getByTestId('record-step').getByText('公示期满后方可办理下一步').waitFor();
    await shot(page, 'powers-03-publicity-refused');
    await page.context().close();
  });

  it('the town sees the villages’ exercises with missing or late steps in red', async () => {
    const page = await staffPage(e2e, 'town');
    const loaded = page.waitForResponse(
      (r) => r.url().includes('/api/powers/exercises?') && r.url().includes('flagged=true'),
    );
    await page.goto('/powers/supervision');
    expect((await loaded).status()).toBe(200);
    const row = page.getByTestId('supervision-table').locator('tbody tr', { hasText: '低保申请评议' });
    await row.waitFor();
    expect(await row.getByTestId('mark-red').count()).toBe(3); // 入户调查 late, 民主评议 without documents, 公示 not done
    await shot(page, 'powers-04-supervision');
    await page.context().close();
  });

  it('the public page shows the list and the published steps without signing in', async () => {
    const { page } = await e2e.newPage(MOBILE, { mobile: true });
    const loaded = page.waitForResponse((r) => r.url().includes(`/api/public/powers/villages/${villageId}`));
    await page.goto(`/board/powers/${villageId}`);
    expect((await loaded).status()).toBe(200);
    await page.getByTestId('public-powers-title').getByText('小微权力清单').waitFor();
    await page.getByTestId('public-exercise').filter({ hasText: '文昌路至学府路村道硬化工程' }).waitFor();
    const text = (await page.content()) ?? '';
    expect(text).not.toContain('李某某');
    await shot(page, 'powers-05-public');
    await page.context().close();
  });
});
