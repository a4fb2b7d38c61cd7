// 物业亮星: the month's star rating of a compound's property service, from the compound's property cases and its
// residents' ratings. The formula, as published with the ratings:
//   response      median hours from a case's report to its first signing-for (or first staff action):
//                 ≤ 2 h → 100, ≤ 8 h → 85, ≤ 24 h → 70, ≤ 48 h → 50, ≤ 72 h → 30, longer → 10
//   resolution    resolved (replied, closed or archived) / cases × 100
//   satisfaction  (满意 + 基本满意) / rated cases × 100
//   repeat        100 − 2 × repeat complaints / cases × 100, not below 0 (a repeat rate of 50 % scores 0)
//   residents     (mean of the residents' 1–5 ratings − 1) / 4 × 100
// weighted 20 / 25 / 20 / 15 / 20. A part without data (no case signed for, no case rated, no resident rating)
// drops out and the other weights are scaled to 100: a month without property cases is rated by its residents
// alone (no complaint is not taken as proof of good service); a month with neither cases nor residents' ratings
// has no stars. Score (one decimal) → stars: ≥ 90 ★5, ≥ 75 ★4, ≥ 60 ★3, ≥ 40 ★2, otherwise ★1.

export interface CompoundMonthCounts {
  /** Property cases of the compound reported in the month. */
  cases: number;
  /** Hours from report to first response, one per case that has had one. */
  responseHours: readonly number[];
  /** Of the cases, those replied, closed or archived. */
  resolved: number;
  /** Of the cases, those the reporter rated, and of those the satisfied or basically satisfied. */
  rated: number;
  satisfied: number;
  /** Of the cases, those that repeat an earlier complaint (same reporter, or reopened). */
  repeats: number;
  /** The residents' 1–5 ratings of the month. */
  residentStars: readonly number[];
}

export const STAR_WEIGHTS = { response: 20, resolution: 25, satisfaction: 20, repeat: 15, residents: 20 } as const;
export type StarPart = keyof typeof STAR_WEIGHTS;

export interface StarRating {
  /** Each part's 0–100 score, null when it has no data. */
  parts: Record<StarPart, number | null>;
  /** The figures behind the parts, for the published page. */
  figures: {
    cases: number;
    medianResponseHours: number | null;
    resolutionRate: number | null;
    satisfactionRate: number | null;
    repeatRate: number | null;
    residentMean: number | null;
    residentCount: number;
  };
  score: number | null;
  stars: 1 | 2 | 3 | 4 | 5 | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const RESPONSE_STEPS: readonly [number, number][] = [
  [2, 100],
  [8, 85],
  [24, 70],
  [48, 50],
  [72, 30],
];

export function responseScore(hours: number): number {
  for (const [limit, score] of RESPONSE_STEPS) if (hours <= limit) return score;
  return 10;
}

export function starsOf(score: number): 1 | 2 | 3 | 4 | 5 {
  if (score >= 90) return 5;
  if (score >= 75) return 4;
  if (score >= 60) return 3;
  if (score >= 40) return 2;
  return 1;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const share = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

export function propertyStars(c: CompoundMonthCounts): StarRating {
  const medianHours = median(c.responseHours);
  const residentMean =
    c.residentStars.length > 0 ? c.residentStars.reduce((s, v) => s + v, 0) / c.residentStars.length : null;
  const parts: Record<StarPart, number | null> = {
    response: medianHours === null ? null : responseScore(medianHours),
    resolution: c.cases > 0 ? (c.resolved / c.cases) * 100 : null,
    satisfaction: c.rated > 0 ? (c.satisfied / c.rated) * 100 : null,
    repeat: c.cases > 0 ? Math.max(0, 100 - (c.repeats / c.cases) * 200) : null,
    residents: residentMean === null ? null : ((residentMean - 1) / 4) * 100,
  };
  const figures = {
    cases: c.cases,
    medianResponseHours: medianHours === null ? null : round1(medianHours),
    resolutionRate: share(c.resolved, c.cases),
    satisfactionRate: share(c.satisfied, c.rated),
    repeatRate: share(c.repeats, c.cases),
    residentMean: residentMean === null ? null : round1(residentMean),
    residentCount: c.residentStars.length,
  };
  const rounded = Object.fromEntries(
    Object.entries(parts).map(([k, v]) => [k, v === null ? null : round1(v)]),
  ) as Record<StarPart, number | null>;
  if (c.cases === 0 && c.residentStars.length === 0) return { parts: rounded, figures, score: null, stars: null };
  let weighted = 0;
  let weights = 0;
  for (const part of Object.keys(STAR_WEIGHTS) as StarPart[]) {
    const value = parts[part];
    if (value === null) continue;
    weighted += value * STAR_WEIGHTS[part];
    weights += STAR_WEIGHTS[part];
  }
  const score = round1(weighted / weights);
  return { parts: rounded, figures, score, stars: starsOf(score) };
}
