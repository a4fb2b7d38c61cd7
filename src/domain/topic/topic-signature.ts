// What makes a case "of the topic": its kind of words, its category and its area. A problem found in one month
// is kept as a signature — its heaviest terms (the cluster's tf-idf centroid, weights summing to 1), the
// categories most of its cases carry, and the villages or towns it is bound to — so that the same rule counts
// the cases of every month, before and after adoption, and the effect of 未诉先办 can be read off the series.
import type { TermVector } from '../analysis/similarity.js';
import { type ProblemCase, weighted } from './problem-clusters.js';

export interface TopicSignature {
  /** The centroid's heaviest terms with weights summing to 1. */
  terms: [string, number][];
  /** A case with a category must carry one of these (empty: any). */
  categoryIds: number[];
  /** A case must lie in one of these towns (empty: anywhere in the area). */
  townIds: number[];
  /** … and in one of these villages (empty: any). */
  villageIds: number[];
  /** The share of the signature's weight a case's terms must cover. */
  minCoverage: number;
}

export interface MatchableCase {
  vector: TermVector;
  categoryId: number | null;
  townId: number | null;
  villageId?: number | null;
}

export const SIGNATURE_TERMS = 16;
/** A category, village or town is the topic's when this share of its cases carry it. */
const CATEGORY_SHARE = 0.25;
/** A problem is bound to places when this share of its cases lie in at most two of them. */
const PLACE_SHARE = 0.7;

/** The share of the signature's term weight present in a case's terms (0 … 1). */
export function coverage(signature: Pick<TopicSignature, 'terms'>, vector: TermVector): number {
  let c = 0;
  for (const [t, w] of signature.terms) if (vector.has(t)) c += w;
  return c;
}

export function matchesTopic(signature: TopicSignature, c: MatchableCase): boolean {
  if (signature.categoryIds.length && c.categoryId !== null && !signature.categoryIds.includes(c.categoryId)) {
    return false;
  }
  if (signature.townIds.length && (c.townId === null || !signature.townIds.includes(c.townId))) return false;
  if (signature.villageIds.length && (c.villageId == null || !signature.villageIds.includes(c.villageId))) {
    return false;
  }
  return coverage(signature, c.vector) >= signature.minCoverage;
}

function share<K>(keys: readonly (K | null | undefined)[]): [K, number][] {
  const counts = new Map<K, number>();
  for (const k of keys) if (k !== null && k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The two places holding most of the cases, when they hold at least PLACE_SHARE of them. */
function boundTo(keys: readonly (number | null)[]): number[] {
  const top = share(keys).slice(0, 2);
  const held = top.reduce((s, [, n]) => s + n, 0);
  return keys.length && held / keys.length >= PLACE_SHARE ? top.map(([k]) => k).sort((a, b) => a - b) : [];
}

/**
 * The signature of a cluster. `idf` is the month's (from clusterProblems); `area` restricts it to the towns of
 * the area it was found in (a town's topic counts that town's cases only).
 */
export function signatureOf(
  members: readonly ProblemCase[],
  idf: ReadonlyMap<string, number>,
  area: { townIds: number[] } = { townIds: [] },
): TopicSignature {
  const rare = Math.max(1, ...idf.values());
  const centroid = new Map<string, number>();
  for (const m of members) {
    const v = weighted(m.vector, idf, rare);
    let norm = 0;
    for (const w of v.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w / norm / members.length);
  }
  const top = [...centroid].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SIGNATURE_TERMS);
  const total = top.reduce((s, [, w]) => s + w, 0) || 1;
  const terms = top.map(([t, w]) => [t, Math.round((w / total) * 10_000) / 10_000] as [string, number]);
  const categorised = members.filter((m) => m.categoryId !== null);
  const categoryIds = share(categorised.map((m) => m.categoryId))
    .filter(([, n]) => n / categorised.length >= CATEGORY_SHARE)
    .map(([k]) => k as number)
    .sort((a, b) => a - b);
  const villageIds = boundTo(members.map((m) => m.villageId ?? null));
  const townIds = area.townIds.length
    ? [...area.townIds]
    : villageIds.length
      ? []
      : boundTo(members.map((m) => m.townId));
  // The threshold follows the cluster: a case matches when it covers about as much of the signature as the
  // cluster's own typical member does (within bounds, so a loose cluster does not make a loose rule).
  const own = members.map((m) => coverage({ terms }, m.vector)).sort((a, b) => a - b);
  const median = own[Math.floor(own.length / 2)] ?? 0;
  const minCoverage = Math.round(Math.min(0.6, Math.max(0.25, 0.6 * median)) * 1000) / 1000;
  const signature = { terms, categoryIds, townIds, villageIds, minCoverage };
  return signature;
}

/** The title of a problem, for people: the title of the member closest to the signature. */
export function representative<T extends { vector: TermVector }>(members: readonly T[], signature: TopicSignature): T {
  let best = members[0] as T;
  let bestScore = -1;
  for (const m of members) {
    const s = coverage(signature, m.vector);
    if (s > bestScore) [best, bestScore] = [m, s];
  }
  return best;
}
