// Browser walk of the screening cadence (README, 排查): on the next working day the grid worker opens 今日任务 on
// the phone, finds 今日排查, ticks 安全隐患, describes it and submits — the finding becomes a case; after the day's
// close of office the village opens 矛盾纠纷排查 → 下级未排查 and sees the grids that missed it in red.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../../src/domain/calendar/index.js';
import { apiAs, DESKTOP, type E2E, loginStaff, MOBILE, shot, startE2E } from './support/browser.js';

const STEP_TIMEOUT = 300_000;
let e2e: E2E;
let monday = ''; // the next working day (a Monday when the test was written; any working day will do)

/** Moves the server's clock to `at` (forward only). */
async function clockTo(at: Date) {
  const { now } = (await apiAs(e2e, 'admin', 'GET', '/api/clock')) as { now: string };
  const minutes = Math.ceil((at.getTime() - new Date(now).getTime()) / 60_000);
  if (minutes > 0) await apiAs(e2e, 'admin', 'POST', '/api/clock/advance', { minutes });
}

/** Whether the server's calendar (weekends, holidays, 调休 workdays) makes `day` a working day. */
async function isWorkday(day: string): Promise<boolean> {
  const { days } = (await apiAs(e2e, 'admin', 'GET', `/api/calendar?year=${day.slice(0, 4)}`)) as {
    days: { day: string; kind: 'holiday' | 'workday' }[];
  };
  const special = days.find((d) => String(d.day).slice(0, 10) === day);
  if (special) return special.kind === 'workday';
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

beforeAll(async () => {
  e2e = await startE2E();
  const { now } = (await apiAs(e2e, 'admin', 'GET', '/api/clock')) as { now: string };
  // The nearest working day ahead: the fewer days the clock skips, the less the server has to catch up on.
  for (let d = 1; d < 15; d++) {
    const day = chinaDayOf(new Date(new Date(now).getTime() + d * 86_400_000));
    if (await isWorkday(day)) {
      monday = day;
      await clockTo(chinaTime(day, '09:00'));
      break;
    }
  }
  await apiAs(e2e, 'admin', 'POST', '/api/screenings/generate');
}, STEP_TIMEOUT);
afterAll(async () => e2e?.stop());

describe('the screening cadence in the browser', () => {
  let taskId = 0;

  it(
    'a grid worker completes today’s screening on the phone with a finding that becomes a case',
    async () => {
      const { context, page } = await e2e.newPage(MOBILE, { mobile: true });
      await context.grantPermissions(['geolocation']);
      await context.setGeolocation({ latitude: 29.3, longitude: 120.1 });
      page.setDefaultTimeout(90_000);
      await loginStaff(page, 'grid');
      await page.goto('/grid');
      const card = page.getByTestId('today-screening');
      await card.getByTestId('screening-form').waitFor();
      await card.getByTestId('check-safety').click();
      await card.getByTestId('finding-summary-safety').fill('3 栋楼道堆放大量纸箱，存在消防隐患');
      await shot(page, 'screening-today-phone');
      const answer = page.waitForResponse((r) => r.url().includes('/record') && r.request().method() === 'POST');
      await card.getByTestId('screening-submit').click();
      const response = await answer;
      expect(response.status()).toBe(201);
      const body = (await response.json()) as {
        taskId: number;
        status: string;
        record: { findings: { caseId: number; route: string }[] };
      };
      taskId = body.taskId;
      expect(body.status).toBe('on_time');
      expect(body.record.findings).toHaveLength(1);
      expect(body.record.findings[0]?.route).toBe('case');
      const kase = (await apiAs(e2e, 'grid', 'GET', `/api/cases/${body.record.findings[0]?.caseId}`)) as {
        channel: string;
      };
      expect(kase.channel).toBe('screening');
      await card.getByText('本单位今日无排查任务').waitFor();
      await context.close();
    },
    STEP_TIMEOUT,
  );

  it(
    'after the close of office the village sees its grids that missed the screening in red',
    async () => {
      await clockTo(chinaTime(monday, '17:45'));
      const { page } = await e2e.newPage(DESKTOP);
      page.setDefaultTimeout(90_000);
      await loginStaff(page, 'village');
      await page.getByTestId('side-menu').waitFor();
      const listed = page.waitForResponse(
        (r) => r.url().includes('/api/screenings?') && r.url().includes('scope=children') && r.status() === 200,
      );
      await page.goto('/screenings?scope=children&status=missed');
      const items = (
        (await (await listed).json()) as { items: { taskId: number; status: string; periodStart: string }[] }
      ).items;
      const today = items.filter((i) => i.periodStart === monday);
      expect(today.length).toBeGreaterThan(0);
      expect(today.every((i) => i.status === 'missed')).toBe(true);
      expect(items.map((i) => i.taskId)).not.toContain(taskId);
      const row = page.getByTestId(`screening-row-${today[0]?.taskId}`);
      await row.waitFor();
      expect(await row.getAttribute('class')).toContain('gz-row-missed');
      expect(await row.getByTestId('screening-status-tag').textContent()).toBe('未排查');
      await shot(page, 'screening-missed-village');
      // the recorded one: its page shows the finding and the case it became
      await page.goto(`/screenings/${taskId}`);
      await page.getByTestId('screening-record').waitFor();
      expect(await page.getByTestId('finding-case-link').textContent()).toMatch(/^GZ/);
      const coverage = page.waitForResponse((r) => r.url().includes('/api/screenings/coverage') && r.status() === 200);
      await page.goto('/screenings/coverage');
      await coverage;
      await page.getByTestId('coverage-table').waitFor();
      await shot(page, 'screening-coverage');
    },
    STEP_TIMEOUT,
  );
});
