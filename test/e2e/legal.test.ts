// Browser walk of 一村一法律顾问 (docs/drafts/legal.md): the `lawyer` account records a consultation on a phone
// (/m/legal) in a few taps; the town platform sees its communities' month with the villages without service
// highlighted, opens the entry in the service log and reveals the asker (audited).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type E2E, loginStaff, MOBILE, shot, startE2E } from './support/browser.js';

const STEP_TIMEOUT = 300_000;
let e2e: E2E;
let phone: Page;

beforeAll(async () => {
  e2e = await startE2E();
  ({ page: phone } = await e2e.newPage(MOBILE, { mobile: true }));
  phone.setDefaultTimeout(90_000);
  await loginStaff(phone, 'lawyer');
  await phone.waitForURL((url) => !url.pathname.startsWith('/login'));
}, STEP_TIMEOUT);
afterAll(async () => e2e?.stop());

describe('a legal adviser on a phone', () => {
  it(
    'records a consultation, and the town sees it in the month and the log',
    async () => {
      await phone.goto('/m/legal');
      await phone.getByTestId('legal-phone').waitFor();
      await phone.getByTestId('legal-kind').getByText('咨询', { exact: true }).click();
      await phone.getByTestId('legal-hours').getByText('1h', { exact: true }).click();
      await phone.getByTestId('legal-asker-name').fill('李桂芳');
      await phone.getByTestId('legal-matter').fill('儿子外出务工，老人的承包地能否转给邻居耕种');
      await phone.getByTestId('legal-advice').fill('可依法流转，建议签订书面流转合同并报村委会备案。');
      await shot(phone, 'legal-phone');
      const saved = phone.waitForResponse(
        (r) => r.url().endsWith('/api/legal/entries') && r.request().method() === 'POST',
      );
      await phone.getByTestId('legal-submit').click();
      const response = await saved;
      expect(response.status()).toBe(201);
      const entry = await response.json();
      expect(entry).toMatchObject({ kind: 'consultation', hours: 1, askerName: '李**' });
      await phone.getByTestId('legal-recent').first().getByText('儿子外出务工', { exact: false }).waitFor();
      await shot(phone, 'legal-phone-recorded');

      // the town platform: its communities' month, then the entry in the log, the asker revealed
      const { page: desk } = await e2e.newPage(DESKTOP);
      desk.setDefaultTimeout(90_000);
      await loginStaff(desk, 'town');
      await desk.waitForURL((url) => !url.pathname.startsWith('/login'));
      const monthly = desk.waitForResponse((r) => r.url().includes('/api/legal/monthly'));
      await desk.goto('/legal');
      expect((await monthly).status()).toBe(200);
      await desk.getByTestId('legal-monthly-table').locator('tbody tr').first().waitFor();
      expect(await desk.getByTestId(`legal-status-${entry.village.id}`).textContent()).toBeTruthy();
      await shot(desk, 'legal-monthly');
      const log = desk.waitForResponse((r) => r.url().includes('/api/legal/entries?'));
      await desk.getByTestId('legal-tab-entries').click();
      await log;
      await desk.getByTestId('legal-entries').getByText('儿子外出务工', { exact: false }).click();
      await desk.getByTestId('legal-entry').waitFor();
      expect(await desk.getByTestId('legal-asker').textContent()).toContain('李**');
      const revealed = desk.waitForResponse((r) => r.url().endsWith(`/api/legal/entries/${entry.id}/asker`));
      await desk.getByTestId('legal-reveal').click();
      expect((await revealed).status()).toBe(200);
      await expect.poll(() => desk.getByTestId('legal-asker').textContent()).toContain('李桂芳');
      await shot(desk, 'legal-entry');
    },
    STEP_TIMEOUT,
  );
});
