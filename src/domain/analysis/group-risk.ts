// Group risk (群体性风险): one matter raised by many different reporters in a short window. Cases that are
// alike in text and close in place are linked, linked cases form clusters (union–find), and a cluster with
// at least `minReporters` distinct reporters is a risk. Only cases of the same village (or, without one, the
// same grid or the same ~2 km cell) are compared, which keeps the work linear in practice.
import { cosine, type Place, placeSimilarity, type TermVector } from './similarity.js';
import { UnionFind } from './union-find.js';

export interface RiskCase extends Place {
  id: number;
  /** Who reported it: a phone, a citizen id, or null (anonymous: counted as one reporter per case). */
  reporter: string | null;
  vector: TermVector;
}

export interface GroupRiskOptions {
  /** Minimum text cosine for two cases to be the same matter. */
  minText: number;
  /** Cases farther apart than this (when both have a point) are different matters. */
  maxDistanceMeters: number;
  minReporters: number;
}

export const DEFAULT_GROUP_RISK_OPTIONS: GroupRiskOptions = { minText: 0.3, maxDistanceMeters: 2000, minReporters: 3 };

export interface RiskCluster {
  caseIds: number[];
  reporters: number;
  /** Mean pairwise text similarity inside the cluster (over linked pairs). */
  cohesion: number;
}

function near(a: RiskCase, b: RiskCase, maxDistance: number): boolean {
  const p = placeSimilarity(a, b);
  return p.distanceMeters === null || p.distanceMeters <= maxDistance;
}

function blockOf(c: RiskCase): string {
  if (c.villageId) return `v${c.villageId}`;
  if (c.gridId) return `g${c.gridId}`;
  if (c.lat != null && c.lng != null) return `c${Math.round(c.lat * 50)},${Math.round(c.lng * 50)}`;
  return 'none';
}

export function findGroupRisks(cases: readonly RiskCase[], options: Partial<GroupRiskOptions> = {}): RiskCluster[] {
  const o = { ...DEFAULT_GROUP_RISK_OPTIONS, ...options };
  const sets = new UnionFind(cases.length);
  const find = (i: number): number => sets.find(i);
  const linkSum = new Map<number, { sum: number; n: number }>();
  const links: [number, number, number][] = [];
  const blocks = new Map<string, number[]>();
  cases.forEach((c, i) => {
    const k = blockOf(c);
    const list = blocks.get(k) ?? [];
    list.push(i);
    blocks.set(k, list);
  });
  for (const [block, members] of blocks) {
    if (block === 'none') continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x] as number;
        const j = members[y] as number;
        const a = cases[i] as RiskCase;
        const b = cases[j] as RiskCase;
        if (!near(a, b, o.maxDistanceMeters)) continue;
        const t = cosine(a.vector, b.vector);
        if (t < o.minText) continue;
        links.push([i, j, t]);
        sets.union(i, j);
      }
    }
  }
  for (const [i, , t] of links) {
    const r = find(i);
    const s = linkSum.get(r) ?? { sum: 0, n: 0 };
    s.sum += t;
    s.n++;
    linkSum.set(r, s);
  }
  const groups = sets.groups();
  const out: RiskCluster[] = [];
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    const reporters = new Set(members.map((i) => cases[i]?.reporter ?? `case:${cases[i]?.id}`)).size;
    if (reporters < o.minReporters) continue;
    const s = linkSum.get(root) ?? { sum: 0, n: 1 };
    out.push({ caseIds: members.map((i) => (cases[i] as RiskCase).id), reporters, cohesion: s.sum / s.n });
  }
  return out.sort((a, b) => b.reporters - a.reporters || b.caseIds.length - a.caseIds.length);
}
