// Base maps in GCJ-02 (issue 20): the platform stores WGS-84 and a base map configured as gcj02 (高德, 腾讯 tiles)
// gets the stored points converted for display. A tile server on this machine serves the tiles; on the command
// centre each grid polygon drawn inside the view must sit, against the tiles, where its vertices' GCJ-02
// positions fall — and not where the unconverted WGS-84 ones would (hundreds of metres, tens of pixels away).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDisplay } from '../../src/domain/geo/coord-system.js';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';
import { startTileServer, type TileServer } from './support/tiles.js';

let e2e: E2E;
let tiles: TileServer;
const ATTRIBUTION = '测试底图（GCJ-02）© 本机瓦片服务';

beforeAll(async () => {
  tiles = await startTileServer(
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#eef3e6"/>' +
      '<rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#c9d3bb"/></svg>',
  );
  e2e = await startE2E({
    GONGZHI_MODE: 'demo',
    SEED_HISTORY: 'false',
    LOG_LEVEL: 'warn',
    BASEMAP_URL: tiles.template,
    BASEMAP_ATTRIBUTION: ATTRIBUTION,
    BASEMAP_CRS: 'gcj02',
  });
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
  await tiles?.close();
});

type Ring = [number, number][];
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The vertices of each grid's outer rings (WGS-84, [lng, lat]) as the server stores them, in the map's order. */
async function gridRings(): Promise<Ring[]> {
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.baseUrl}/api/grids/geojson`, { headers: { authorization: `Bearer ${token}` } });
  const geo = (await res.json()) as {
    features: { geometry: { type: string; coordinates: unknown } }[];
  };
  return geo.features.map((f) =>
    f.geometry.type === 'Polygon'
      ? ((f.geometry.coordinates as Ring[])[0] as Ring)
      : (f.geometry.coordinates as Ring[][]).flatMap((p) => p[0] as Ring),
  );
}

/** Web Mercator pixel of a [lng, lat] point in a world of 256·2^z pixels (the tiles' grid). */
function worldPixel([lng, lat]: [number, number], z: number): { x: number; y: number } {
  const size = 256 * 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: ((lng + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size,
  };
}

/** What the page has drawn: the loaded tiles (their z/x/y and screen boxes) and the polygons' screen boxes. */
async function measure(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const map = document.querySelector('.cc-map') as HTMLElement;
    return {
      view: box(map.getBoundingClientRect()),
      tiles: [...map.querySelectorAll<HTMLImageElement>('img.leaflet-tile-loaded')].map((img) => ({
        src: img.src,
        box: box(img.getBoundingClientRect()),
      })),
      paths: [...map.querySelectorAll<SVGPathElement>('path.leaflet-interactive')].map((p) =>
        box(p.getBoundingClientRect()),
      ),
    };
  });
}

describe('a base map in GCJ-02', () => {
  it('draws the WGS-84 grid polygons at their GCJ-02 positions on the tiles', async () => {
    const info = await (await fetch(`${e2e.baseUrl}/api/basemap`)).json();
    expect(info).toMatchObject({ provider: 'custom', coordSystem: 'gcj02' });
    const rings = await gridRings();
    expect(rings.length).toBeGreaterThan(0);

    const { page, context } = await e2e.newPage({ width: 1920, height: 1080 });
    await loginStaff(page, 'admin');
    await page.goto('/command');
    const map = page.locator('.cc-map');
    await map.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 60_000 });
    await map.locator('path.leaflet-interactive').first().waitFor({ timeout: 60_000 });
    // The view settles (fitBounds, tiles of the final zoom): the same drawing measured twice in a row.
    let drawn = await measure(page);
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(500);
      const again = await measure(page);
      const same = JSON.stringify(again) === JSON.stringify(drawn);
      drawn = again;
      if (same && !(await page.locator('.cc-map .leaflet-zoom-anim').count())) break;
    }
    await expect(map.locator('.leaflet-control-attribution').textContent()).resolves.toContain(ATTRIBUTION);

    // Screen position of a tile-grid pixel, from one loaded tile of the zoom most tiles have.
    const parsed = drawn.tiles.flatMap((t) => {
      const m = /\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(t.src);
      return m ? [{ z: Number(m[1]), x: Number(m[2]), y: Number(m[3]), box: t.box }] : [];
    });
    const zs = parsed.map((t) => t.z);
    const z = zs.sort((a, b) => zs.filter((v) => v === b).length - zs.filter((v) => v === a).length)[0] as number;
    const tile = parsed.find((t) => t.z === z);
    if (!tile) throw new Error('no loaded tile');
    const scale = (tile.box.right - tile.box.left) / 256;
    const toScreen = (p: { x: number; y: number }) => ({
      x: tile.box.left + (p.x - tile.x * 256) * scale,
      y: tile.box.top + (p.y - tile.y * 256) * scale,
    });
    const boxOf = (ring: Ring, gcj: boolean): Box => {
      const pts = ring.map(([lng, lat]) => {
        const shown = gcj ? forDisplay({ lat, lng }, 'gcj02') : { lat, lng };
        return toScreen(worldPixel([shown.lng, shown.lat], z));
      });
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
    };
    const gcjBoxes = rings.map((r) => boxOf(r, true));
    const wgsBoxes = rings.map((r) => boxOf(r, false));
    // The conversion moves the county by many pixels at this zoom, so the two placements cannot be confused.
    const shift = Math.hypot(
      (gcjBoxes[0] as Box).left - (wgsBoxes[0] as Box).left,
      (gcjBoxes[0] as Box).top - (wgsBoxes[0] as Box).top,
    );
    expect(shift).toBeGreaterThan(8);

    const TOLERANCE = 2.5; // pixels: Leaflet rounds and simplifies paths by about one pixel
    const fits = (a: Box, b: Box) =>
      Math.abs(a.left - b.left) < TOLERANCE &&
      Math.abs(a.top - b.top) < TOLERANCE &&
      Math.abs(a.right - b.right) < TOLERANCE &&
      Math.abs(a.bottom - b.bottom) < TOLERANCE;
    // The GeoJSON layer draws one path per grid, in the order of the features. Only the polygons wholly inside
    // the view are compared (those crossing its edge are clipped by Leaflet).
    expect(drawn.paths).toHaveLength(rings.length);
    const inside = drawn.paths.flatMap((p, i) =>
      p.left > drawn.view.left + 2 &&
      p.top > drawn.view.top + 2 &&
      p.right < drawn.view.right - 2 &&
      p.bottom < drawn.view.bottom - 2 &&
      p.right - p.left > 4
        ? [{ drawn: p, gcj: gcjBoxes[i] as Box, wgs: wgsBoxes[i] as Box }]
        : [],
    );
    expect(inside.length).toBeGreaterThan(3);
    const off = inside.filter((p) => !fits(p.drawn, p.gcj));
    expect(off.map((p) => ({ drawn: p.drawn, gcj02: p.gcj }))).toEqual([]);
    expect(inside.filter((p) => fits(p.drawn, p.wgs))).toHaveLength(0);
    await shot(page, 'basemap-gcj02-command');
    await context.close();
  }, 240_000);
});
