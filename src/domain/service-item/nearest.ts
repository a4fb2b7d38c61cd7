// The nearest station: by great-circle distance from where the resident is (the phone's location), or from the
// centre of their village when the phone gives none; without either, the stations in the order given.

export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Haversine distance in metres. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isGeoPoint(p: Partial<GeoPoint> | null | undefined): p is GeoPoint {
  return (
    !!p &&
    typeof p.lat === 'number' &&
    typeof p.lng === 'number' &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lng) <= 180
  );
}

/** The stations nearest first, each with its distance (null, and the given order kept, without an origin). */
export function byDistance<T extends GeoPoint>(
  stations: readonly T[],
  origin: GeoPoint | null,
): (T & { distanceM: number | null })[] {
  if (!origin) return stations.map((s) => ({ ...s, distanceM: null }));
  return stations
    .map((s, i) => ({ s: { ...s, distanceM: Math.round(distanceMeters(origin, s)) }, i }))
    .sort((a, b) => (a.s.distanceM as number) - (b.s.distanceM as number) || a.i - b.i)
    .map(({ s }) => s);
}
