import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../bench/generate-cases.js';
import { startSystem } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/core/config.js';
import ExcelJS from '../../src/core/exceljs.js';
import { type E2E, shot, startE2E } from './support/browser.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const WALL = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

let e2e: E2E;
let baseUrl = '';
let browser: Browser;

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const env = { GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' };

beforeAll(async () => {
  // The demo county plus 3 000 generated cases with their timelines, written straight into the database.
  e2e = await startE2E({ ...env }, async (dataDir) => {
    const prepared = await startSystem(loadConfig({ ...env, DATA_DIR: dataDir }), { jobs: false });
    await generateCases(prepared.services.db, 3000, () => {}, { days: 120 });
    await prepared.close();
  });
  baseUrl = e2e.baseUrl;
  browser = e2e.browser;
}, 600_000);

afterAll(async () => {
  await e2e?.stop();
});

async function apiJson<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  expect(r.status(), url).toBe(200);
  return (await r.json()) as T;
}

describe('command centre and dashboards as the county leader', () => {
  it('drills down from the county to a grid and back, on a wall display', async () => {
    const context = await browser.newContext({ viewport: WALL, locale: 'zh-CN', baseURL: baseUrl });
    const page = await context.newPage();
    await login(page, 'leader');
    // The rollups catch up with the bulk-loaded cases at start: wait until the county shows cases open now.
    type Overview = { today: { openNow: number; overdueNow: number }; children: unknown[] };
    await expect
      .poll(async () => (await apiJson<Overview>(page, '/api/command/overview')).today.openNow, { timeout: 180_000 })
      .toBeGreaterThan(0);
    const overview = await apiJson<Overview>(page, '/api/command/overview');
    await page.goto('/');
    const menu = page.getByTestId('side-menu');
    await menu.getByText('指挥平台').waitFor();
    await menu.getByText('数据看板').waitFor();
    await page.goto('/command');
    await expect
      .poll(async () => page.getByTestId('cc-open').textContent(), { timeout: 60_000 })
      .toBe(String(overview.today.openNow));
    expect(await page.getByTestId('cc-overdue').textContent()).toBe(String(overview.today.overdueNow));
    await page.locator('.cc-map path.leaflet-interactive').first().waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'command-county-wall');

    // county → town → village → grid, through the list of areas (the busiest first)
    for (const [kind, depth] of [
      ['town', 2],
      ['village', 3],
      ['grid', 4],
    ] as const) {
      const row = page.getByTestId(`cc-child-${kind}`).first();
      const name = (await row.locator('td').first().textContent()) ?? '';
      await row.click();
      await expect
        .poll(() => page.getByTestId('cc-breadcrumb').locator('li, .ant-breadcrumb-link').count())
        .toBeGreaterThan(0);
      await expect.poll(async () => page.locator('.cc-crumb-current').textContent(), { timeout: 60_000 }).toBe(name);
      const crumbs = await page.getByTestId('cc-breadcrumb').locator('.ant-breadcrumb-link').count();
      expect(crumbs).toBe(depth);
      await page.waitForTimeout(600);
      await shot(page, `command-${kind}`);
    }
    await expect
      .poll(async () => page.getByTestId('cc-children').textContent(), { timeout: 60_000 })
      .toContain('已到最基层网格');
    // … and back to the county through the breadcrumb
    await page.getByTestId('cc-crumb-county').click();
    await expect
      .poll(async () => page.getByTestId('cc-children').locator('tbody tr').count(), { timeout: 60_000 })
      .toBeGreaterThan(5);
    // A click on a grid of the map drills into its town.
    await page.waitForTimeout(1500);
    const box = await page.locator('.cc-map').boundingBox();
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    await expect
      .poll(async () => page.getByTestId('cc-breadcrumb').locator('.ant-breadcrumb-link').count(), { timeout: 60_000 })
      .toBe(2);
    await context.close();
  });

  it('reads on a laptop screen too', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN', baseURL: baseUrl });
    const page = await context.newPage();
    await login(page, 'leader');
    await page.goto('/command');
    await page.locator('.cc-map path.leaflet-interactive').first().waitFor();
    await page.waitForTimeout(800);
    await shot(page, 'command-county-laptop');
    await context.close();
  });

  it('opens the dashboards and exports a table whose numbers match the page', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      baseURL: baseUrl,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await login(page, 'leader');
    await page.goto('/dashboards');
    const summary = await apiJson<{ from: string; to: string; received: number; closed: number }>(
      page,
      '/api/dashboards/summary',
    );
    expect(summary.received).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('kpi-received').locator('.ant-statistic-content-value').textContent())
      .toBe(summary.received.toLocaleString('en-US'));
    await page.locator('[data-testid="trend-panel"] canvas').first().waitFor();
    await page.waitForTimeout(1000);
    await shot(page, 'dashboards');
    await page.getByTestId('unit-table').scrollIntoViewIfNeeded();
    await shot(page, 'dashboards-units');

    // The places table on the page, the API and the xlsx export hold the same numbers.
    const places = await apiJson<{
      items: { name: string; received: number; closed: number; openNow: number; overdueNow: number }[];
    }>(page, `/api/dashboards/breakdown?by=place&from=${summary.from}&to=${summary.to}`);
    const firstRow = page.getByTestId('place-table').locator('tbody tr').first();
    const cells = await firstRow.locator('td').allTextContents();
    const first = places.items[0];
    expect(cells.slice(0, 5)).toEqual([
      first?.name,
      String(first?.received),
      String(first?.closed),
      String(first?.openNow),
      String(first?.overdueNow),
    ]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-place').click()]);
    const file = path.join(SHOTS, '..', 'dashboards-places.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws?.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1, 6));
    });
    expect(rows).toEqual(places.items.map((i) => [i.name, i.received, i.closed, i.openNow, i.overdueNow]));

    // The trend export equals the trend the chart draws.
    const trend = await apiJson<{ items: { period: string; received: number; closed: number }[] }>(
      page,
      `/api/dashboards/trend?from=${summary.from}&to=${summary.to}&interval=day`,
    );
    const [trendDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-trend').click(),
    ]);
    const trendFile = path.join(SHOTS, '..', 'dashboards-trend.xlsx');
    await trendDownload.saveAs(trendFile);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(readFileSync(trendFile) as unknown as ExcelJS.Buffer);
    const trows: unknown[][] = [];
    twb.worksheets[0]?.eachRow((row, n) => {
      if (n > 2) trows.push((row.values as unknown[]).slice(1, 4));
    });
    expect(trows).toEqual(trend.items.map((i) => [i.period, i.received, i.closed]));
    expect(trend.items.reduce((s, i) => s + i.received, 0)).toBe(summary.received);
    await context.close();
  });
});
