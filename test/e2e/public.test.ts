// The public showcase in the browser: without signing in, the county's public page (linked from the login page)
// shows the figures of the last twelve months and the demo's published typical cases, on a desktop and a phone;
// a case opens at its own address; staff: the leader approves the typical case awaiting review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type E2E, MOBILE, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  // the demo's typical cases are written from the year of history's closed cases
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'true', LOG_LEVEL: 'warn' });
  // the first start builds the rollups of the year of history in the background: wait until the figures are there
  for (let i = 0; i < 120; i++) {
    const stats = await fetch(`${e2e.baseUrl}/api/public/statistics`).then((r) => r.json());
    if (stats.totals?.received > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}, 600_000);
afterAll(async () => e2e?.stop());

describe('the public page', () => {
  it('shows the county’s figures and a published typical case without signing in', async () => {
    const { page, context } = await e2e.newPage(DESKTOP);
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto('/login');
    await page.getByTestId('public-link').click();
    await page.waitForURL('**/public');
    await page.getByTestId('public-county').getByText('青溪县').waitFor();
    const received = page.getByTestId('public-stat-received');
    await received.locator('.ant-statistic-content-value').waitFor();
    const figure = Number((await received.locator('.ant-statistic-content-value').textContent())?.replace(/,/g, ''));
    expect(figure).toBeGreaterThan(0);
    expect(await page.getByTestId('public-stat-satisfaction').textContent()).toMatch(/\d+\.\d%/);
    const cases = page.getByTestId('public-case');
    await cases.first().waitFor();
    expect(await cases.count()).toBe(2);
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(800); // the charts' entry animation, for the screenshot only
    await page.screenshot({ path: 'docs/screenshots/public-page.png', fullPage: true });
    await shot(page, 'public-01-page');

    // the village picker leads to the village's own public pages
    // (the keyboard picks the first option: a click on a dropdown's option raced its opening animation)
    await page.getByTestId('public-town').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('public-village').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('public-link-powers').click();
    await page.waitForURL(/\/board\/powers\/\d+/);
    await page.getByTestId('public-powers-title').waitFor();

    // a typical case at its own address: the approved, de-identified text
    await page.goto('/public');
    const title = (await cases.first().locator('a').textContent()) ?? '';
    await cases.first().locator('a').click();
    await page.waitForURL(/\/public\/cases\/\d+/);
    const article = page.getByTestId('public-article');
    // the title, not the body that may begin with the same words
    await article.getByRole('heading', { name: title }).waitFor();
    const text = (await article.textContent()) ?? '';
    expect(text).toContain('【群众诉求】');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    await page.screenshot({ path: 'docs/screenshots/public-case.png', fullPage: true });
    await context.close();
  });

  it('works on a phone', async () => {
    const { page, context } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(30_000);
    await page.goto('/public');
    await page.getByTestId('public-stat-received').locator('.ant-statistic-content-value').waitFor();
    await page.getByTestId('public-case').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: 'docs/screenshots/public-phone.png', fullPage: true });
    await context.close();
  });
});

describe('the review', () => {
  it('the leader approves the typical case awaiting review', async () => {
    const page = await staffPage(e2e, 'leader');
    await page.getByTestId('side-menu').getByText('典型案例审核').click();
    await page.waitForURL(/\/showcase\?state=submitted$/);
    await page.locator('.ant-table-row').first().click();
    await page.waitForURL(/\/showcase\/cases\/\d+/);
    await page.getByTestId('showcase-state').getByText('待审核').waitFor();
    const approved = page.waitForResponse((r) => /\/api\/showcase\/cases\/\d+\/approve$/.test(r.url()));
    await page.getByTestId('showcase-approve').click();
    expect((await approved).status()).toBe(200);
    await page.getByTestId('showcase-state').getByText('已审核').waitFor();
    await page.getByText('审核通过的文本（公开页显示此文本）').waitFor();
    await page.screenshot({ path: 'docs/screenshots/public-review.png' });
    await page.context().close();
  });
});
