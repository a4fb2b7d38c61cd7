// 工作专班 and 突破项目 in the browser, on the demo county (whose first start plays a team's weeks and a year of
// projects through the services): the county leader opens the team's overview and finds the overdue items first,
// with each unit's weekly reports and the punctuality chart; the county operator opens the year's projects, filters
// them by status, and opens a project showing its status, indicators and milestones linked to their tasks.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';

let e2e: E2E;
/** Pages load their chunks and data lazily: give each poll time. */
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
});

/** A desktop page signed in as the user (the demo password). */
async function signIn(username: string): Promise<Page> {
  const { page } = await e2e.newPage();
  await loginStaff(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

describe('the county leader’s view of a work team', () => {
  it('lists the team’s overdue items first, then each unit’s weekly reports and the weekly chart', async () => {
    const page = await signIn('leader');
    await page.getByTestId('side-menu').getByText('工作专班').click();
    await page.waitForURL('**/work-teams');
    await page.getByTestId('team-table').getByText('信访积案化解专班').click();
    await page.waitForURL(/\/work-teams\/\d+$/);
    await page.getByTestId('task-table').waitFor();

    // The sweeper marks the demo's missed reports overdue within seconds of the start.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('task-table').locator('tbody tr.ant-table-row').first().waitFor();
          return page.getByTestId('team-overdue-count').locator('.ant-statistic-content-value').textContent();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .not.toBe('0');
    const states = await page.getByTestId('task-table').getByTestId('task-state').allTextContents();
    const overdue = states.map((s) => s.trim() === '已逾期');
    const firstOther = overdue.indexOf(false);
    expect(firstOther).toBeGreaterThan(0);
    expect(overdue.slice(firstOther)).not.toContain(true);
    await expect.poll(() => page.locator('tr.gz-row-overdue').count(), WAIT).toBe(firstOther);

    // Each member unit's reports, and the weekly chart.
    const units = page.getByTestId('unit-reports').locator('tbody tr.ant-table-row');
    await expect.poll(() => units.count(), WAIT).toBe(5);
    await expect.poll(() => units.filter({ hasText: '城东街道' }).textContent(), WAIT).toMatch(/城东街道/);
    await page.getByTestId('punctuality-chart').locator('canvas').first().waitFor();
    await shot(page, 'work-team-overview');

    // An overdue report opens its task.
    await page.getByTestId('task-table').getByTestId('task-link').first().click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByText('已逾期').first().waitFor();
    await page.context().close();
  });
});

describe('the county’s breakthrough projects', () => {
  it('shows the year’s projects with their statuses, filters by status, and opens a project with its milestones', async () => {
    const page = await signIn('county');
    await page.goto('/projects');
    const rows = page.getByTestId('project-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(6);
    await page.getByTestId('project-status-chart').locator('canvas').first().waitFor();
    const total = Number(
      await page.getByTestId('project-count-all').locator('.ant-statistic-content-value').textContent(),
    );
    expect(total).toBe(6);
    // Late projects come first.
    const statuses = await page.getByTestId('project-table').getByTestId('project-status').allTextContents();
    const rank = (s: string) => ({ 滞后: 0, 存在风险: 1, 正常推进: 2 })[s.trim()] ?? 9;
    expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort());
    await shot(page, 'projects-list');

    // Filter by the first status shown: every row has it.
    const first = (statuses[0] ?? '').trim();
    await page.getByTestId('project-status-filter').getByText(first, { exact: true }).click();
    await expect
      .poll(
        async () =>
          (await page.getByTestId('project-table').getByTestId('project-status').allTextContents()).map((s) =>
            s.trim(),
          ),
        WAIT,
      )
      .toEqual(statuses.filter((s) => s.trim() === first).map((s) => s.trim()));
    await page.getByTestId('project-status-filter').getByText('全部', { exact: true }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(6);

    // A project: its status (and why), indicators, milestones as tasks.
    await page.getByTestId('project-table').getByText('老旧小区改造提质攻坚').click();
    await page.waitForURL(/\/projects\/\d+$/);
    await page.getByRole('heading', { name: '老旧小区改造提质攻坚' }).waitFor();
    expect(['正常推进', '存在风险', '滞后']).toContain(
      (await page.getByTestId('project-status').textContent())?.trim(),
    );
    await expect.poll(() => page.getByTestId('indicators').locator('tbody tr.ant-table-row').count(), WAIT).toBe(2);
    const milestones = page.getByTestId('milestones').locator('tbody tr.ant-table-row');
    await expect.poll(() => milestones.count(), WAIT).toBe(4);
    await expect.poll(() => milestones.first().textContent(), WAIT).toContain('完成摸底调查和居民意愿征询');
    expect(await page.getByTestId('milestones').getByTestId('task-state').count()).toBe(4);
    await page.getByTestId('reports').waitFor();
    await shot(page, 'project-detail');

    // A milestone opens its task.
    await page.getByTestId('milestone-task-link').first().click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.getByText('完成摸底调查和居民意愿征询').first().waitFor();
    await page.context().close();
  });
});
