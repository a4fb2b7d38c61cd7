// The grid map's 网格底数 layer (issue 14 §1) in the browser: the county platform switches the layer on, the
// grids are shaded by their people and the grids with overdue inspections carry a red marker; a grid clicked on
// the map (a real mouse click at a point inside its polygon — a dispatched DOM click does not reach Leaflet)
// shows that grid's figures equal to GET /api/grid-data/dashboard?orgId=<grid>, and its town's on request.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

interface Figures {
  people: number;
  households: number;
  things: number;
  overdue: number;
  byResidence: Record<string, number>;
  byTag: Record<string, number>;
  grids: { gridId: number; name: string; people: number; overdue: number; lat: number | null }[];
}

/**
 * A screen point inside the grid's polygon that the polygon itself receives (not a neighbour or a marker): the
 * centre of its box may lie outside a concave polygon, so points of the box are tried until one hits it.
 */
async function pointInside(page: Page, gridId: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((cls) => {
    const path = document.querySelector(`path.${cls}`);
    if (!path) return null;
    const box = path.getBoundingClientRect();
    for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  }, `gz-grid-${gridId}`);
  if (!point) throw new Error(`no point of grid ${gridId} reaches its polygon`);
  return point;
}

describe('grid map: the 网格底数 layer', () => {
  it('shades the grids, marks the overdue inspections and shows the clicked grid’s figures from the API', async () => {
    const scope = (await apiAs(e2e, 'county', 'GET', '/api/grid-data/dashboard')) as Figures;
    const withPeople = scope.grids.filter((g) => g.people > 0);
    expect(withPeople.length).toBeGreaterThan(0);
    // the grid with the most people: its figures are the ones most likely to be wrong if the panel mixed grids up
    const grid = [...withPeople].sort((a, b) => b.people - a.people)[0] as Figures['grids'][number];
    const expected = (await apiAs(e2e, 'county', 'GET', `/api/grid-data/dashboard?orgId=${grid.gridId}`)) as Figures;
    expect(expected.people).toBe(grid.people);

    const page = await staffPage(e2e, 'county');
    await page.goto('/admin/grids');
    await page.getByTestId('map-layer').waitFor();
    await page.locator(`path.gz-grid-${grid.gridId}`).waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/grid-data/dashboard') && r.ok()),
      page.getByTestId('map-layer').getByText('网格底数').click(),
    ]);

    // the legend counts the grids with overdue inspections; each with a centre has one red marker
    const overdue = scope.grids.filter((g) => g.overdue > 0);
    await page.getByTestId('griddata-legend').getByText(`巡检逾期的网格 ${overdue.length} 个`).waitFor();
    expect(await page.locator('path.gz-overdue').count()).toBe(overdue.filter((g) => g.lat !== null).length);
    // the grid with the most people takes the darkest shade, a grid without people the lightest (most of the demo
    // county's grids have no records: a scale over all grids once gave every grid the darkest shade)
    expect(await page.locator(`path.gz-grid-${grid.gridId}`).getAttribute('fill')).toBe('#08519c');
    const empty = scope.grids.find((g) => g.people === 0);
    if (empty) expect(await page.locator(`path.gz-grid-${empty.gridId}`).getAttribute('fill')).toBe('#eff3ff');
    expect(await page.getByTestId('griddata-shade').first().textContent()).toMatch(/^0(–\d+)?$/);

    // a real click inside the polygon selects the grid and loads its figures
    const { x, y } = await pointInside(page, grid.gridId);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/grid-data/dashboard?orgId=${grid.gridId}`) && r.ok()),
      page.mouse.click(x, y),
    ]);
    await page.getByTestId('grid-detail').getByText(grid.name, { exact: true }).waitFor();
    const panel = page.getByTestId('griddata-figures');
    await panel.getByTestId('griddata-people').waitFor();
    expect(await panel.getByTestId('griddata-people').textContent()).toBe(String(expected.people));
    expect(await panel.getByTestId('griddata-households').textContent()).toBe(String(expected.households));
    expect(await panel.getByTestId('griddata-overdue').textContent()).toBe(String(expected.overdue));
    for (const [residence, n] of Object.entries(expected.byResidence)) {
      expect(await panel.getByTestId('griddata-residence').textContent()).toContain(`${residence} ${n}`);
    }
    for (const [tag, n] of Object.entries(expected.byTag)) {
      expect(await panel.getByTestId('griddata-tags').textContent()).toContain(`${tag} ${n}`);
    }
    // the selected grid is outlined in black
    expect(await page.locator(`path.gz-grid-${grid.gridId}`).getAttribute('stroke')).toBe('#000');
    await shot(page, 'grid-data-map-01-grid');

    // its town's figures on request: the third choice of the panel's switch
    const townResponse = page.waitForResponse((r) => r.url().includes('/api/grid-data/dashboard?orgId=') && r.ok());
    await panel.getByTestId('griddata-level').locator('.ant-segmented-item').nth(2).click();
    const townFigures = (await (await townResponse).json()) as Figures;
    expect(townFigures.grids.map((g) => g.gridId)).toContain(grid.gridId);
    const byGrid = new Map(scope.grids.map((g) => [g.gridId, g.people]));
    expect(townFigures.people).toBe(townFigures.grids.reduce((sum, g) => sum + (byGrid.get(g.gridId) ?? 0), 0));
    expect(townFigures.people).toBeGreaterThan(expected.people);
    await panel.getByTestId('griddata-people').getByText(String(townFigures.people), { exact: true }).waitFor();
    await shot(page, 'grid-data-map-02-town');
  });
});
