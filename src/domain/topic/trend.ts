// Trends of a problem over months, how proposals are ranked (most frequent and fastest growing), and the
// before/after comparison of an adopted topic.
import { addMonths, monthOf } from '../assessment/periods.js';
import { type MatchableCase, matchesTopic, type TopicSignature } from './topic-signature.js';

export interface Trend {
  /** This month's volume. */
  current: number;
  /** Mean volume of the previous months. */
  previousMean: number;
  /** (current + 1) / (previousMean + 1): above 1 the problem grows. */
  growth: number;
  /** Grows markedly: at least 1.5 times and 3 cases more than before. */
  rising: boolean;
}

/** The trend of a series, oldest first, the current month last. */
export function trendOf(series: readonly number[]): Trend {
  const current = series[series.length - 1] ?? 0;
  const previous = series.slice(0, -1);
  const previousMean = previous.length ? previous.reduce((s, n) => s + n, 0) / previous.length : 0;
  const growth = (current + 1) / (previousMean + 1);
  return {
    current,
    previousMean: Math.round(previousMean * 100) / 100,
    growth: Math.round(growth * 100) / 100,
    rising: growth >= 1.5 && current - previousMean >= 3,
  };
}

/** The ranking score: volume, raised by growth (a doubling counts as much again as the volume itself). */
export function proposalScore(t: Trend): number {
  return Math.round(t.current * (1 + Math.log2(Math.max(1, t.growth))) * 100) / 100;
}

/** Ranks items by score, then volume; ties by key, so the order is stable. */
export function rankProposals<T extends { key: string; trend: Trend }>(items: readonly T[]): (T & { score: number })[] {
  return items
    .map((i) => ({ ...i, score: proposalScore(i.trend) }))
    .sort((a, b) => b.score - a.score || b.trend.current - a.trend.current || (a.key < b.key ? -1 : 1));
}

/** The months from `first` to `last` inclusive, 'YYYY-MM'. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last && out.length < 240; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The number of cases of the topic in each month (cases outside the months are ignored): those its signature
 * matches, and those of `members` (the cluster it was found as: of the topic by construction, whether or not
 * each one alone covers enough of the signature).
 */
export function monthlyVolume(
  signature: TopicSignature,
  cases: readonly (MatchableCase & { id: number; reportedAt: Date })[],
  months: readonly string[],
  members: ReadonlySet<number> = new Set(),
): number[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const counts = months.map(() => 0);
  for (const c of cases) {
    const i = index.get(monthOf(c.reportedAt));
    if (i === undefined || !(members.has(c.id) || matchesTopic(signature, c))) continue;
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

export interface BeforeAfter {
  /** Mean monthly volume of the months before adoption (the adoption month excluded). */
  before: number;
  /** Mean monthly volume of the whole months after the adoption month (none yet: null). */
  after: number | null;
  /** after / before − 1 (negative: fewer cases), null when either side is missing. */
  change: number | null;
}

/** Compares the months before and after the adoption month (the adoption month itself belongs to neither). */
export function beforeAfter(months: readonly string[], series: readonly number[], adoptedMonth: string): BeforeAfter {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, n) => s + n, 0) / xs.length : null);
  const before = mean(months.flatMap((m, i) => (m < adoptedMonth ? [series[i] as number] : [])));
  const after = mean(months.flatMap((m, i) => (m > adoptedMonth ? [series[i] as number] : [])));
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    before: round(before ?? 0),
    after: after === null ? null : round(after),
    change: before && after !== null ? round(after / before - 1) : null,
  };
}
