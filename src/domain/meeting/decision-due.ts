// When a decision's task is due: a day chosen at the meeting (due at the end of that working day's office
// hours, on the holiday calendar), or a limit counted on the working calendar from now (“15 个工作日内”).
import { parseDayKey } from '../calendar/china-time.js';
import { chinaDayOf, chinaTime, type DurationUnit, type WorkCalendar } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import type { MeetingRuleError } from './meeting-rules.js';

/** Exactly one of the two, as a form sends it. */
export interface DueChoice {
  readonly dueDate?: string;
  readonly limit?: { readonly amount: number; readonly unit: DurationUnit };
}

/** What the task service is given: an instant, or the limit itself (it counts it from the moment it opens). */
export type TaskDue =
  | { readonly dueAt: Date }
  | { readonly limit: { readonly amount: number; readonly unit: DurationUnit } };

const MAX_LIMIT: Record<DurationUnit, number> = { natural_hours: 24 * 366, working_hours: 8 * 250, working_days: 250 };
const UNIT_TEXT: Record<DurationUnit, string> = {
  natural_hours: '小时',
  working_hours: '工作小时',
  working_days: '工作日',
};

function invalid(field: string, message: string, details: Record<string, unknown> = {}): MeetingRuleError {
  return { code: 'VALIDATION', message, details: { field, ...details } };
}

/** The end of office hours of a China-time day. */
function endOfOfficeDay(calendar: WorkCalendar, day: string): Date {
  const lastEnd = calendar.officeHours[calendar.officeHours.length - 1]?.[1] ?? 17 * 60 + 30;
  return new Date(chinaTime(day).getTime() + lastEnd * 60_000);
}

export function decisionDue(choice: DueChoice, calendar: WorkCalendar, now: Date): Result<TaskDue, MeetingRuleError> {
  if (choice.dueDate !== undefined && choice.limit !== undefined) {
    return err(invalid('dueDate', '完成期限与办理时限只能填写一项'));
  }
  if (choice.dueDate !== undefined) {
    const day = choice.dueDate;
    if (parseDayKey(day) === undefined)
      return err(invalid('dueDate', `完成期限“${day}”不是有效日期（格式 YYYY-MM-DD）`));
    if (!calendar.isWorkingDay(day)) {
      return err(invalid('dueDate', `${day} 是节假日或休息日，请选择工作日作为完成期限`, { dueDate: day }));
    }
    const dueAt = endOfOfficeDay(calendar, day);
    if (dueAt <= now) {
      return err(invalid('dueDate', `完成期限 ${day} 已过，请选择 ${chinaDayOf(now)} 之后的工作日`, { dueDate: day }));
    }
    return ok({ dueAt });
  }
  if (choice.limit !== undefined) {
    const { amount, unit } = choice.limit;
    if (!(amount > 0) || amount > MAX_LIMIT[unit]) {
      return err(invalid('limit', `办理时限应在 1–${MAX_LIMIT[unit]} ${UNIT_TEXT[unit]}之间`, { amount, unit }));
    }
    return ok({ limit: { amount, unit } });
  }
  return err(invalid('dueDate', '请填写完成期限（日期）或办理时限'));
}
