// How alike two cases are: their text (cosine of word and character-bigram counts, title words weighing
// more) and their place (same grid, same village, distance), with the reasons shown to the dispatcher.

export type TermVector = Map<string, number>;

const HAN_RUN = /\p{Script=Han}+/gu;

/** Word and Han-bigram counts of a text; `words` come from the segmenter. */
export function termVector(
  words: readonly string[],
  text: string,
  weight = 1,
  into: TermVector = new Map(),
): TermVector {
  for (const w of words) into.set(w, (into.get(w) ?? 0) + weight);
  for (const run of text.normalize('NFKC').match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const k = `b:${run.slice(i, i + 2)}`;
      into.set(k, (into.get(k) ?? 0) + 0.5 * weight);
    }
  }
  return into;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Great-circle distance in metres. */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Place {
  gridId?: number | null;
  villageId?: number | null;
  lat?: number | null;
  lng?: number | null;
}

export interface PlaceMatch {
  score: number;
  sameGrid: boolean;
  sameVillage: boolean;
  distanceMeters: number | null;
}

/** 1 for the same spot, decaying with distance (half at ~500 m); the same grid / village count as near. */
export function placeSimilarity(a: Place, b: Place): PlaceMatch {
  const sameGrid = !!a.gridId && a.gridId === b.gridId;
  const sameVillage = !!a.villageId && a.villageId === b.villageId;
  const distanceMeters =
    a.lat != null && a.lng != null && b.lat != null && b.lng != null
      ? haversineMeters(a.lat, a.lng, b.lat, b.lng)
      : null;
  const byDistance = distanceMeters === null ? 0 : Math.exp((-Math.LN2 * distanceMeters) / 500);
  const score = Math.max(byDistance, sameGrid ? 0.8 : 0, sameVillage ? 0.5 : 0);
  return { score, sameGrid, sameVillage, distanceMeters };
}

export interface SimilarityWeights {
  text: number;
  place: number;
}

export const DEFAULT_SIMILARITY_WEIGHTS: SimilarityWeights = { text: 0.75, place: 0.25 };

export interface SimilarityResult {
  score: number;
  text: number;
  place: PlaceMatch;
  /** Why, for people: "文本相似 82%", "同一网格", "相距 120 米". */
  reasons: string[];
}

export function combineSimilarity(
  text: number,
  place: PlaceMatch,
  weights: SimilarityWeights = DEFAULT_SIMILARITY_WEIGHTS,
): SimilarityResult {
  const reasons = [`文本相似 ${Math.round(text * 100)}%`];
  if (place.sameGrid) reasons.push('同一网格');
  else if (place.sameVillage) reasons.push('同一村社区');
  if (place.distanceMeters !== null) {
    reasons.push(
      place.distanceMeters < 1000
        ? `相距 ${Math.round(place.distanceMeters)} 米`
        : `相距 ${(place.distanceMeters / 1000).toFixed(1)} 公里`,
    );
  }
  return { score: weights.text * text + weights.place * place.score, text, place, reasons };
}

/** Term counts of a search document (the space-separated output of searchDocument). */
export function documentVector(doc: string): TermVector {
  const v: TermVector = new Map();
  for (const t of doc.split(' ')) if (t) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

/**
 * Term counts of a tsvector as PostgreSQL prints it ('路灯':3,9 '小区':1): the number of positions of each
 * lexeme. Reading the stored vector is far cheaper than segmenting the text again.
 */
export function tsvectorCounts(text: string): TermVector {
  const v: TermVector = new Map();
  for (const m of text.matchAll(/'((?:[^']|'')+)'(?::([0-9A-D,]+))?/g)) {
    const term = (m[1] as string).replace(/''/g, "'");
    v.set(term, m[2] ? m[2].split(',').length : 1);
  }
  return v;
}
