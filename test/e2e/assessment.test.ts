import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/core/exceljs.js';
import { type E2E, startE2E } from './support/browser.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-artifacts/screenshots');

let e2e: E2E;
let baseUrl = '';
let browser: Browser;

async function login(page: Page, username: string): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto('/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'true', LOG_LEVEL: 'warn' });
  baseUrl = e2e.baseUrl;
  // The first start builds the year of history; let the background jobs (deadline sweep, rollups, the
  // assessment facts) catch up before driving the browser: the ranking call drains the assessment consumer.
  const token = (
    await (
      await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'leader', password: 'demo1234' }),
      })
    ).json()
  ).token;
  const warm = await fetch(`${baseUrl}/api/assessment/ranking?unitType=town&period=2026-01`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (warm.status !== 200) throw new Error(`warm-up failed: ${warm.status} ${await warm.text()}`);
  browser = e2e.browser;
}, 480_000);

afterAll(async () => {
  await e2e?.stop();
});

describe('assessment as the county leader', () => {
  it('ranks towns, switches to departments, exports the same numbers and prints last month’s bulletin', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      baseURL: baseUrl,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    await login(page, 'leader');
    await page.getByTestId('side-menu').getByText('督导考核').waitFor();
    await page.goto('/assessment');
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.locator('canvas').first().waitFor();
    const periods = await (await page.request.get('/api/assessment/periods')).json();
    const month: string = periods.lastMonth;

    // The page shows the API's numbers: the first town's score.
    const api = await (await page.request.get(`/api/assessment/ranking?unitType=town&period=${month}`)).json();
    const ranked = api.rows.filter((r: { rank: number | null }) => r.rank !== null);
    expect(ranked.length).toBeGreaterThan(3);
    const first = ranked[0];
    await expect(table.locator('tbody tr.ant-table-row').first().textContent()).resolves.toContain(first.name);
    await expect(table.locator('tbody tr.ant-table-row').first().getByTestId('score').textContent()).resolves.toBe(
      first.score.toFixed(2),
    );
    await expect(page.getByTestId('formula-legend').textContent()).resolves.toContain('满意率');
    await page.screenshot({ path: path.join(SHOTS, 'assessment-ranking-towns.png'), fullPage: true });

    // The xlsx export opens and holds the same numbers.
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toContain('format=xlsx');
    const file = await page.request.get(href as string);
    expect(file.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file.body()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no worksheet');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    api.rows.forEach(
      (row: { name: string; score: number | null; values: Record<string, number | null> }, i: number) => {
        const line = sheet.getRow(3 + i);
        expect(line.getCell(2).value).toBe(row.name);
        expect(line.getCell(4).value ?? null).toBe(row.score);
        for (const ind of api.indicators as { key: string; name: string }[]) {
          expect(line.getCell(header.indexOf(ind.name) + 1).value ?? null, `${row.name} ${ind.name}`).toBe(
            row.values[ind.key],
          );
        }
      },
    );

    // Switch to departments.
    const depts = await (await page.request.get(`/api/assessment/ranking?unitType=department&period=${month}`)).json();
    await page.getByTestId('unit-type').getByText('职能部门').click();
    await page.waitForURL(/unitType=department/);
    await table.locator('tbody tr.ant-table-row').first().filter({ hasText: depts.rows[0].name }).waitFor();
    await expect(page.getByText('镇街评价').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'assessment-ranking-departments.png'), fullPage: true });

    // Quarter view of grids.
    await page.getByTestId('unit-type').getByText('网格').click();
    await page.getByText('季度').click();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'assessment-ranking-grids-quarter.png') });

    // Last month's bulletin, printable.
    await page.goto('/assessment');
    await page.getByTestId('open-bulletin').click();
    await page.waitForURL(new RegExp(`/assessment/bulletin\\?month=${month}`));
    const bulletin = page.getByTestId('bulletin');
    await bulletin.waitFor();
    await page.getByTestId('bulletin-towns').waitFor();
    const towns = await page.getByTestId('bulletin-towns').locator('tbody tr').count();
    expect(towns).toBe(ranked.length);
    await page.screenshot({ path: path.join(SHOTS, 'assessment-bulletin.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.ant-layout-sider').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'assessment-bulletin-print.png'), fullPage: true });
    await page.pdf({ path: path.join(SHOTS, '..', 'assessment-bulletin.pdf'), format: 'A4' });
    const xlsx = await page.request.get(`/api/assessment/bulletin?month=${month}&format=xlsx`);
    const bwb = new ExcelJS.Workbook();
    await bwb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    expect(bwb.worksheets.map((w) => w.name)).toContain('超期案件');
    await context.close();
  });

  it('a town operator fills the questionnaire for a department it worked with', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      baseURL: baseUrl,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    await login(page, 'town');
    await page.goto('/assessment/ratings');
    await page.getByTestId('page-title').waitFor();
    const form = await (
      await page.request.get(
        `/api/assessment/ratings/form?period=${(await (await page.request.get('/api/assessment/periods')).json()).lastMonth}`,
      )
    ).json();
    if (form.departments.length > 0) {
      const sheet = page.getByTestId(`sheet-${form.departments[0].departmentId}`);
      await sheet.waitFor();
      for (const star of await sheet.locator('.ant-rate').all()) await star.locator('li').nth(3).click();
      await sheet.locator('input.ant-input-number-input').fill('85');
      await sheet.locator('textarea').fill('配合积极，答复规范');
      await sheet.getByRole('button', { name: /提交评价|修改评价/ }).click();
      await page.getByText(/已提交，得分/).waitFor();
    }
    await page.screenshot({ path: path.join(SHOTS, 'assessment-town-rating.png'), fullPage: true });
    await context.close();
  });
});
