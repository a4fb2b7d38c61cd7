// Spike detection: is this period's count for a place or topic abnormally high against its own history?
// The history is chosen by the caller to carry the seasonality (e.g. the same weekday of the previous weeks).
// Past outliers are set aside, then the count is judged against the Poisson rate learnt from the history,
// with the rate's own uncertainty: the posterior predictive of a Gamma–Poisson model (Jeffreys prior), a
// negative binomial. A count is flagged when its upper tail is below the threshold, it is at least `minCount`
// and at least `minRatio` times the expected count.

export interface SpikeSeries<K = string> {
  key: K;
  /** Counts of the comparable past periods (order does not matter). */
  history: readonly number[];
  current: number;
}

export interface SpikeOptions {
  /** Flag when P(X ≥ current | baseline) is below this (default 0.001: about one false alarm per 1000 series). */
  pThreshold: number;
  /** Never flag fewer cases than this (a jump from 0 to 2 is noise). */
  minCount: number;
  /** The current count must be at least this multiple of the baseline. */
  minRatio: number;
  /** Floor of the expected count used for the ratio, so a place with an empty history needs several cases. */
  minBaseline: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = { pThreshold: 0.001, minCount: 5, minRatio: 2, minBaseline: 0.5 };

export interface Spike<K = string> {
  key: K;
  current: number;
  /** The expected count (baseline λ). */
  expected: number;
  /** current / expected. */
  ratio: number;
  /** Upper-tail probability of a count this high under the history's predictive distribution. */
  pValue: number;
  /** Robust z-score: (current − median) / (1.4826 · MAD), with a Poisson floor on the spread. */
  z: number;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The history without past outliers (counts far above its median: earlier spikes must not mask the next). */
export function typicalHistory(history: readonly number[]): number[] {
  const med = median(history);
  const limit = 3 * med + 3 * Math.sqrt(med) + 3;
  return history.filter((x) => x <= limit);
}

/** Expected count: the mean of the typical history (at least `minBaseline`). */
export function baseline(history: readonly number[], minBaseline = DEFAULT_SPIKE_OPTIONS.minBaseline): number {
  const kept = typicalHistory(history);
  if (kept.length === 0) return minBaseline;
  return Math.max(kept.reduce((a, b) => a + b, 0) / kept.length, minBaseline);
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

/**
 * P(X ≥ k) for the next count after `n` periods totalling `sum`, under a Poisson rate with a Jeffreys prior:
 * X ~ NegBin(r = sum + ½, p = n / (n + 1)). With n = 0 nothing is known and the tail is 1.
 */
export function predictiveUpperTail(k: number, sum: number, n: number): number {
  if (k <= 0 || n <= 0) return 1;
  const r = sum + 0.5;
  const p = n / (n + 1);
  let term = p ** r;
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= ((r + i - 1) / i) * (1 - p);
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

/** Scores one series (flagged or not). */
export function scoreSeries<K>(series: SpikeSeries<K>, options: Partial<SpikeOptions> = {}): Spike<K> {
  const o = { ...DEFAULT_SPIKE_OPTIONS, ...options };
  const kept = typicalHistory(series.history);
  const expected = baseline(series.history, o.minBaseline);
  const sum = kept.reduce((a, b) => a + b, 0);
  const med = median(series.history);
  const mad = median(series.history.map((x) => Math.abs(x - med)));
  const spread = Math.max(1.4826 * mad, Math.sqrt(Math.max(expected, 1)));
  return {
    key: series.key,
    current: series.current,
    expected,
    ratio: series.current / expected,
    pValue: predictiveUpperTail(series.current, sum, kept.length),
    z: (series.current - med) / spread,
  };
}

/** The abnormal series, most abnormal first. */
export function detectSpikes<K>(series: readonly SpikeSeries<K>[], options: Partial<SpikeOptions> = {}): Spike<K>[] {
  const o = { ...DEFAULT_SPIKE_OPTIONS, ...options };
  return series
    .map((s) => scoreSeries(s, o))
    .filter((s) => s.current >= o.minCount && s.ratio >= o.minRatio && s.pValue < o.pThreshold)
    .sort((a, b) => a.pValue - b.pValue || b.ratio - a.ratio);
}
