// 智能分类 · 智能派单 in the browser (issue 19): a case registered without a category shows the classifier's
// suggestion pre-selected with its confidence; one click accepts it; the settings page shows the threshold table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', LOG_LEVEL: 'warn' });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('智能分类建议', () => {
  it('shows the suggestion on the case page and accepts it with one click', async () => {
    const grids = await apiAs(e2e, 'admin', 'GET', '/api/orgs?kind=grid&limit=1');
    const grid = await apiAs(e2e, 'admin', 'GET', `/api/orgs/${grids.items[0].id}`);
    const created = await apiAs(e2e, 'county', 'POST', '/api/cases', {
      channel: 'walk_in',
      body: '我在工地干了半年活，老板一直拖欠工资不发，希望劳动监察部门帮忙讨薪。',
      lat: grid.centerLat,
      lng: grid.centerLng,
    });
    expect(created.id).toBeTruthy();
    const page = await staffPage(e2e, 'county');
    await page.goto(`/cases/${created.id}`);
    // The background consumer classifies it within seconds; the page follows the case.
    for (let i = 0; i < 20 && !(await page.getByTestId('case-suggestion').count()); i++) {
      await page.waitForTimeout(1500);
      await page.reload();
    }
    await page.getByTestId('case-suggestion').waitFor();
    expect(await page.getByTestId('suggested-category').textContent()).toContain('劳动和社会保障');
    expect(await page.getByTestId('case-suggestion').textContent()).toContain('待核定');
    await shot(page, 'intelligence-suggestion');
    await page.getByTestId('suggestion-decide').click();
    await page.getByText('已采纳智能分类建议').waitFor();
    await page.getByTestId('case-suggestion').getByText('已采纳').waitFor();
    const detail = await apiAs(e2e, 'county', 'GET', `/api/cases/${created.id}`);
    expect(detail.categoryName).toBeTruthy();
    await page.context().close();
  }, 300_000);

  it('shows the threshold table for the 智能派单 setting', async () => {
    const page = await staffPage(e2e, 'admin');
    await page.goto('/admin/intelligence');
    await page.getByTestId('threshold-labelled').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('threshold-labelled').locator('tbody tr.ant-table-row').count()).toBe(8);
    expect(await page.getByTestId('auto-dispatch-switch').getAttribute('aria-checked')).toBe('false');
    await page.waitForTimeout(300);
    await shot(page, 'intelligence-settings');
    await page.context().close();
  }, 300_000);
});
