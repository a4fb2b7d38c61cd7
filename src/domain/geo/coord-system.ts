// Coordinate systems. The platform stores every point in WGS-84 (longitude/latitude as GPS and the browser's
// geolocation give them; 天地图's CGCS2000 differs from it by centimetres and is treated as the same). Points
// that a channel declares in another system are converted on the way in: GCJ-02 (国测局, used by 高德 / 腾讯
// maps and WeChat's location) and BD-09 (百度). Tiles drawn in GCJ-02 need the stored points converted the
// other way for display. The conversions are gcoord's (an npm library in wide use); outside China the
// offsets are zero and a point passes unchanged.
import gcoordImport, { type CRSTypes } from 'gcoord';

// gcoord is CommonJS whose declarations say `export default`: under Node the default import is the module
// itself, while the NodeNext types see it one level down. This takes whichever holds the functions.
type Gcoord = typeof import('gcoord').default;
const gcoord = ((gcoordImport as { default?: Gcoord }).default ?? gcoordImport) as Gcoord;

export type CoordSystem = 'wgs84' | 'gcj02' | 'bd09';

export const COORD_SYSTEMS: readonly CoordSystem[] = ['wgs84', 'gcj02', 'bd09'];

export interface LatLng {
  lat: number;
  lng: number;
}

// The names channels use for each system (compared in lower case with spaces, '-' and '_' removed).
const ALIASES: Record<string, CoordSystem> = {
  wgs84: 'wgs84',
  wgs1984: 'wgs84',
  epsg4326: 'wgs84',
  gps: 'wgs84',
  cgcs2000: 'wgs84',
  epsg4490: 'wgs84',
  tianditu: 'wgs84',
  天地图: 'wgs84',
  gcj02: 'gcj02',
  gcj: 'gcj02',
  amap: 'gcj02',
  gaode: 'gcj02',
  高德: 'gcj02',
  qq: 'gcj02',
  tencent: 'gcj02',
  腾讯: 'gcj02',
  wechat: 'gcj02',
  微信: 'gcj02',
  火星坐标: 'gcj02',
  国测局: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
  baidu: 'bd09',
  bmap: 'bd09',
  百度: 'bd09',
};

/**
 * The system a channel named: undefined when it named none (then WGS-84 is meant), null when the name is
 * not one we know (the caller refuses the point rather than store it off by hundreds of metres).
 */
export function parseCoordSystem(value: unknown): CoordSystem | null | undefined {
  if (value === undefined || value === null) return undefined;
  const key = String(value)
    .trim()
    .toLowerCase()
    .replace(/[\s\-_:.]/g, '');
  if (!key) return undefined;
  return ALIASES[key] ?? null;
}

/** The names accepted, for error messages and API descriptions. */
export const COORD_SYSTEM_HINT = 'WGS84（GPS、天地图 CGCS2000）、GCJ02（高德、腾讯、微信）或 BD09（百度）';

const GCOORD: Record<CoordSystem, CRSTypes> = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
};

/** A point converted from one system to another (the same point when both are the same). */
export function convertPoint(point: LatLng, from: CoordSystem, to: CoordSystem): LatLng {
  if (from === to) return { lat: point.lat, lng: point.lng };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD[from], GCOORD[to]) as [number, number];
  return { lat, lng };
}

/** A point as it arrived in `from`, in the stored system (WGS-84). */
export function toStored(point: LatLng, from: CoordSystem = 'wgs84'): LatLng {
  return convertPoint(point, from, 'wgs84');
}

/** A stored (WGS-84) point in the system of the map it is drawn on. */
export function forDisplay(point: LatLng, to: CoordSystem): LatLng {
  return convertPoint(point, 'wgs84', to);
}
