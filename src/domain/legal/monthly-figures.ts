// The month's figures of one-adviser-per-village, as pure functions of the assignments and entries:
//
//   commitment (承诺时长) = Σ over the village's assignments overlapping the month of
//       hoursPerMonth × (days of the month the assignment covers ÷ days in the month), one decimal
//       — an adviser who starts on the 16th of a 30-day month owes half the month's hours.
//   service hours (服务时长) = Σ hours of the village's entries dated in the month (every kind counts).
//   fulfilment (履约率) = service hours ÷ commitment × 100, one decimal; null when nothing was committed.
//   status: 'no_adviser' (no assignment overlaps the month), else 'no_service' (no entry in the month),
//       else 'met' (fulfilment ≥ 100, or nothing committed), else 'below'.
//   lectures (普法讲座) = the village's lecture entries of the quarter up to the month's end, against the
//       lectures per quarter of the assignment in force at the month's end (or the latest that overlapped).
//   overall fulfilment = Σ min(hours, commitment) ÷ Σ commitment × 100 over the villages with a commitment,
//       so one village's surplus never hides another's shortfall.
//   villages without service = those whose status is 'no_adviser' or 'no_service'.

import { type MonthKey, monthBounds, quarterMonths } from './month.js';
import type { LegalEntryKind } from './types.js';
import { LEGAL_ENTRY_KINDS } from './types.js';

export interface AssignmentSpan {
  id: number;
  villageId: number;
  adviserId: number;
  hoursPerMonth: number;
  lecturesPerQuarter: number;
  /** 'YYYY-MM-DD', inclusive */
  startedOn: string;
  /** 'YYYY-MM-DD', inclusive; null while in force */
  endedOn: string | null;
}

export interface EntryFact {
  villageId: number;
  kind: LegalEntryKind;
  hours: number;
  /** 'YYYY-MM-DD' */
  occurredOn: string;
}

export type VillageServiceStatus = 'no_adviser' | 'no_service' | 'below' | 'met';

export const VILLAGE_SERVICE_STATUS_LABELS: Record<VillageServiceStatus, string> = {
  no_adviser: '未配备顾问',
  no_service: '本月无服务',
  below: '未达承诺',
  met: '已达承诺',
};

export interface VillageMonth {
  villageId: number;
  /** the assignment in force at the month's end, or the latest that overlapped the month */
  assignmentId: number | null;
  adviserId: number | null;
  committedHours: number;
  hours: number;
  entries: number;
  byKind: Record<LegalEntryKind, number>;
  fulfilment: number | null;
  lecturesInQuarter: number;
  lecturesCommitted: number;
  status: VillageServiceStatus;
}

export interface MonthSummary {
  villages: number;
  withAdviser: number;
  withoutService: number;
  met: number;
  committedHours: number;
  hours: number;
  fulfilment: number | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const round1 = (v: number) => Math.round(v * 10) / 10;
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/** Days of [first, last] the assignment covers (0 when it does not overlap). */
export function coveredDays(a: Pick<AssignmentSpan, 'startedOn' | 'endedOn'>, first: string, last: string): number {
  const from = maxDay(a.startedOn, first);
  const to = minDay(a.endedOn ?? last, last);
  return to < from ? 0 : dayNumber(to) - dayNumber(from) + 1;
}

/** The month's commitment of one village: each overlapping assignment's hours, pro rata of the days it covers. */
export function committedHours(assignments: readonly AssignmentSpan[], month: MonthKey): number {
  const { first, last } = monthBounds(month);
  const days = dayNumber(last) - dayNumber(first) + 1;
  let sum = 0;
  for (const a of assignments) sum += (a.hoursPerMonth * coveredDays(a, first, last)) / days;
  return round1(sum);
}

/** The assignment that answers for the month: the one in force on its last day, else the latest overlapping. */
export function assignmentOfMonth(assignments: readonly AssignmentSpan[], month: MonthKey): AssignmentSpan | null {
  const { first, last } = monthBounds(month);
  const overlapping = assignments
    .filter((a) => coveredDays(a, first, last) > 0)
    .sort((a, b) => (a.startedOn === b.startedOn ? a.id - b.id : a.startedOn < b.startedOn ? -1 : 1));
  const inForce = overlapping.filter((a) => a.endedOn === null || a.endedOn >= last);
  return inForce.at(-1) ?? overlapping.at(-1) ?? null;
}

export function statusOf(v: { assignmentId: number | null; entries: number; fulfilment: number | null }) {
  if (v.assignmentId === null) return 'no_adviser' as const;
  if (v.entries === 0) return 'no_service' as const;
  if (v.fulfilment === null || v.fulfilment >= 100) return 'met' as const;
  return 'below' as const;
}

/** The figures of each village for the month; `entries` may hold the whole quarter (for the lectures). */
export function villageMonths(
  villageIds: readonly number[],
  assignments: readonly AssignmentSpan[],
  entries: readonly EntryFact[],
  month: MonthKey,
): VillageMonth[] {
  const { first, last } = monthBounds(month);
  const quarterFirst = monthBounds(quarterMonths(month)[0] as string).first;
  return villageIds.map((villageId) => {
    const own = assignments.filter((a) => a.villageId === villageId);
    const answering = assignmentOfMonth(own, month);
    const committed = committedHours(own, month);
    const byKind = Object.fromEntries(LEGAL_ENTRY_KINDS.map((k) => [k, 0])) as Record<LegalEntryKind, number>;
    let hours = 0;
    let count = 0;
    let lectures = 0;
    for (const e of entries) {
      if (e.villageId !== villageId) continue;
      if (e.kind === 'lecture' && e.occurredOn >= quarterFirst && e.occurredOn <= last) lectures++;
      if (e.occurredOn < first || e.occurredOn > last) continue;
      hours += e.hours;
      count++;
      byKind[e.kind]++;
    }
    const fulfilment = committed > 0 ? round1((hours / committed) * 100) : null;
    const assignmentId = answering?.id ?? null;
    return {
      villageId,
      assignmentId,
      adviserId: answering?.adviserId ?? null,
      committedHours: committed,
      hours: round1(hours),
      entries: count,
      byKind,
      fulfilment,
      lecturesInQuarter: lectures,
      lecturesCommitted: answering?.lecturesPerQuarter ?? 0,
      status: statusOf({ assignmentId, entries: count, fulfilment }),
    };
  });
}

export function summarise(rows: readonly VillageMonth[]): MonthSummary {
  let committed = 0;
  let hours = 0;
  let credited = 0;
  for (const r of rows) {
    committed += r.committedHours;
    hours += r.hours;
    credited += Math.min(r.hours, r.committedHours);
  }
  return {
    villages: rows.length,
    withAdviser: rows.filter((r) => r.status !== 'no_adviser').length,
    withoutService: rows.filter((r) => r.status === 'no_adviser' || r.status === 'no_service').length,
    met: rows.filter((r) => r.status === 'met').length,
    committedHours: round1(committed),
    hours: round1(hours),
    fulfilment: committed > 0 ? round1((credited / committed) * 100) : null,
  };
}
