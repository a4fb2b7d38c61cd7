// 联席会议 in the browser, the README's walk-through: the county platform calls this month's county joint meeting,
// picks two items from the agenda proposed by the data (last month's open decisions), records attendance and
// two decisions with their tasks, publishes and opens the printable minutes; 住建局 finds its task; the deadline
// passes (the demo clock is advanced) and the running server's sweeper escalates it, which the meeting shows.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, pickOption, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let meetingUrl = '';
let dueDay = '';
const DECISIONS = ['住建局牵头完成城区老旧小区雨污管网改造方案', '公安局牵头开展校园周边交通秩序整治'];

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

const as = (username: string) => staffPage(e2e, username);
const api = (username: string, method: string, path: string, body?: unknown) =>
  apiAs(e2e, username, method, path, body);

/** A working day (China time) a few days after the system clock, from the holiday calendar the server keeps. */
async function workingDayAhead(days: number): Promise<string> {
  const now = new Date((await api('county', 'GET', '/api/clock')).now);
  const special = new Map<string, string>();
  for (const year of [now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
    for (const d of (await api('county', 'GET', `/api/calendar?year=${year}`)).days) special.set(d.day, d.kind);
  }
  for (let i = days; ; i++) {
    const day = new Date(now.getTime() + 8 * 3600_000 + i * 86_400_000);
    const key = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if ((special.get(key) ?? (weekend ? 'holiday' : 'workday')) === 'workday') return key;
  }
}

async function inputOf(field: Locator): Promise<Locator> {
  return (await field.evaluate((e) => e.tagName)) === 'INPUT' ? field : field.locator('input').first();
}

async function decide(page: Page, index: number, text: string, owner: string) {
  const item = page.getByTestId('record-item').nth(index);
  await item.getByTestId('new-decision').click();
  const form = item.getByTestId('decision-form');
  await form.getByTestId('decision-text').fill(text);
  // On a loaded machine a click can land while a dropdown is still animating: each field is checked to hold its
  // value before saving (and tried again if not), so a failure names the field.
  await pickOption(page, form.getByTestId('task-owner-0'), owner);
  const due = await inputOf(form.getByTestId('task-due-0'));
  for (let attempt = 1; ; attempt++) {
    await due.click();
    // Typing moves the picker's panel to the day; clicking the day chooses it (Enter would submit the form).
    await due.fill(dueDay);
    await page.locator(`.ant-picker-dropdown:visible .ant-picker-cell[title="${dueDay}"]`).click();
    try {
      await expect.poll(() => due.inputValue(), { timeout: 3_000 }).toBe(dueDay);
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // The panel closes on the chosen day; if it stays open (CI at stop 23: still open after 10 s), a click on the
  // decision's text closes it, and the day must still be there.
  const panels = () => page.locator('.ant-picker-dropdown:visible').count();
  try {
    await expect.poll(panels, { timeout: 5_000 }).toBe(0);
  } catch {
    await form.getByTestId('decision-text').click();
    await expect.poll(panels, { timeout: 10_000 }).toBe(0);
  }
  expect(await due.inputValue()).toBe(dueDay);
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/items\/\d+\/decisions$/.test(r.url())),
    form.getByTestId('save-decision').click(),
  ]);
  expect(saved.status(), await saved.text()).toBeLessThan(300);
  await item.getByTestId('decision').filter({ hasText: text }).waitFor();
}

describe('the month’s joint meeting, from the proposed agenda to an escalated decision', () => {
  it('the county platform calls the meeting and picks two proposed items', async () => {
    dueDay = await workingDayAhead(3);
    const page = await as('county');
    await page.getByTestId('side-menu').getByText('联席会议').click();
    await page.waitForURL('**/meetings');
    // Last month's meeting from the demo data, minutes published.
    await page.getByTestId('meeting-link').first().waitFor();
    await page.getByTestId('new-meeting').click();
    await pickOption(page, page.getByTestId('meeting-kind'), '县社会治理联席会议（青溪县）');
    await page.getByTestId('meeting-place').fill('县行政服务中心四楼第一会议室');
    await shot(page, 'meeting-01-call');
    await page.getByTestId('meeting-create-ok').click();
    await page.waitForURL(/\/meetings\/\d+$/);
    meetingUrl = new URL(page.url()).pathname;
    await expect
      .poll(() => page.getByTestId('page-title').textContent())
      .toMatch(/^\d{4}年\d{1,2}月县社会治理联席会议$/);
    expect(await page.getByTestId('meeting-state').textContent()).toBe('筹备中');

    // The proposal opens with last month's decisions whose tasks are still open, each saying why.
    const proposals = page.getByTestId('proposal');
    await proposals.first().waitFor();
    expect(await proposals.first().getByTestId('proposal-reason').textContent()).toContain('决定事项尚未落实');
    await proposals.nth(0).getByTestId('pick-proposal').click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(1);
    await proposals.nth(1).getByTestId('pick-proposal').click();
    await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
    expect(await proposals.nth(0).getByTestId('pick-proposal').textContent()).toContain('已列入');
    expect(await page.getByTestId('agenda').textContent()).toContain('督查落实');
    await shot(page, 'meeting-02-agenda');
    await page.context().close();
  });

  it('records attendance and two decisions with their tasks, and publishes the minutes', async () => {
    const page = await as('county');
    await page.goto(meetingUrl);
    await page.getByTestId('hold-meeting').click();
    await expect.poll(() => page.getByTestId('meeting-state').textContent()).toBe('已召开');
    await page.getByTestId('tab-record').click();
    await page.getByTestId('all-present').click();
    await page.getByTestId('save-attendance').click();
    await expect.poll(() => page.getByTestId('attendance-summary').textContent()).toContain('未登记 0');
    // The earlier decision's tasks show beside the item, as they stand now.
    await page.getByTestId('record-item').first().getByTestId('follow-up').waitFor();
    await page.getByTestId('discussion').first().fill('住建局汇报了排查进度，青溪街道反映改造资金缺口。');
    await page.getByTestId('save-discussion').first().click();
    await decide(page, 0, DECISIONS[0] as string, '住房和城乡建设局');
    await decide(page, 1, DECISIONS[1] as string, '公安局');
    await shot(page, 'meeting-03-record');
    await page.getByTestId('publish-minutes').click();
    await expect.poll(() => page.getByTestId('meeting-state').textContent()).toBe('纪要已发布');
    await page.getByTestId('tab-decisions').click();
    await expect.poll(() => page.getByTestId('decision-card').count()).toBe(2);
    await shot(page, 'meeting-04-decisions');

    await page.getByTestId('tab-minutes').click();
    await page.getByTestId('open-minutes').click();
    await page.waitForURL(/\/meetings\/\d+\/minutes$/);
    const minutes = page.getByTestId('minutes');
    await minutes.waitFor();
    const text = await minutes.textContent();
    expect(text).toContain('县社会治理联席会议纪要');
    for (const d of DECISIONS) expect(text).toContain(d);
    expect(text).toContain('住房和城乡建设局');
    expect(text).toContain(`${dueDay} 17:30`);
    expect(await page.getByTestId('minutes-decisions').count()).toBe(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await page.screenshot({ path: 'test-artifacts/screenshots/meeting-05-minutes-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await shot(page, 'meeting-05-minutes');
    const xlsx = await page.request.get(`${meetingUrl.replace('/meetings', '/api/meetings')}/minutes?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    await page.context().close();
  });

  it('住建局 sees its task; the deadline passes and the task escalates, shown on the meeting', async () => {
    const dept = await as('dept');
    await dept.goto('/tasks?box=to_sign');
    await dept
      .getByTestId('task-link')
      .filter({ hasText: DECISIONS[0] as string })
      .waitFor();
    await shot(dept, 'meeting-06-department-task');
    await dept.context().close();

    await api('admin', 'POST', '/api/clock/advance', { days: 10 });
    const id = Number(meetingUrl.split('/').pop());
    const overdue = async () => {
      const m = await api('county', 'GET', `/api/meetings/${id}`);
      return m.items[0].decisions[0].tasks[0].state;
    };
    await expect.poll(overdue, { timeout: 30_000 }).toBe('overdue');
    const county = await as('county');
    await county.goto(`${meetingUrl}?tab=decisions`);
    await county.getByTestId('decision-card').first().getByText('已逾期').first().waitFor();
    expect(await county.getByTestId('decision-card').first().textContent()).toContain('升级督办');
    await shot(county, 'meeting-07-escalated');
    await county.context().close();
  });
});
