// Rankings of a village's households by the points earned in a month or a year (China time; the day of the
// deed decides, a correction counts on the day of the entry it corrects; redemptions do not count).
import { err, ok, type Result } from '../result.js';
import { capWindow } from './award.js';
import { type PointsDomainError, pointsError } from './errors.js';

export interface RankingPeriod {
  kind: 'month' | 'year';
  key: string;
  /** [from, to) as China days */
  from: string;
  to: string;
  label: string;
}

export function parseRankingPeriod(period: string): Result<RankingPeriod, PointsDomainError> {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return ok({ kind: 'month', key: period, ...capWindow(`${period}-01`, 'month') });
  if (/^\d{4}$/.test(period)) return ok({ kind: 'year', key: period, ...capWindow(`${period}-01-01`, 'year') });
  return err(pointsError('VALIDATION_FAILED', '统计期须为 YYYY-MM（月度）或 YYYY（年度）', { field: 'period' }));
}

export interface Ranked<T> {
  rank: number;
  row: T;
}

/** Highest score first; equal scores share a rank (1, 2, 2, 4); ties keep the given order. */
export function rankByScore<T extends { score: number }>(rows: readonly T[]): Ranked<T>[] {
  const sorted = rows.map((row, i) => ({ row, i })).sort((a, b) => b.row.score - a.row.score || a.i - b.i);
  let rank = 0;
  return sorted.map(({ row }, index) => {
    if (index === 0 || (sorted[index - 1] as { row: T }).row.score !== row.score) rank = index + 1;
    return { rank, row };
  });
}
