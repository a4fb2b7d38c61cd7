// 文明积分 in the browser: the village's staff award points to 张三's household with a photo as evidence; 张三
// signs in on the phone, sees the points in the household's ledger and redeems a towel at the 积分超市; the
// village hands it over; the town approves the award that waited for a second person; the public board shows
// the ranking without signing in.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../support/images.js';
import { type E2E, MOBILE, openCitizenService, pickOption, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let balanceAfterAward = 0;
let villageId = 0;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

const as = (username: string) => staffPage(e2e, username);

const numberIn = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).first().textContent())?.replace(/[^\d-]/g, ''));

describe('civility points from the village to the household’s phone', () => {
  it('the village awards points to a household with a photo as evidence', async () => {
    const page = await as('village');
    await page.getByTestId('side-menu').getByText('文明积分').click();
    await page.waitForURL('**/points');
    await page.getByTestId('household-table').getByText('张三').waitFor();
    await shot(page, 'points-01-households');
    await page.getByTestId('household-link').filter({ hasText: '人民路 1 号' }).click();
    await page.waitForURL(/\/points\/households\/\d+/);
    const before = await numberIn(page, 'ledger-balance');
    await page.getByTestId('award-open').click();
    await pickOption(page, page.getByTestId('award-rule'), '志愿服务（每小时）');
    await page.getByTestId('award-quantity').fill('3');
    await page.getByTestId('award-preview').getByText('+3').waitFor();
    await page.getByTestId('award-activity').fill('清理村口河道');
    await page
      .getByTestId('award-photos-input')
      .setInputFiles({ name: 'river.png', mimeType: 'image/png', buffer: makePng(320, 240, [40, 120, 200]) });
    await page.locator('[data-testid="award-photos-item"][data-status="done"]').waitFor();
    await shot(page, 'points-02-award');
    await page.getByTestId('award-submit').click();
    await page.getByText('已记入：3 分').waitFor();
    await expect.poll(() => numberIn(page, 'ledger-balance')).toBe(before + 3);
    balanceAfterAward = before + 3;
    const first = page.getByTestId('ledger-table').locator('tbody tr').first();
    expect(await first.textContent()).toContain('清理村口河道');
    expect(await first.textContent()).toContain('照片 1 张');
    // 见义勇为 (+20) is at the threshold: it waits for the town
    await page.getByTestId('award-open').click();
    await pickOption(page, page.getByTestId('award-rule'), '见义勇为');
    await page.getByTestId('award-note').fill('扑灭邻居家火情');
    await page.getByTestId('award-submit').click();
    await page.getByText('达到审批阈值').waitFor();
    expect(await numberIn(page, 'ledger-balance')).toBe(balanceAfterAward);
    await shot(page, 'points-03-ledger');
    villageId = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))).org.id;
    await page.context().close();
  });

  it('张三 sees the points on the phone and redeems a towel', async () => {
    const { page } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(30_000);
    await openCitizenService(page, 'tab-points');
    await page.waitForURL('**/my/points');
    await expect.poll(() => numberIn(page, 'my-points-balance')).toBe(balanceAfterAward);
    const newest = page.getByTestId('my-entry').first();
    expect(await newest.textContent()).toContain('志愿服务（每小时） × 3');
    expect(await newest.getByTestId('my-entry-points').textContent()).toBe('+3');
    // the recent deduction can still be objected to
    await page.getByTestId('objection-open').first().waitFor();
    await shot(page, 'points-04-phone-ledger');
    await page.getByTestId('tab-shop').click();
    const towel = page.getByTestId('shop-item').filter({ hasText: '毛巾' });
    await towel.getByTestId('shop-redeem').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '兑 换' }).click();
    await page.getByText('兑换成功').waitFor();
    await expect.poll(() => numberIn(page, 'my-points-balance')).toBe(balanceAfterAward - 10);
    await page.getByTestId('my-redemptions').getByText('待领取').waitFor();
    await shot(page, 'points-05-phone-shop');
    await page.context().close();
  });

  it('the village hands the towel over; the town approves the award that waited', async () => {
    const village = await as('village');
    await village.goto('/points/shop');
    await village.getByTestId('hand-over').first().click();
    await village.getByTestId('redemption-table').locator('tbody tr').first().getByText('已领取').waitFor();
    await village.context().close();

    const town = await as('town');
    await town.goto('/points/approvals');
    const item = town.getByTestId('request-item').filter({ hasText: '扑灭邻居家火情' });
    await item.getByTestId('request-approve').click();
    await town.getByTestId('decision-submit').click();
    await town.getByText('已处理').waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await shot(town, 'points-06-town-approved');
    await town.goto('/points');
    await town.getByTestId('household-search').locator('input').fill('张三');
    await town.keyboard.press('Enter');
    await expect.poll(async () => numberIn(town, 'household-balance')).toBe(balanceAfterAward - 10 + 20);
    await town.context().close();
  });

  it('the public board shows the ranking without signing in, names masked', async () => {
    const { page } = await e2e.newPage(MOBILE, { mobile: true });
    await page.goto(`/board/points/${villageId}`);
    await page.getByTestId('board-title').getByText('文明积分公示榜').waitFor();
    await page.getByTestId('board-row').first().waitFor();
    expect(await page.getByTestId('board-row').filter({ hasText: '张*户' }).count()).toBe(1);
    expect(page.url()).toContain('/board/points/');
    await shot(page, 'points-07-public-board');
    await page.context().close();
  });
});
