// Personal data erasure (issue 18, PIPL) in the browser: a citizen asks on the phone under 我的反映, is told the
// outcome in words and signed out once the account is closed; the administrator sees the request on its page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, MOBILE, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
// a phone of its own: one code a minute per phone, and the account is closed by the test
const PHONE = '13900000051';

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

describe('a citizen deletes their personal data', () => {
  it('asks on the phone, reads the answer and is signed out; the administrator sees the request', async () => {
    const { context, page } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(30_000);
    await page.goto('/login');
    await page.getByTestId('tab-citizen').click();
    await page.getByTestId('phone').fill(PHONE);
    await page.getByTestId('request-code').click();
    const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
    await page.getByTestId('code').fill(code);
    await page.getByTestId('citizen-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto('/my');
    await page.getByTestId('erasure-request').click();
    await page.getByRole('button', { name: '确定删除' }).click();
    // the account is closed: the app is on the sign-in page, the answer in front of it
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    const answer = page.getByTestId('erasure-answer');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('账号已注销');
    await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
    await shot(page, 'privacy-erasure-answer');
    await page.getByRole('button', { name: '知道了' }).click();
    await answer.waitFor({ state: 'detached' });
    await context.close();

    const admin = await staffPage(e2e, 'admin');
    await admin.goto('/admin/privacy');
    const table = admin.getByTestId('privacy-erasures-table');
    await table.getByText('已完成').first().waitFor();
    expect(await table.textContent()).not.toContain(PHONE);
    await shot(admin, 'privacy-erasures');
  });
});
