// 双报到 in the browser: an in-service member (the demo citizen, confirmed with the first community) claims a
// 微心愿 on the phone and records it done with the hours and the result; the community rates it at the desk; the
// member sees the rating on the phone. Screenshots of the phone, the need's page, 物业亮星 and the public board.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type E2E, MOBILE, openCitizenService, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let phone: Page;
let needId = 0;
const WISH = '独居老人想要一台收音机';
const DOCS = path.join(import.meta.dirname, '../../docs/screenshots');
const docShot = (page: Page, name: string) => page.screenshot({ path: path.join(DOCS, `party-service-${name}.png`) });

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

describe('a 微心愿 claimed on the phone and rated by the community', () => {
  it('the in-service member claims the wish on the phone and records it done', async () => {
    ({ page: phone } = await e2e.newPage(MOBILE, { mobile: true }));
    phone.setDefaultTimeout(60_000);
    await openCitizenService(phone, 'tab-party-service');
    await phone.waitForURL('**/my/party-service');
    const card = phone.locator('[data-testid^="my-need-"]', { hasText: WISH });
    await card.waitFor();
    needId = Number((await card.getAttribute('data-testid'))?.replace('my-need-', ''));
    await docShot(phone, 'phone-needs');
    const claimed = phone.waitForResponse(
      (r) => r.url().endsWith(`/my/needs/${needId}/actions`) && r.request().method() === 'POST',
    );
    await card.getByTestId('need-claim').click();
    expect((await claimed).status()).toBe(200);
    await phone.getByTestId('my-party-tabs').getByText('我的认领').click();
    const mine = phone.getByTestId(`my-need-${needId}`);
    await expect.poll(() => mine.getByTestId('my-need-state').textContent()).toBe('已认领');
    await mine.locator('input[data-testid="need-hours"], [data-testid="need-hours"] input').first().fill('2');
    await mine.getByTestId('need-result').fill('已买好收音机送到王奶奶家，调好戏曲频道。');
    await mine.getByTestId('need-complete').click();
    await expect.poll(() => mine.getByTestId('my-need-state').textContent()).toBe('已完成');
    await docShot(phone, 'phone-claimed');
  });

  it('the community rates it at the desk; the member sees the rating', async () => {
    const desk = await staffPage(e2e, 'village');
    desk.setDefaultTimeout(60_000);
    await desk.getByTestId('side-menu').getByText('双报到').click();
    await desk.waitForURL('**/party-service');
    await desk.getByTestId('needs-table').getByText(WISH).click();
    await desk.waitForURL(`**/party-service/needs/${needId}`);
    expect(await desk.getByTestId('need-state').textContent()).toBe('已完成');
    await desk.getByTestId('need-rating').locator('li').nth(4).click();
    await desk.getByTestId('need-comment').fill('送得及时，老人很高兴。');
    await desk.getByTestId('need-rate').click();
    await expect.poll(() => desk.getByTestId('need-state').textContent()).toBe('已评价');
    expect(await desk.getByTestId('need-stars').textContent()).toBe('★★★★★');
    await docShot(desk, 'need-rated');

    await phone.reload();
    await phone.getByTestId('my-party-tabs').getByText('我的认领').click();
    await expect
      .poll(() => phone.getByTestId(`my-need-${needId}`).getByTestId('my-need-rating').textContent())
      .toContain('★★★★★');

    // the property stars of the compounds in scope, and the public board without signing in
    await desk.setViewportSize(DESKTOP);
    await desk.getByTestId('side-menu').getByText('亮星亮剑').click();
    await desk.getByTestId('compounds-table').getByText('文昌花园').waitFor();
    await desk.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await docShot(desk, 'compounds');
    const board = (await e2e.newPage(MOBILE, { mobile: true })).page;
    await board.goto('/board/party-ratings');
    await board.getByTestId('compound-board').getByText('文昌花园').waitFor();
    await docShot(board, 'public-board');
  });
});
