// 95 % confidence intervals of the survey's results, as pure functions.
//
// A proportion (the share choosing an option, the share satisfied) takes the Wilson score interval, not the
// normal approximation p ± 1.96·√(p(1−p)/n): a village's sample is small (10–30 people) and satisfaction
// shares sit near 90–100 %, exactly where the normal interval fails — it reaches past 100 %, and at 0 or n
// successes it has width zero, claiming certainty from 12 answers. Wilson stays inside [0, 1], is never empty,
// and holds its 95 % coverage for small n. The normal interval is kept only to show the difference.
//
// The mean of a 1–5 scale takes Student's t interval, mean ± t(0.975, n−1)·s/√n with the sample standard
// deviation: the variance is estimated from the same small sample, so the normal 1.96 would be too narrow
// (at n = 10, t = 2.262); for large n the two agree.

export interface Interval {
  low: number;
  high: number;
}

/** The two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for x successes out of n (null when n is 0). */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  if (x < 0 || x > n) throw new RangeError(`successes ${x} outside 0…${n}`);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The normal-approximation (Wald) interval, unclamped: for comparison only. */
export function waldInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const half = z * Math.sqrt((p * (1 - p)) / n);
  return { low: p - half, high: p + half };
}

// t(0.975, df) for df = 1…30, then 40, 60, 120 and ∞ (standard tables).
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
  2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
  2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];
const T_975_TAIL: [number, number][] = [
  [30, 2.042272],
  [40, 2.021075],
  [60, 2.000298],
  [120, 1.97993],
  [Number.POSITIVE_INFINITY, Z95],
];

/** Student's t quantile at 0.975 for df degrees of freedom (beyond 30 interpolated in 1/df, as tables advise). */
export function t975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom ${df}`);
  if (df <= 30) return T_975[df - 1] as number;
  for (let i = 1; i < T_975_TAIL.length; i++) {
    const [hiDf, hiT] = T_975_TAIL[i] as [number, number];
    const [loDf, loT] = T_975_TAIL[i - 1] as [number, number];
    if (df <= hiDf) {
      const w = (1 / loDf - 1 / df) / (1 / loDf - 1 / hiDf);
      return loT + w * (hiT - loT);
    }
  }
  return Z95;
}

export interface MeanEstimate {
  n: number;
  mean: number | null;
  sd: number | null;
  ci: Interval | null;
}

/** Mean of a scale's answers with its t interval (no interval below two answers). */
export function meanInterval(values: readonly number[]): MeanEstimate {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci: null };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, sd: null, ci: null };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci: { low: mean - half, high: mean + half } };
}
