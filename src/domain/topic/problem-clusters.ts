// 每月一题: the month's cases grouped into problems. Two cases are the same problem when their texts are alike
// (cosine of tf-idf weighted term vectors) — very alike anywhere in the area, or fairly alike at the same place
// (same grid or village, or a few hundred metres apart): a county-wide problem is found by its words, a local
// one (a building's lift, a site's noise, told in different words) by its words and its place. Linked cases form
// clusters (union–find). Candidate pairs share one of their most telling terms, so the work stays near linear.
import { cosine, type Place, placeSimilarity, type TermVector } from '../analysis/similarity.js';
import { UnionFind } from '../analysis/union-find.js';

export interface ProblemCase extends Place {
  id: number;
  /** Raw term counts (words and Han bigrams), as analysis reads them from the search vector. */
  vector: TermVector;
  /** The case's topic-level category (second level), or null when not classified. */
  categoryId: number | null;
  townId: number | null;
}

export interface ClusterOptions {
  /** Cosine (tf-idf) above which two cases are one problem wherever they are. */
  minText: number;
  /** Cosine above which two cases at the same place are one problem. */
  minTextNear: number;
  /** "The same place": same grid, same village, or at most this far apart. */
  nearMeters: number;
  /** Smallest cluster reported. */
  minCases: number;
  /** How many of each case's heaviest terms index it for candidate pairs. */
  keyTerms: number;
  /**
   * A key term shared by more than this share of the month's cases (and more than minPosting of them) says
   * nothing and pairs nothing; below minPosting every pair is cheap enough to compare.
   */
  maxTermShare: number;
  minPosting: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  // tf-idf cosines of short complaints are low: on the county's real messages the background's 99.9th percentile
  // is about 0.13 while rewordings of one matter sit around 0.2 (see problem-clusters.test.ts)
  minText: 0.25,
  minTextNear: 0.12,
  nearMeters: 500,
  minCases: 3,
  keyTerms: 8,
  maxTermShare: 0.05,
  minPosting: 100,
};

export interface ProblemCluster {
  caseIds: number[];
  /** Mean text similarity of the linked pairs. */
  cohesion: number;
}

/**
 * Inverse document frequencies over a set of vectors, ln((n + prior + 1) / (df + 1)) + 1: `prior` documents
 * that lack every term are counted too, so that in a small month (a town's few dozen cases) a problem's own
 * words, shared by half the cases, are not taken for function words.
 */
export function inverseFrequencies(vectors: readonly TermVector[], prior = 1000): Map<string, number> {
  const df = new Map<string, number>();
  for (const v of vectors) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = vectors.length + prior;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log((n + 1) / (d + 1)) + 1);
  return idf;
}

/** A vector weighted by idf (terms the table lacks get `unknown`, the weight of a rare term). */
export function weighted(v: TermVector, idf: ReadonlyMap<string, number>, unknown: number): TermVector {
  const out: TermVector = new Map();
  for (const [t, c] of v) out.set(t, (1 + Math.log(c)) * (idf.get(t) ?? unknown));
  return out;
}

function heaviest(v: TermVector, n: number): string[] {
  return [...v]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([t]) => t);
}

export function clusterProblems(
  cases: readonly ProblemCase[],
  options: Partial<ClusterOptions> = {},
): { clusters: ProblemCluster[]; idf: Map<string, number> } {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const idf = inverseFrequencies(cases.map((c) => c.vector));
  const rare = Math.max(1, ...idf.values());
  const vectors = cases.map((c) => weighted(c.vector, idf, rare));
  const sets = new UnionFind(cases.length);
  const find = (i: number): number => sets.find(i);
  const postings = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    for (const t of heaviest(v, o.keyTerms)) {
      const list = postings.get(t) ?? [];
      list.push(i);
      postings.set(t, list);
    }
  });
  const maxPosting = Math.max(o.minPosting, Math.floor(cases.length * o.maxTermShare));
  const seen = new Set<number>();
  const links: [number, number][] = [];
  const sims: number[] = [];
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > maxPosting) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number;
        const j = list[y] as number;
        const pair = i * cases.length + j;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const t = cosine(vectors[i] as TermVector, vectors[j] as TermVector);
        if (t < o.minTextNear) continue;
        if (t < o.minText) {
          const p = placeSimilarity(cases[i] as ProblemCase, cases[j] as ProblemCase);
          const near = p.sameGrid || p.sameVillage || (p.distanceMeters !== null && p.distanceMeters <= o.nearMeters);
          if (!near) continue;
        }
        links.push([i, j]);
        sims.push(t);
        sets.union(i, j);
      }
    }
  }
  const groups = sets.groups();
  const cohesion = new Map<number, { sum: number; n: number }>();
  links.forEach(([i], k) => {
    const r = find(i);
    const s = cohesion.get(r) ?? { sum: 0, n: 0 };
    s.sum += sims[k] as number;
    s.n++;
    cohesion.set(r, s);
  });
  const clusters: ProblemCluster[] = [];
  for (const [root, members] of groups) {
    if (members.length < o.minCases) continue;
    const s = cohesion.get(root) ?? { sum: 0, n: 1 };
    clusters.push({ caseIds: members.map((i) => (cases[i] as ProblemCase).id), cohesion: s.sum / s.n });
  }
  clusters.sort((a, b) => b.caseIds.length - a.caseIds.length || (a.caseIds[0] ?? 0) - (b.caseIds[0] ?? 0));
  return { clusters, idf };
}
