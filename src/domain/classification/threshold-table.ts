// 智能派单 threshold table: for each confidence threshold, the share of cases whose suggestion would be
// dispatched automatically (confidence ≥ threshold) and the precision among them (the suggestion was right).
// Pure: the caller measures the predictions (cross-validated on labelled data, or the county's decided cases).

export interface ScoredPrediction {
  /** The classifier's confidence in its first choice, 0–1. */
  confidence: number;
  /** Whether the first choice was the right category (at the level being measured). */
  correct: boolean;
}

export interface ThresholdRow {
  threshold: number;
  /** How many predictions reach the threshold. */
  dispatched: number;
  /** dispatched / all predictions (0 when there are none). */
  share: number;
  /** Right ones among those dispatched; null when none reaches the threshold. */
  precision: number | null;
  /** Wrong ones among those dispatched (would come back as returns or corrections). */
  wrong: number;
}

export const DEFAULT_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];

export function thresholdTable(
  predictions: readonly ScoredPrediction[],
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ThresholdRow[] {
  const total = predictions.length;
  return [...thresholds]
    .sort((a, b) => a - b)
    .map((threshold) => {
      let dispatched = 0;
      let right = 0;
      for (const p of predictions) {
        if (p.confidence >= threshold) {
          dispatched++;
          if (p.correct) right++;
        }
      }
      return {
        threshold,
        dispatched,
        share: total === 0 ? 0 : dispatched / total,
        precision: dispatched === 0 ? null : right / dispatched,
        wrong: dispatched - right,
      };
    });
}

/** Plain accuracy of first choices (null for none). */
export function accuracy(predictions: readonly ScoredPrediction[]): number | null {
  if (predictions.length === 0) return null;
  return predictions.filter((p) => p.correct).length / predictions.length;
}

/** A confusion table: rows are the true labels, columns the predicted ones, in `labels` order. */
export function confusionTable(
  pairs: readonly { actual: string; predicted: string }[],
  labels?: readonly string[],
): { labels: string[]; counts: number[][] } {
  const names = labels ? [...labels] : [...new Set(pairs.flatMap((p) => [p.actual, p.predicted]))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const counts = names.map(() => names.map(() => 0));
  for (const p of pairs) {
    const i = index.get(p.actual);
    const j = index.get(p.predicted);
    if (i === undefined || j === undefined) continue;
    (counts[i] as number[])[j] = ((counts[i] as number[])[j] as number) + 1;
  }
  return { labels: names, counts };
}

/** A small seeded generator of numbers in [0, 1) (xorshift32). */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/**
 * Deterministic stratified k-fold assignment (each class spread evenly over the folds): the classes' items are
 * shuffled with `rand` (seeded from `seed` unless given) and dealt round-robin.
 */
export function stratifiedFolds(
  labels: readonly string[],
  k: number,
  seed: number,
  rand: () => number = xorshift(seed),
): number[] {
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    byClass.set(l, [...(byClass.get(l) ?? []), i]);
  });
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const key of [...byClass.keys()].sort()) {
    const idx = byClass.get(key) as number[];
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    idx.forEach((item, n) => {
      fold[item] = (n + offset) % k;
    });
    offset += idx.length;
  }
  return fold;
}
