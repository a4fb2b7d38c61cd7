// The base map under every map of the web app, from the environment: 天地图 with the county's key, any XYZ
// tile service by URL template (高德/腾讯 tiles are drawn in GCJ-02: BASEMAP_CRS=gcj02), or tiles the county
// hosts itself (a directory the server serves, or a path behind nginx). With nothing set, no tiles: the
// grid polygons on a plain background, as before. Each layer carries the attribution its provider requires.
import type { CoordSystem } from './coord-system.js';
import { parseCoordSystem } from './coord-system.js';

export interface TileLayerSpec {
  /** Leaflet URL template: {z}/{x}/{y}, {s} for a subdomain. */
  url: string;
  subdomains: string[];
  attribution: string;
  minZoom: number;
  maxZoom: number;
}

export interface Basemap {
  provider: 'none' | 'tianditu' | 'custom' | 'local';
  /** The system the tiles are drawn in: the web map converts the stored WGS-84 points into it. */
  coordSystem: CoordSystem;
  /** Bottom first (e.g. roads, then the labels layer). */
  layers: TileLayerSpec[];
}

/** The path the server serves BASEMAP_DIR's tiles under (inside /api); the format is BASEMAP_DIR_FORMAT's. */
export const LOCAL_TILE_PATH = '/api/basemap/tiles/{z}/{x}/{y}';
const TILE_FORMATS = ['png', 'jpg', 'jpeg', 'webp'];

export const NO_BASEMAP: Basemap = { provider: 'none', coordSystem: 'wgs84', layers: [] };

// 天地图's Web Mercator WMTS (…_w), subdomains t0–t7. Its terms ask for the 天地图 mark and the map's
// 审图号 on every page that shows it; the 审图号 of the current year is set with BASEMAP_ATTRIBUTION.
const TIANDITU_LAYERS: Record<string, [string, string]> = {
  vec: ['vec', 'cva'],
  img: ['img', 'cia'],
  ter: ['ter', 'cta'],
};
export const TIANDITU_ATTRIBUTION =
  '© <a href="https://www.tianditu.gov.cn" target="_blank">天地图</a> 国家地理信息公共服务平台';

function tiandituUrl(layer: string, key: string): string {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  );
}

function zoom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 22) throw new Error(`${name} must be a whole number 0–22, got "${value}"`);
  return n;
}

function subdomains(value: string | undefined): string[] {
  if (!value) return [];
  return value.includes(',')
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...value.trim()];
}

function template(value: string, name: string): string {
  if (!/\{z\}/.test(value) || !/\{x\}/.test(value) || !/\{-?y\}/.test(value)) {
    throw new Error(`${name} must be a tile URL template with {z}, {x} and {y}, got "${value}"`);
  }
  if (!/^(https?:\/\/|\/)/.test(value)) throw new Error(`${name} must start with http://, https:// or /`);
  return value;
}

/**
 * The base map the environment asks for; throws Error with a message an operator can act on.
 *   TIANDITU_KEY       天地图 key (browser type, bound to the site's domain) → 天地图 vector map + labels
 *   TIANDITU_STYLE     vec (default), img (imagery) or ter (terrain)
 *   BASEMAP_URL        any XYZ template, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png
 *   BASEMAP_LABELS_URL a second, transparent layer drawn over it (optional)
 *   BASEMAP_SUBDOMAINS what {s} takes: "1234" or "a,b,c"
 *   BASEMAP_ATTRIBUTION the provider's required notice (for 天地图: added after its mark, e.g. the 审图号)
 *   BASEMAP_CRS        wgs84 (default; 天地图 and OpenStreetMap-style tiles) or gcj02 (高德, 腾讯)
 *   BASEMAP_DIR        a directory of tiles {z}/{x}/{y}.png the server itself serves
 *   BASEMAP_DIR_FORMAT png (default), jpg or webp: the files' extension in BASEMAP_DIR
 *   BASEMAP_MIN_ZOOM, BASEMAP_MAX_ZOOM  (default 1 and 18)
 */
export function basemapFromEnv(env: Record<string, string | undefined>): Basemap {
  const minZoom = zoom(env.BASEMAP_MIN_ZOOM, 1, 'BASEMAP_MIN_ZOOM');
  const maxZoom = zoom(env.BASEMAP_MAX_ZOOM, 18, 'BASEMAP_MAX_ZOOM');
  const extra = env.BASEMAP_ATTRIBUTION?.trim() ?? '';
  const system = parseCoordSystem(env.BASEMAP_CRS);
  if (system === null) throw new Error(`BASEMAP_CRS must be wgs84 or gcj02, got "${env.BASEMAP_CRS}"`);
  if (system === 'bd09') {
    throw new Error(
      'BASEMAP_CRS=bd09: 百度 tiles use their own projection and are not supported; use 天地图 or gcj02 tiles',
    );
  }
  const layer = (url: string, attribution: string, subs: string[] = subdomains(env.BASEMAP_SUBDOMAINS)) => ({
    url,
    subdomains: subs,
    attribution,
    minZoom,
    maxZoom,
  });
  if (env.TIANDITU_KEY?.trim()) {
    const key = env.TIANDITU_KEY.trim();
    const style = env.TIANDITU_STYLE?.trim() || 'vec';
    const pair = TIANDITU_LAYERS[style];
    if (!pair) throw new Error(`TIANDITU_STYLE must be vec, img or ter, got "${style}"`);
    const attribution = extra ? `${TIANDITU_ATTRIBUTION} ${extra}` : TIANDITU_ATTRIBUTION;
    const subs = ['0', '1', '2', '3', '4', '5', '6', '7'];
    return {
      provider: 'tianditu',
      coordSystem: 'wgs84',
      layers: [layer(tiandituUrl(pair[0], key), attribution, subs), layer(tiandituUrl(pair[1], key), '', subs)],
    };
  }
  if (env.BASEMAP_URL?.trim()) {
    const url = template(env.BASEMAP_URL.trim(), 'BASEMAP_URL');
    if (!extra && !url.startsWith('/')) {
      throw new Error('BASEMAP_ATTRIBUTION is required with BASEMAP_URL: the notice the tile provider asks to show');
    }
    const layers = [layer(url, extra)];
    if (env.BASEMAP_LABELS_URL?.trim())
      layers.push(layer(template(env.BASEMAP_LABELS_URL.trim(), 'BASEMAP_LABELS_URL'), ''));
    return { provider: 'custom', coordSystem: system ?? 'wgs84', layers };
  }
  if (env.BASEMAP_DIR?.trim()) {
    const format = env.BASEMAP_DIR_FORMAT?.trim() || 'png';
    if (!TILE_FORMATS.includes(format)) throw new Error(`BASEMAP_DIR_FORMAT must be png, jpg or webp, got "${format}"`);
    return {
      provider: 'local',
      coordSystem: system ?? 'wgs84',
      layers: [layer(`${LOCAL_TILE_PATH}.${format}`, extra)],
    };
  }
  return NO_BASEMAP;
}

/** The file of one tile under BASEMAP_DIR, or null for anything that is not z/x/y.ext with whole numbers. */
export function localTileFile(z: string, x: string, y: string): { path: string; type: string } | null {
  const match = /^(\d{1,7})\.(png|jpg|jpeg|webp)$/.exec(y);
  if (!/^\d{1,2}$/.test(z) || !/^\d{1,7}$/.test(x) || !match) return null;
  const ext = match[2] as string;
  const type = ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : `image/${ext}`;
  return { path: `${Number(z)}/${Number(x)}/${Number(match[1])}.${ext}`, type };
}

/**
 * The origins the browser loads the base map's tiles from, for the Content-Security-Policy's img-src (tiles on
 * this server need none: 'self'). {s} is spelled out for each subdomain.
 */
export function basemapImageSources(basemap: Basemap): string[] {
  const origins = new Set<string>();
  for (const layer of basemap.layers) {
    if (layer.url.startsWith('/')) continue;
    for (const s of layer.subdomains.length ? layer.subdomains : ['a', 'b', 'c']) {
      const url = layer.url.replaceAll('{s}', s).replace(/\{[^}]*\}/g, '0');
      origins.add(new URL(url).origin);
    }
  }
  return [...origins];
}

/** basemapImageSources of the environment's base map; none when the settings are wrong (the start-up names it). */
export function basemapImageSourcesOf(env: Record<string, string | undefined>): string[] {
  try {
    return basemapImageSources(basemapFromEnv(env));
  } catch {
    return [];
  }
}
