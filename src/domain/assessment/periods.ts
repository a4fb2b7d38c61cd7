// Assessment periods: a month 'YYYY-MM' or a quarter 'YYYY-Qn', in China time. Facts are kept per month; a
// quarter is the sum of its three months, so every fact must be additive.
import { CHINA_OFFSET_MS } from '../calendar/china-time.js';

export type PeriodKind = 'month' | 'quarter';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isPeriod(value: string): boolean {
  return MONTH.test(value) || QUARTER.test(value);
}

export function periodKind(period: string): PeriodKind {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  throw new RangeError(`not a period: ${period}`);
}

/** The China-time month of an instant, 'YYYY-MM'. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

function monthKey(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** A month 'YYYY-MM' moved by n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return monthKey(Number(m[1]), Number(m[2]) + n);
}

/** The months a period covers, in order. */
export function monthsOf(period: string): string[] {
  const m = MONTH.exec(period);
  if (m) return [period];
  const q = QUARTER.exec(period);
  if (!q) throw new RangeError(`not a period: ${period}`);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => monthKey(Number(q[1]), first + i));
}

/** The period just before (the trend arrows compare with it). */
export function previousPeriod(period: string): string {
  if (MONTH.test(period)) return addMonths(period, -1);
  const q = QUARTER.exec(period);
  if (!q) throw new RangeError(`not a period: ${period}`);
  const n = Number(q[2]);
  return n === 1 ? `${Number(q[1]) - 1}-Q4` : `${q[1]}-Q${n - 1}`;
}

/** The period of a kind that contains an instant. */
export function periodOf(at: Date, kind: PeriodKind): string {
  const month = monthOf(at);
  if (kind === 'month') return month;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** [start, end) of a period as instants (China midnight). */
export function periodRange(period: string): { start: Date; end: Date } {
  const months = monthsOf(period);
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const [y1, m1] = first.split('-').map(Number) as [number, number];
  const [y2, m2] = last.split('-').map(Number) as [number, number];
  return {
    start: new Date(Date.UTC(y1, m1 - 1, 1) - CHINA_OFFSET_MS),
    end: new Date(Date.UTC(y2, m2, 1) - CHINA_OFFSET_MS),
  };
}

/** '2026年3月' / '2026年第1季度'. */
export function periodLabel(period: string): string {
  const m = MONTH.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  const q = QUARTER.exec(period);
  if (!q) return period;
  return `${q[1]}年第${q[2]}季度`;
}
