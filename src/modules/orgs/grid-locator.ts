// Point → grid in microseconds: a Flatbush index over the grids' bounding boxes narrows the candidates,
// then an exact point-in-polygon test decides. A point on the edge shared by two grids goes to the grid
// with the lower code, so the answer never depends on load order.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONGeometry } from '../../db/schema.js';

export interface LocatableGrid {
  id: number;
  code: string;
  boundary: GeoJSONGeometry;
}

function bbox(geometry: GeoJSONGeometry): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of rings as number[][][][]) {
    for (const ring of polygon) {
      for (const [x = 0, y = 0] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

export class GridLocator {
  private readonly index: Flatbush | null;
  constructor(private readonly grids: readonly LocatableGrid[]) {
    if (grids.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(grids.length);
    for (const grid of grids) index.add(...bbox(grid.boundary));
    index.finish();
    this.index = index;
  }

  get size(): number {
    return this.grids.length;
  }

  /** The grid containing the point, or null when it lies in none. */
  locate(lng: number, lat: number): LocatableGrid | null {
    if (!this.index) return null;
    let best: LocatableGrid | null = null;
    for (const i of this.index.search(lng, lat, lng, lat)) {
      const grid = this.grids[i];
      if (!grid) continue;
      if (
        booleanPointInPolygon([lng, lat], grid.boundary as Polygon | MultiPolygon) &&
        (!best || grid.code < best.code)
      )
        best = grid;
    }
    return best;
  }
}
