// How punctually the member units of a work team report: per unit and per week, each report owed is on time,
// late, missing or still pending. A week's report is owed by every unit that belonged to the team by the
// week's due day; a report task cancelled by the organiser is excused. The leader's overview shows these.
import type { DayKey } from '../calendar/china-time.js';
import type { ReportWeek } from './report-weeks.js';

export type ReportStanding = 'on_time' | 'late' | 'missing' | 'pending';

export const REPORT_STANDING_LABELS: Record<ReportStanding, string> = {
  on_time: '按时',
  late: '逾期提交',
  missing: '未提交',
  pending: '本周待提交',
};

/** A weekly report task as the task capability reports it. */
export interface WeeklyReportTask {
  readonly orgId: number;
  readonly week: string;
  readonly state: 'pending_sign' | 'in_progress' | 'overdue' | 'done' | 'cancelled';
  readonly completedLate: boolean | null;
}

export interface TeamUnit {
  readonly orgId: number;
  /** The day the unit joined the team. */
  readonly since: DayKey;
}

export interface Tally {
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  /** Reports owed so far: on time + late + missing. */
  due: number;
  /** On time / due (null when nothing was due yet). */
  onTimeRate: number | null;
}

export interface Punctuality {
  units: ({ orgId: number } & Tally)[];
  weeks: ({ week: string; dueAt: Date } & Tally)[];
}

/** Where a unit stands for one week's report (null: not owed — joined later, or excused). */
export function standingOf(
  week: ReportWeek,
  unit: TeamUnit,
  task: WeeklyReportTask | undefined,
  now: Date,
): ReportStanding | null {
  if (task?.state === 'cancelled') return null;
  if (task?.state === 'done') return task.completedLate ? 'late' : 'on_time';
  if (!task && week.dueDay < unit.since) return null;
  return week.dueAt <= now ? 'missing' : 'pending';
}

function emptyTally(): Tally {
  return { onTime: 0, late: 0, missing: 0, pending: 0, due: 0, onTimeRate: null };
}

function count(tally: Tally, standing: ReportStanding): void {
  if (standing === 'on_time') tally.onTime++;
  else if (standing === 'late') tally.late++;
  else if (standing === 'missing') tally.missing++;
  else tally.pending++;
  tally.due = tally.onTime + tally.late + tally.missing;
  tally.onTimeRate = tally.due === 0 ? null : tally.onTime / tally.due;
}

/** The tallies of every unit and every week (weeks in the order given, units in the order given). */
export function reportPunctuality(
  weeks: readonly ReportWeek[],
  units: readonly TeamUnit[],
  tasks: readonly WeeklyReportTask[],
  now: Date,
): Punctuality {
  const byKey = new Map(tasks.map((t) => [`${t.orgId}|${t.week}`, t]));
  const unitTallies = new Map(units.map((u) => [u.orgId, emptyTally()]));
  const weekTallies = weeks.map((w) => ({ week: w.week, dueAt: w.dueAt, ...emptyTally() }));
  weeks.forEach((week, i) => {
    for (const unit of units) {
      const standing = standingOf(week, unit, byKey.get(`${unit.orgId}|${week.week}`), now);
      if (!standing) continue;
      count(unitTallies.get(unit.orgId) as Tally, standing);
      count(weekTallies[i] as Tally, standing);
    }
  });
  return { units: units.map((u) => ({ orgId: u.orgId, ...(unitTallies.get(u.orgId) as Tally) })), weeks: weekTallies };
}
