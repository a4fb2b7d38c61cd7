// Calendar months and quarters as 'YYYY-MM' keys and their first and last days ('YYYY-MM-DD', China time).

export type MonthKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): boolean {
  return MONTH.test(value);
}

function parts(month: MonthKey): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day of the month. */
export function monthBounds(month: MonthKey): { first: string; last: string } {
  const [y, m] = parts(month);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${y}-${pad(m)}-01`, last: `${y}-${pad(m)}-${pad(days)}` };
}

/** The month `delta` months after (negative: before) `month`. */
export function addMonths(month: MonthKey, delta: number): MonthKey {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The month of a day 'YYYY-MM-DD'. */
export function monthOf(day: string): MonthKey {
  return day.slice(0, 7);
}

/** The quarter's months, the given month included: 2026-05 → 2026-04, 2026-05, 2026-06. */
export function quarterMonths(month: MonthKey): MonthKey[] {
  const [y, m] = parts(month);
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${pad(first + i)}`);
}
