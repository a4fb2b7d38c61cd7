// Browser walk of a psychological referral (docs/drafts/psych.md): the grid worker refers a person with consent —
// and afterwards sees only the status; the counselling centre sees the person masked, reveals them, acknowledges
// the referral and records a session; the grid worker's page then says 服务中 and still shows nothing else.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, shot, staffPage, startE2E } from './support/browser.js';

const STEP_TIMEOUT = 300_000;
let e2e: E2E;
let grid: Page;
let counsellor: Page;

beforeAll(async () => {
  e2e = await startE2E();
  grid = await staffPage(e2e, 'grid');
  counsellor = await staffPage(e2e, 'counsellor');
  for (const p of [grid, counsellor]) p.setDefaultTimeout(90_000);
}, STEP_TIMEOUT);
afterAll(async () => e2e?.stop());

describe('a referral from the grid worker to the counselling centre', () => {
  it(
    'refers with consent, the referrer sees the status only, the centre acknowledges and records a session',
    async () => {
      await grid.goto('/psych/new');
      await grid.getByTestId('psych-form').waitFor();
      // the directory's one counselling centre is chosen once it has loaded
      await grid.getByTestId('psych-form').getByText('县心理咨询服务中心').waitFor();
      await grid.getByTestId('psych-person').fill('吴丽娟');
      await grid.getByTestId('psych-concern').fill('丧偶后独居，近一月拒绝出门、食欲下降，本人同意接受心理服务。');
      await grid.getByTestId('psych-risk-input').getByText('高', { exact: true }).click();
      const made = grid.waitForResponse(
        (r) => r.url().endsWith('/api/psych/referrals') && r.request().method() === 'POST',
      );
      await grid.getByTestId('psych-submit').click();
      const created = await (await made).json();
      expect(created.number).toMatch(/^PSY-/);
      await grid.getByTestId('psych-status-only').waitFor();
      expect(await grid.getByTestId('psych-state').first().textContent()).toBe('已转介');
      const body = await grid.locator('body').textContent();
      expect(body).not.toContain('吴丽娟');
      expect(body).not.toContain('丧偶');
      await shot(grid, 'psych-referrer-status');

      // the counselling centre: the list with the person masked
      const listed = counsellor.waitForResponse((r) => r.url().includes('/api/psych/referrals?'));
      await counsellor.goto('/psych?box=to_acknowledge');
      await listed;
      await counsellor.getByTestId('psych-table').getByText(created.number).waitFor();
      const table = await counsellor.getByTestId('psych-table').textContent();
      expect(table).toContain('吴**');
      expect(table).not.toContain('吴丽娟');
      await shot(counsellor, 'psych-list');
      await counsellor.getByTestId('psych-table').getByText(created.number).click();
      await counsellor.getByTestId('psych-content').waitFor();
      expect(await counsellor.getByTestId('psych-concern').textContent()).toContain('丧偶后独居');
      const revealed = counsellor.waitForResponse((r) => r.url().endsWith(`/api/psych/referrals/${created.id}/person`));
      await counsellor.getByTestId('psych-reveal').click();
      await revealed;
      await expect.poll(() => counsellor.getByTestId('psych-person-name').textContent()).toBe('吴丽娟');

      const acknowledged = counsellor.waitForResponse((r) => r.url().endsWith(`/referrals/${created.id}/actions`));
      await counsellor.getByTestId('psych-action-acknowledge').click();
      await counsellor.getByTestId('psych-action-ok').click();
      expect((await acknowledged).status()).toBe(200);
      await expect.poll(() => counsellor.getByTestId('psych-state').first().textContent()).toBe('已接收');

      const recorded = counsellor.waitForResponse((r) => r.url().endsWith(`/referrals/${created.id}/actions`));
      await counsellor.getByTestId('psych-action-recordSession').click();
      await counsellor.getByTestId('psych-notes').fill('首次面谈：倾听与情绪疏导，约定每周一次。');
      await counsellor.getByTestId('psych-action-ok').click();
      expect((await recorded).status()).toBe(200);
      await expect.poll(() => counsellor.getByTestId('psych-state').first().textContent()).toBe('服务中');
      await counsellor.getByTestId('psych-sessions').getByText('首次面谈').waitFor();
      await shot(counsellor, 'psych-detail');

      // the referrer: 服务中, and still nothing about the person
      const again = grid.waitForResponse((r) => r.url().endsWith(`/api/psych/referrals/${created.id}`));
      await grid.reload();
      await again;
      await expect.poll(() => grid.getByTestId('psych-state').first().textContent()).toBe('服务中');
      const after = await grid.locator('body').textContent();
      expect(after).not.toContain('首次面谈');
      expect(after).not.toContain('吴丽娟');
      expect(after).not.toContain('丧偶');
    },
    STEP_TIMEOUT,
  );
});
