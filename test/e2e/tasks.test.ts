// 任务督办 in the browser: the county platform assigns a task to 住建局 with a due date; the department finds it
// beside its cases in 我的待办, signs and reports progress; the deadline passes (the demo clock is advanced) and
// the running server's sweeper escalates it: the department sees it 已逾期 and the county supervises it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, loginStaff, pickOption, shot, startE2E } from './support/browser.js';

let e2e: E2E;
let taskUrl = '';

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

async function as(username: string): Promise<Page> {
  const { page } = await e2e.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await loginStaff(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const api = (username: string, method: string, path: string, body?: unknown) =>
  apiAs(e2e, username, method, path, body);

describe('a task from assignment to escalation', () => {
  it('the county assigns a task to 住建局 with a due date', async () => {
    const page = await as('county');
    await page.getByTestId('side-menu').getByText('任务督办').click();
    await page.waitForURL('**/tasks');
    await page.getByTestId('new-task').click();
    await page.getByTestId('task-title').fill('老旧小区加装电梯协调方案');
    await pickOption(page, page.getByTestId('task-owner'), '住房和城乡建设局', { tree: true });
    await page.getByTestId('task-due-date').click();
    // three days ahead in the picker (a date, due at 17:30 that day)
    const target = await page.evaluate(() => {
      const d = new Date(Date.now() + 3 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.locator(`.ant-picker-cell[title="${target}"]`).click();
    await shot(page, 'task-01-assign');
    await page.getByRole('button', { name: '交 办' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    taskUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('task-state').first().textContent()).toBe('待签收');
    expect(await page.getByTestId('task-owner-name').textContent()).toBe('住房和城乡建设局');
    await page.context().close();
  });

  it('住建局 finds it in 我的待办, signs and reports progress', async () => {
    const page = await as('dept');
    await page.goto('/cases');
    await page.getByTestId('task-inbox-strip').waitFor();
    expect(await page.getByTestId('task-strip-to_sign').textContent()).toMatch(/待签收任务 [1-9]/);
    await page.getByTestId('task-strip-to_sign').click();
    await page.waitForURL('**/tasks?box=to_sign');
    await page.getByTestId('task-link').filter({ hasText: '老旧小区加装电梯协调方案' }).click();
    await page.getByTestId('task-action-sign').click();
    await expect.poll(() => page.getByTestId('task-state').first().textContent()).toBe('办理中');
    await page.getByTestId('task-action-progress').click();
    await page.getByTestId('task-note').fill('已走访 3 个小区，征求住户意见');
    await page.locator('#task-action-submit').click();
    await expect.poll(() => page.getByTestId('task-history').textContent()).toContain('已走访 3 个小区');
    await shot(page, 'task-02-progress');
    await page.context().close();
  });

  it('the deadline passes: the task escalates to the county; 住建局 sees it overdue', async () => {
    await api('admin', 'POST', '/api/clock/advance', { days: 7 });
    const id = Number(taskUrl.split('/').pop());
    await expect
      .poll(async () => (await api('county', 'GET', `/api/tasks/${id}`)).state, { timeout: 20_000 })
      .toBe('overdue');
    const page = await as('dept');
    await page.goto(taskUrl);
    await expect.poll(() => page.getByTestId('task-state').first().textContent()).toBe('已逾期');
    expect(await page.getByTestId('task-supervisor').textContent()).toBe('青溪县');
    expect(await page.getByTestId('task-history').textContent()).toContain('逾期升级督办');
    await shot(page, 'task-03-overdue');
    await page.context().close();
    const county = await as('county');
    // searched by its title: the county also supervises the screenings the units below missed (issue 14)
    await county.goto(`/tasks?box=supervising&q=${encodeURIComponent('老旧小区加装电梯协调方案')}`);
    await county.getByTestId('task-link').filter({ hasText: '老旧小区加装电梯协调方案' }).waitFor();
    expect(await county.getByTestId('task-box-count-overdue').textContent()).not.toBe('0');
    await shot(county, 'task-04-county-supervising');
    await county.context().close();
  });
});
