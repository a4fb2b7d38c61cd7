// The Content-Security-Policy and the origin check against the built web app (issue 18 §1): the pages with maps
// (Leaflet), charts (echarts), antd's inline styles, the public board and the phone draw without one violation,
// and the app's own cookie-authenticated writes pass the origin check.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, loginStaff, MOBILE, shot, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 240_000);
afterAll(async () => e2e?.stop());

/** Collects every CSP violation the page reports (the DOM event and the console line). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

describe('the web app under its Content-Security-Policy', () => {
  it('draws the staff pages with maps, charts and tables without a violation', async () => {
    const { page } = await e2e.newPage();
    page.setDefaultTimeout(30_000);
    const violations = await watchViolations(page);
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await loginStaff(page, 'leader');
    await page.goto('/command');
    await page.locator('.leaflet-container').first().waitFor();
    await page.locator('canvas').first().waitFor(); // echarts draws on a canvas
    await page.waitForTimeout(1500);
    await shot(page, 'security-command-under-csp');
    await page.goto('/cases');
    await page.locator('.ant-table').first().waitFor();
    await page.goto('/dashboards');
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(1000);
    await shot(page, 'security-dashboards-under-csp');
    expect(violations).toEqual([]);

    // The app's own writes with the session cookie carry its Origin and pass the check; a write without it
    // (what a form on another site could send) is refused.
    const own = await page.evaluate(async () => {
      const r = await fetch('/api/auth/reauth', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'demo1234' }),
        credentials: 'same-origin',
      });
      return r.status;
    });
    expect(own).toBe(200);
    const foreign = await page.request.post('/api/auth/reauth', { data: { password: 'demo1234' } });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).code).toBe('CROSS_ORIGIN_REQUEST');
  });

  it('draws the public board and the resident phone pages without a violation', async () => {
    const { page } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(30_000);
    const violations = await watchViolations(page);
    await page.goto('/public');
    await page.waitForLoadState('networkidle');
    await page.goto('/login');
    await page.getByTestId('tab-citizen').click();
    await page.getByTestId('phone').fill('13800000009');
    await page.getByTestId('request-code').click();
    const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
    await page.getByTestId('code').fill(code);
    await page.getByTestId('citizen-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/report');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await shot(page, 'security-phone-report-under-csp');
    expect(violations).toEqual([]);
  });
});
