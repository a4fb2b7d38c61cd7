// The length of a patrol's recorded track: great-circle (haversine) distances between consecutive points.
// GPS noise makes a standing phone "walk": jumps shorter than the reported accuracy are not counted.

export interface TrackPoint {
  lat: number;
  lng: number;
  /** Reported accuracy radius in metres, when the device gave one. */
  accuracyM?: number | null;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Distance in metres between two WGS84 points. */
export function haversineMetres(a: TrackPoint, b: TrackPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres walked along the points in order, ignoring moves within the larger accuracy radius of the two fixes. */
export function trackLengthMetres(points: readonly TrackPoint[]): number {
  let total = 0;
  let last: TrackPoint | undefined;
  for (const p of points) {
    if (last) {
      const d = haversineMetres(last, p);
      const noise = Math.max(last.accuracyM ?? 0, p.accuracyM ?? 0);
      if (d <= noise) continue;
      total += d;
    }
    last = p;
  }
  return Math.round(total * 10) / 10;
}
