// The demo county's geography, generated and pure: an irregular county outline, grid cells that tile it
// exactly (a Voronoi diagram of jittered seed points, each cell clipped to the outline), and the grouping of
// cells into villages/communities and those into towns/streets. Streets are the dense core around the
// county seat (more, smaller grids); towns share the countryside around it.
import { Delaunay } from 'd3-delaunay';
import { mulberry32, type Rng } from './random.js';

export type Point = [number, number]; // [lng, lat]
export type Ring = Point[]; // closed: first point repeated at the end

export const COUNTY_CENTER: Point = [120.125, 29.3];
/** The county seat (县城), where the streets are. */
export const COUNTY_SEAT: Point = [120.14, 29.305];
const RADIUS_LNG = 0.215;
const RADIUS_LAT = 0.145;
/** Radius (in scaled degrees) of the dense urban core that the streets cover. */
const CORE_RADIUS = 0.042;
const COS_LAT = Math.cos((29.3 * Math.PI) / 180);

/** Distance in degrees of latitude, with longitude scaled to the same length. */
export function distance(a: Point, b: Point): number {
  const dx = (a[0] - b[0]) * COS_LAT;
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Signed area (positive when counter-clockwise with y up) of a closed or open ring. */
export function signedArea(ring: readonly Point[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = ring[i] as Point;
    const [x2, y2] = ring[(i + 1) % n] as Point;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area centroid of a ring. */
export function centroid(ring: readonly Point[]): Point {
  const open = isClosed(ring) ? ring.slice(0, -1) : ring;
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = open.length;
  for (let i = 0; i < n; i++) {
    const [x1, y1] = open[i] as Point;
    const [x2, y2] = open[(i + 1) % n] as Point;
    const f = x1 * y2 - x2 * y1;
    a += f;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const sx = open.reduce((s, p) => s + p[0], 0);
    const sy = open.reduce((s, p) => s + p[1], 0);
    return [sx / n, sy / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

function isClosed(ring: readonly Point[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return ring.length > 1 && !!first && !!last && first[0] === last[0] && first[1] === last[1];
}

/** Ray-casting point-in-polygon for one ring (boundary points may go either way). */
export function pointInRing(p: Point, ring: readonly Point[]): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The county outline: a smooth, irregular blob, closed and counter-clockwise. */
export function countyOutline(vertices = 96): Ring {
  const ring: Ring = [];
  for (let i = 0; i < vertices; i++) {
    const t = (2 * Math.PI * i) / vertices;
    const r = (1 + 0.09 * Math.sin(2 * t + 0.5) + 0.06 * Math.sin(3 * t + 1.3) + 0.035 * Math.sin(5 * t + 2.1)) / 1.16;
    ring.push([
      round6(COUNTY_CENTER[0] + RADIUS_LNG * r * Math.cos(t)),
      round6(COUNTY_CENTER[1] + RADIUS_LAT * r * Math.sin(t)),
    ]);
  }
  ring.push([...(ring[0] as Point)] as Point);
  return ring;
}

export function ringBbox(ring: readonly Point[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Sutherland–Hodgman: clips `subject` (any simple polygon, open ring) by the convex polygon `clip` (open ring).
 * Returns an open ring (possibly empty).
 */
export function clipByConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  const orientation = Math.sign(signedArea(clip)) || 1;
  let output: Point[] = subject.slice();
  const n = clip.length;
  for (let i = 0; i < n && output.length > 0; i++) {
    const a = clip[i] as Point;
    const b = clip[(i + 1) % n] as Point;
    const side = (p: Point) => orientation * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const cur = input[j] as Point;
      const prev = input[(j + input.length - 1) % input.length] as Point;
      const sc = side(cur);
      const sp = side(prev);
      if (sc >= 0) {
        if (sp < 0) output.push(intersect(prev, cur, sp, sc));
        output.push(cur);
      } else if (sp >= 0) {
        output.push(intersect(prev, cur, sp, sc));
      }
    }
  }
  return output;
}

function intersect(p: Point, q: Point, sp: number, sq: number): Point {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Seed points: a jittered lattice over the outline, finer in the county seat's core. */
export function gridSites(outline: Ring, rng: Rng): Point[] {
  const [minX, minY, maxX, maxY] = ringBbox(outline);
  const sites: Point[] = [];
  const lattice = (stepLat: number, accept: (p: Point) => boolean) => {
    const stepLng = stepLat / COS_LAT;
    for (let y = minY + stepLat / 2; y < maxY; y += stepLat) {
      for (let x = minX + stepLng / 2; x < maxX; x += stepLng) {
        const p: Point = [x + (rng() - 0.5) * 0.7 * stepLng, y + (rng() - 0.5) * 0.7 * stepLat];
        if (pointInRing(p, outline) && accept(p)) sites.push(p);
      }
    }
  };
  lattice(0.0125, (p) => distance(p, COUNTY_SEAT) > CORE_RADIUS + 0.004);
  lattice(0.0068, (p) => distance(p, COUNTY_SEAT) <= CORE_RADIUS);
  return sites;
}

export interface GridCell {
  /** Index of the cell in the generated list. */
  index: number;
  site: Point;
  /** Closed, counter-clockwise ring, coordinates rounded to 6 decimals. */
  ring: Ring;
  center: Point;
  /** True for cells of the dense core (the streets). */
  urban: boolean;
}

/**
 * Grid polygons that tile the outline without gaps or overlaps: Voronoi cells of sites inside the outline
 * (which cover the whole plane between them), each clipped to the outline.
 */
export function gridPolygons(seed = 20251125): { outline: Ring; cells: GridCell[] } {
  const rng = mulberry32(seed);
  const outline = countyOutline();
  const sites = gridSites(outline, rng);
  const [minX, minY, maxX, maxY] = ringBbox(outline);
  const voronoi = Delaunay.from(sites).voronoi([minX - 0.01, minY - 0.01, maxX + 0.01, maxY + 0.01]);
  const subject = outline.slice(0, -1);
  const cells: GridCell[] = [];
  sites.forEach((site, i) => {
    const polygon = voronoi.cellPolygon(i);
    if (!polygon) return;
    const clip = (polygon as unknown as Point[]).slice(0, -1).map((p) => [p[0], p[1]] as Point);
    let ring = clipByConvex(subject, clip).map((p) => [round6(p[0]), round6(p[1])] as Point);
    ring = ring.filter((p, k) => {
      const prev = ring[(k + ring.length - 1) % ring.length] as Point;
      return !(prev[0] === p[0] && prev[1] === p[1]);
    });
    if (ring.length < 3) return;
    if (signedArea(ring) < 0) ring.reverse();
    ring.push([...(ring[0] as Point)] as Point);
    cells.push({
      index: cells.length,
      site,
      ring,
      center: centroid(ring),
      urban: distance(site, COUNTY_SEAT) <= CORE_RADIUS,
    });
  });
  return { outline, cells };
}

export interface TownPlan {
  name: string;
  subkind: '镇' | '街道';
  /** Where the town's seat lies (streets: around the county seat). */
  seed: Point;
  /** Average grids per village/community. */
  gridsPerVillage: number;
}

/** Groups point indices into k clusters with a few rounds of k-means (deterministic, never empty). */
export function kmeans(points: readonly Point[], k: number, rng: Rng, rounds = 10): number[] {
  const n = points.length;
  if (k >= n) return points.map((_, i) => i);
  // farthest-point initialisation from a random start
  const centers: Point[] = [points[Math.floor(rng() * n)] as Point];
  while (centers.length < k) {
    let best = 0;
    let bestD = -1;
    points.forEach((p, i) => {
      const d = Math.min(...centers.map((c) => distance(p, c)));
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    });
    centers.push(points[best] as Point);
  }
  let assign = new Array<number>(n).fill(0);
  for (let r = 0; r < rounds; r++) {
    assign = points.map((p) => {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      centers.forEach((c, j) => {
        const d = distance(p, c);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      return best;
    });
    // refill empty clusters with the point farthest from the centre of the largest cluster
    for (let j = 0; j < k; j++) {
      if (assign.includes(j)) continue;
      const sizes = new Array<number>(k).fill(0);
      for (const a of assign) sizes[a] = (sizes[a] ?? 0) + 1;
      const largest = sizes.indexOf(Math.max(...sizes));
      let far = -1;
      let farD = -1;
      assign.forEach((a, i) => {
        if (a !== largest) return;
        const d = distance(points[i] as Point, centers[largest] as Point);
        if (d > farD) {
          farD = d;
          far = i;
        }
      });
      assign[far] = j;
      centers[j] = points[far] as Point;
    }
    for (let j = 0; j < k; j++) {
      const members = points.filter((_, i) => assign[i] === j);
      if (members.length === 0) continue;
      centers[j] = [
        members.reduce((s, p) => s + p[0], 0) / members.length,
        members.reduce((s, p) => s + p[1], 0) / members.length,
      ];
    }
  }
  return assign;
}

export interface CountyLayout {
  outline: Ring;
  towns: { plan: TownPlan; villages: { cells: GridCell[] }[] }[];
}

/**
 * Assigns the cells to towns (urban core: streets by nearest street seed; countryside: nearest town seed)
 * and splits each town into villages by k-means over the cells' sites. Villages and grids are ordered
 * north-west first, so names and codes follow the map.
 */
export function layoutCounty(plans: readonly TownPlan[], seed = 20251125): CountyLayout {
  const { outline, cells } = gridPolygons(seed);
  const rng = mulberry32(seed ^ 0x5eed);
  const streets = plans.map((p, i) => [p, i] as const).filter(([p]) => p.subkind === '街道');
  const towns = plans.map((p, i) => [p, i] as const).filter(([p]) => p.subkind === '镇');
  const byTown: GridCell[][] = plans.map(() => []);
  for (const cell of cells) {
    const candidates = cell.urban ? streets : towns;
    let best = candidates[0]?.[1] ?? 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (const [plan, i] of candidates) {
      const d = distance(cell.site, plan.seed);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    byTown[best]?.push(cell);
  }
  const order = (a: Point, b: Point) => b[1] - a[1] || a[0] - b[0];
  return {
    outline,
    towns: plans.map((plan, t) => {
      const townCells = byTown[t] ?? [];
      const k = Math.max(3, Math.round(townCells.length / plan.gridsPerVillage));
      const assign = kmeans(
        townCells.map((c) => c.site),
        k,
        rng,
      );
      const villages: { cells: GridCell[] }[] = [];
      for (let j = 0; j < k; j++) {
        const vcells = townCells.filter((_, i) => assign[i] === j).sort((a, b) => order(a.center, b.center));
        if (vcells.length > 0) villages.push({ cells: vcells });
      }
      villages.sort((a, b) => order(meanPoint(a.cells.map((c) => c.center)), meanPoint(b.cells.map((c) => c.center))));
      return { plan, villages };
    }),
  };
}

export function meanPoint(points: readonly Point[]): Point {
  const n = points.length || 1;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

/** A uniformly random point strictly inside the ring (rejection sampling in its bounding box). */
export function randomPointIn(ring: Ring, rng: Rng): Point {
  const [minX, minY, maxX, maxY] = ringBbox(ring);
  for (let i = 0; i < 200; i++) {
    const p: Point = [round6(minX + rng() * (maxX - minX)), round6(minY + rng() * (maxY - minY))];
    if (pointInRing(p, ring)) return p;
  }
  const c = centroid(ring);
  return [round6(c[0]), round6(c[1])];
}
