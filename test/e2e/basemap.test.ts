// Base maps (issue 20): a tile server on this machine (the test's own) is configured with BASEMAP_URL and
// BASEMAP_ATTRIBUTION; the grid map, the command centre and the citizen's place picker request its tiles for the
// county's area, show them under the grid polygons, and show the provider's attribution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_PHONE, type E2E, loginStaff, MOBILE, shot, startE2E } from './support/browser.js';
import { startTileServer, type TileServer } from './support/tiles.js';

let e2e: E2E;
let tiles: TileServer;
const requested: { z: number; x: number; y: number }[] = [];
const ATTRIBUTION = '测试底图 © 本机瓦片服务';

/** The tile (z, x, y) of Web Mercator that holds a WGS-84 point. */
function tileOf(lat: number, lng: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

beforeAll(async () => {
  // One light tile with a "road" across it, served for every z/x/y (as a county's own tile server would).
  tiles = await startTileServer(
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#f2efe6"/>' +
      '<path d="M0 90 L256 170" stroke="#ffffff" stroke-width="10"/><path d="M120 0 L150 256" stroke="#f7d794" stroke-width="8"/>' +
      '<rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#e0dccf"/></svg>',
    (tile) => requested.push(tile),
  );
  e2e = await startE2E({
    GONGZHI_MODE: 'demo',
    SEED_HISTORY: 'false',
    LOG_LEVEL: 'warn',
    BASEMAP_URL: tiles.template,
    BASEMAP_ATTRIBUTION: ATTRIBUTION,
  });
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
  await tiles?.close();
});

/** Grid centres of the county (WGS-84), from the public grid map the citizen page uses. */
async function gridCentres(): Promise<{ lat: number; lng: number }[]> {
  const res = await fetch(`${e2e.baseUrl}/api/basemap`);
  expect(await res.json()).toMatchObject({ provider: 'custom', coordSystem: 'wgs84' });
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const grids = (await (
    await fetch(`${e2e.baseUrl}/api/orgs?kind=grid&limit=500`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { items?: { centerLat: number | null; centerLng: number | null }[] };
  return (grids.items ?? [])
    .filter((g) => g.centerLat !== null && g.centerLng !== null)
    .map((g) => ({ lat: Number(g.centerLat), lng: Number(g.centerLng) }));
}

describe('base map from a configured tile server', () => {
  it('the grid map requests the tiles of the county, draws them under the polygons, with the attribution', async () => {
    const { page } = await e2e.newPage();
    await loginStaff(page, 'admin');
    requested.length = 0;
    await page.goto('/admin/grids');
    const map = page.locator('.gz-map');
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    await map.locator('path.leaflet-interactive').first().waitFor();
    expect(requested.length).toBeGreaterThan(0);
    // Every tile image comes from the configured server, and the polygons are drawn above the tile pane.
    const sources = await map
      .locator('img.leaflet-tile')
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    expect(sources.every((s) => /^http:\/\/127\.0\.0\.1:\d+\/\d+\/\d+\/\d+\.png$/.test(s))).toBe(true);
    await expect(map.locator('.leaflet-control-attribution').textContent()).resolves.toContain(ATTRIBUTION);
    // The tiles asked for are the county's: some grid's centre lies in one of them (WGS-84 on WGS-84 tiles).
    const centres = await gridCentres();
    expect(centres.length).toBeGreaterThan(0);
    const held = centres.some((c) =>
      requested.some((t) => {
        const own = tileOf(c.lat, c.lng, t.z);
        return own.x === t.x && own.y === t.y;
      }),
    );
    expect(held).toBe(true);
    await shot(page, 'basemap-grids');
    await page.context().close();
  });

  it('the command centre and the citizen place picker draw the same base map', async () => {
    const { page } = await e2e.newPage({ width: 1920, height: 1080 });
    await loginStaff(page, 'admin');
    requested.length = 0;
    await page.goto('/command');
    await page.locator('.cc-map img.leaflet-tile-loaded').first().waitFor({ timeout: 60_000 });
    expect(requested.length).toBeGreaterThan(0);
    await page.context().close();

    // 一键反映 works before sign-in: its place picker draws the grids on the same base map.
    const phone = await e2e.newPage(MOBILE, { mobile: true });
    requested.length = 0;
    await phone.page.goto('/report');
    await phone.page.getByTestId('phone').fill(CITIZEN_PHONE);
    await phone.page.getByTestId('request-code').click();
    const code = (await phone.page.getByTestId('demo-code').textContent())?.trim() ?? '';
    await phone.page.getByTestId('code').fill(code);
    await phone.page.getByTestId('sign-in').click();
    await phone.page.getByTestId('place-map').click();
    const picker = phone.page.getByTestId('map-picker');
    await picker.locator('img.leaflet-tile-loaded').first().waitFor();
    await picker.locator('path.leaflet-interactive').first().waitFor();
    expect(requested.length).toBeGreaterThan(0);
    await expect(picker.locator('.leaflet-control-attribution').textContent()).resolves.toContain(ATTRIBUTION);
    await picker.scrollIntoViewIfNeeded();
    await shot(phone.page, 'basemap-citizen-picker');
    await phone.context.close();
  });
});
