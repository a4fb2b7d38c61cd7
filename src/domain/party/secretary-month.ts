// A first secretary's month (第一书记月报): days on site in the month (only days within the term count), the
// working days of the month within the term for comparison, and the tasks done and overdue.
import { monthBounds } from '../legal/month.js';

export interface SecretaryMonthInput {
  readonly month: string;
  readonly termStart: string;
  readonly termEnd: string;
  /** the days recorded on site, 'YYYY-MM-DD' */
  readonly days: readonly string[];
  /** the work calendar's answer for a day 'YYYY-MM-DD' (public holidays and 调休 included) */
  readonly isWorkingDay: (day: string) => boolean;
  /** today: in the month under way, only the working days so far count */
  readonly asOf?: string;
  readonly tasks: readonly {
    readonly state: string;
    readonly completedAt: string | null;
    readonly completedLate: boolean | null;
  }[];
}

export interface SecretaryMonth {
  readonly daysOnSite: number;
  /** working days of the month within the term, up to today in the month under way */
  readonly workingDaysInTerm: number;
  /** daysOnSite / workingDaysInTerm, 0..1 (null when the term does not touch the month) */
  readonly onSiteRate: number | null;
  readonly tasksDone: number;
  readonly tasksDoneLate: number;
  readonly tasksOverdue: number;
  readonly tasksOpen: number;
}

function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function secretaryMonth(input: SecretaryMonthInput): SecretaryMonth {
  const { first, last } = monthBounds(input.month);
  const [, from] = [input.termStart, first].sort() as [string, string];
  const [to] = [input.termEnd, last].sort() as [string, string];
  const inTerm = (d: string) => d >= from && d <= to;
  const daysOnSite = new Set(input.days.filter(inTerm)).size;
  const [until] = [to, input.asOf ?? to].sort() as [string, string];
  let workingDaysInTerm = 0;
  for (let d = from; d <= until; d = nextDay(d)) if (input.isWorkingDay(d)) workingDaysInTerm += 1;
  const doneInMonth = input.tasks.filter(
    (t) => t.state === 'done' && t.completedAt !== null && t.completedAt.slice(0, 7) === input.month,
  );
  return {
    daysOnSite,
    workingDaysInTerm,
    onSiteRate:
      from > to || workingDaysInTerm === 0 ? null : Math.round((daysOnSite / workingDaysInTerm) * 1000) / 1000,
    tasksDone: doneInMonth.length,
    tasksDoneLate: doneInMonth.filter((t) => t.completedLate).length,
    tasksOverdue: input.tasks.filter((t) => t.state === 'overdue').length,
    tasksOpen: input.tasks.filter((t) => t.state === 'pending_sign' || t.state === 'in_progress').length,
  };
}
