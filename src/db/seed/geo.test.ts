import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { clipByConvex, countyOutline, gridPolygons, layoutCounty, pointInRing, ringBbox, signedArea } from './geo.js';
import { townPlans } from './index.js';
import { mulberry32 } from './random.js';

describe('county outline and grid polygons', () => {
  const { outline, cells } = gridPolygons();

  it('is deterministic', () => {
    const again = gridPolygons();
    expect(again.cells.length).toBe(cells.length);
    expect(again.cells[17]?.ring).toEqual(cells[17]?.ring);
  });

  it('makes at least 400 closed, counter-clockwise polygons inside the county bbox (lng 119.9–120.35, lat 29.15–29.45)', () => {
    expect(cells.length).toBeGreaterThanOrEqual(400);
    const [minX, minY, maxX, maxY] = ringBbox(outline);
    expect(minX).toBeGreaterThanOrEqual(119.9);
    expect(maxX).toBeLessThanOrEqual(120.35);
    expect(minY).toBeGreaterThanOrEqual(29.15);
    expect(maxY).toBeLessThanOrEqual(29.45);
    for (const c of cells) {
      expect(c.ring.length).toBeGreaterThanOrEqual(4);
      expect(c.ring[0]).toEqual(c.ring[c.ring.length - 1]);
      expect(signedArea(c.ring)).toBeGreaterThan(0);
    }
  });

  it('tiles the outline: the grid areas add up to the outline area', () => {
    const total = cells.reduce((s, c) => s + signedArea(c.ring), 0);
    // coordinates are rounded to 1e-6° (~10 cm): the border may move by that much, nothing more
    expect(Math.abs(total - signedArea(outline)) / signedArea(outline)).toBeLessThan(1e-5);
  });

  it('puts every random point inside the outline in exactly one grid, and none outside it', () => {
    const rng = mulberry32(7);
    const [minX, minY, maxX, maxY] = ringBbox(outline);
    const outlinePolygon = { type: 'Polygon' as const, coordinates: [outline] };
    const polygons = cells.map((c) => ({ type: 'Polygon' as const, coordinates: [c.ring], bbox: ringBbox(c.ring) }));
    let inside = 0;
    let multiple = 0;
    let missing = 0;
    let outsideHits = 0;
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [minX + rng() * (maxX - minX), minY + rng() * (maxY - minY)];
      const hits = polygons.filter(
        (g) =>
          p[0] >= g.bbox[0] &&
          p[0] <= g.bbox[2] &&
          p[1] >= g.bbox[1] &&
          p[1] <= g.bbox[3] &&
          booleanPointInPolygon(p, g),
      ).length;
      if (booleanPointInPolygon(p, outlinePolygon)) {
        inside++;
        if (hits === 0) missing++;
        if (hits > 1) multiple++;
      } else if (hits > 0) {
        outsideHits++;
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(missing).toBe(0);
    expect(multiple).toBe(0);
    expect(outsideHits).toBe(0);
  });

  it('groups grids into villages inside towns, streets in the dense core', () => {
    const layout = layoutCounty(townPlans());
    expect(layout.towns.length).toBeGreaterThanOrEqual(8);
    const villages = layout.towns.flatMap((t) => t.villages);
    expect(villages.length).toBeGreaterThanOrEqual(80);
    expect(villages.every((v) => v.cells.length > 0)).toBe(true);
    expect(villages.reduce((s, v) => s + v.cells.length, 0)).toBe(cells.length);
    const streets = layout.towns.filter((t) => t.plan.subkind === '街道');
    expect(streets.length).toBe(3);
    const meanArea = (ts: typeof layout.towns) => {
      const cs = ts.flatMap((t) => t.villages.flatMap((v) => v.cells));
      return cs.reduce((s, c) => s + signedArea(c.ring), 0) / cs.length;
    };
    // urban grids are smaller than rural ones
    expect(meanArea(streets)).toBeLessThan(meanArea(layout.towns.filter((t) => t.plan.subkind === '镇')) / 2);
  });
});

describe('geometry helpers', () => {
  it('clips a square by a convex triangle', () => {
    const square: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ];
    const triangle: [number, number][] = [
      [0, 0],
      [4, 0],
      [0, 4],
    ];
    const clipped = clipByConvex(square, triangle);
    expect(Math.abs(signedArea(clipped))).toBeCloseTo(4, 9);
    // clockwise clip polygon gives the same result
    expect(Math.abs(signedArea(clipByConvex(square, [...triangle].reverse())))).toBeCloseTo(4, 9);
  });

  it('knows inside from outside', () => {
    const ring = countyOutline();
    expect(pointInRing([120.125, 29.3], ring)).toBe(true);
    expect(pointInRing([119.9, 29.15], ring)).toBe(false);
  });
});
