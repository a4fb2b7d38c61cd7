// The rules of a breakthrough project's record: what a valid project is (a year, a goal, indicators with target
// values, milestones with due dates), when a milestone is due, what a monthly progress report may say, and the
// county's year-end evaluation (score, grade, from December of the project's year on).
import { monthOf } from '../assessment/periods.js';
import { chinaTime, parseDayKey } from '../calendar/china-time.js';
import type { WorkCalendar } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import { closeOfOfficeDay } from '../work-team/report-weeks.js';

export interface ProjectRuleError {
  readonly field: string;
  readonly message: string;
}

const refuse = (field: string, message: string) => err<ProjectRuleError>({ field, message });

export const PROJECT_LIMITS = {
  name: 80,
  goal: 2000,
  indicators: 20,
  milestones: 24,
  report: 5000,
  attachments: 9,
  comment: 2000,
} as const;

export interface IndicatorInput {
  readonly name: string;
  /** Unit of measure: 件, %, 户, 万元 … */
  readonly unit: string;
  readonly baseline: number;
  readonly target: number;
  readonly current?: number | null;
}

export interface MilestoneInput {
  readonly title: string;
  readonly dueDate: string;
  readonly ownerOrgId?: number | null;
}

export interface ProjectInput {
  readonly year: number;
  readonly name: string;
  readonly goal: string;
  readonly indicators: readonly IndicatorInput[];
  readonly milestones: readonly MilestoneInput[];
}

const filled = (value: string, max: number) => value.trim().length > 0 && value.trim().length <= max;

/** A project is registered for this year, last year (catching up) or next year (planning). */
export function checkYear(year: number, now: Date): Result<number, ProjectRuleError> {
  const current = Number(monthOf(now).slice(0, 4));
  return Number.isInteger(year) && Math.abs(year - current) <= 1
    ? ok(year)
    : refuse('year', `项目年度须为 ${current - 1}–${current + 1} 年`);
}

export function checkIndicators(indicators: readonly IndicatorInput[]): Result<IndicatorInput[], ProjectRuleError> {
  if (indicators.length > PROJECT_LIMITS.indicators) {
    return refuse('indicators', `考核指标不能超过 ${PROJECT_LIMITS.indicators} 个`);
  }
  for (const [i, indicator] of indicators.entries()) {
    const field = `indicators[${i}]`;
    if (!filled(indicator.name, 40)) return refuse(`${field}.name`, '请填写指标名称（不超过 40 字）');
    if (!filled(indicator.unit, 10))
      return refuse(`${field}.unit`, `请填写“${indicator.name}”的计量单位，如 件、%、户`);
    const numbers = [indicator.baseline, indicator.target, ...(indicator.current == null ? [] : [indicator.current])];
    if (!numbers.every(Number.isFinite)) return refuse(field, `“${indicator.name}”的基线值、目标值须为数字`);
    if (indicator.target === indicator.baseline) {
      return refuse(`${field}.target`, `“${indicator.name}”的目标值不能等于基线值`);
    }
  }
  return ok(indicators.map((i) => ({ ...i, name: i.name.trim(), unit: i.unit.trim(), current: i.current ?? null })));
}

/**
 * When a milestone is due: the end of office hours of its due date; a date that is no working day moves to the
 * first working day after it (期间届满日为法定节假日的，以节假日后的第一日为届满日).
 */
export function milestoneDueAt(dueDate: string, calendar: WorkCalendar): Date {
  return closeOfOfficeDay(dueDate, calendar);
}

export function checkMilestone(
  milestone: MilestoneInput,
  year: number,
  now: Date,
  calendar: WorkCalendar,
  field = 'milestone',
): Result<MilestoneInput & { dueAt: Date }, ProjectRuleError> {
  if (!filled(milestone.title, 100)) return refuse(`${field}.title`, '请填写里程碑名称（不超过 100 字）');
  if (parseDayKey(milestone.dueDate) === undefined) return refuse(`${field}.dueDate`, '完成日期格式应为 YYYY-MM-DD');
  if (!milestone.dueDate.startsWith(`${year}-`)) {
    return refuse(`${field}.dueDate`, `里程碑“${milestone.title.trim()}”的完成日期须在 ${year} 年内`);
  }
  const dueAt = milestoneDueAt(milestone.dueDate, calendar);
  if (dueAt <= now) {
    return refuse(`${field}.dueDate`, `里程碑“${milestone.title.trim()}”的完成日期已过，请选择今天或以后的日期`);
  }
  return ok({ ...milestone, title: milestone.title.trim(), dueAt });
}

export function checkProject(
  input: ProjectInput,
  now: Date,
  calendar: WorkCalendar,
): Result<{ indicators: IndicatorInput[]; milestones: (MilestoneInput & { dueAt: Date })[] }, ProjectRuleError> {
  const year = checkYear(input.year, now);
  if (!year.ok) return year;
  if (!filled(input.name, PROJECT_LIMITS.name))
    return refuse('name', `请填写项目名称（不超过 ${PROJECT_LIMITS.name} 字）`);
  if (!filled(input.goal, PROJECT_LIMITS.goal))
    return refuse('goal', `请填写项目目标（不超过 ${PROJECT_LIMITS.goal} 字）`);
  const indicators = checkIndicators(input.indicators);
  if (!indicators.ok) return indicators;
  if (input.milestones.length > PROJECT_LIMITS.milestones) {
    return refuse('milestones', `里程碑不能超过 ${PROJECT_LIMITS.milestones} 个`);
  }
  const milestones: (MilestoneInput & { dueAt: Date })[] = [];
  for (const [i, m] of input.milestones.entries()) {
    const checked = checkMilestone(m, input.year, now, calendar, `milestones[${i}]`);
    if (!checked.ok) return checked;
    milestones.push(checked.value);
  }
  return ok({ indicators: indicators.value, milestones });
}

export interface ReportInput {
  readonly month: string;
  readonly text: string;
  readonly values: readonly { readonly indicatorId: number; readonly value: number }[];
  readonly attachmentIds: readonly string[];
}

/** A monthly progress report: a month of the project's year that has begun, text, values of its own indicators. */
export function checkReport(
  input: ReportInput,
  year: number,
  indicatorIds: readonly number[],
  now: Date,
): Result<ReportInput, ProjectRuleError> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month) || !input.month.startsWith(`${year}-`)) {
    return refuse('month', `请选择 ${year} 年内的月份（YYYY-MM）`);
  }
  if (input.month > monthOf(now)) return refuse('month', '不能报送尚未开始的月份的进展');
  if (!filled(input.text, PROJECT_LIMITS.report)) {
    return refuse('text', `请填写本月工作进展（不超过 ${PROJECT_LIMITS.report} 字）`);
  }
  const unknown = input.values.find((v) => !indicatorIds.includes(v.indicatorId));
  if (unknown) return refuse('values', '指标不属于本项目，请刷新后重试');
  if (!input.values.every((v) => Number.isFinite(v.value))) return refuse('values', '指标完成值须为数字');
  if (new Set(input.values.map((v) => v.indicatorId)).size !== input.values.length) {
    return refuse('values', '同一指标只能填写一个完成值');
  }
  if (input.attachmentIds.length > PROJECT_LIMITS.attachments) {
    return refuse('attachmentIds', `佐证材料最多 ${PROJECT_LIMITS.attachments} 个`);
  }
  return ok({ ...input, text: input.text.trim() });
}

export const GRADES = ['优秀', '良好', '一般', '较差'] as const;
export type Grade = (typeof GRADES)[number];

/** The grade a score earns: 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差 below. */
export function gradeOf(score: number): Grade {
  return score >= 90 ? '优秀' : score >= 80 ? '良好' : score >= 60 ? '一般' : '较差';
}

/** The year-end evaluation opens on 1 December of the project's year (China time). */
export function evaluationOpensAt(year: number): Date {
  return chinaTime(`${year}-12-01`);
}

export interface EvaluationInput {
  readonly score: number;
  readonly grade?: Grade | null;
  readonly comment?: string | null;
}

export type EvaluationRefusal = ProjectRuleError & { readonly notOpen?: boolean };

export function checkEvaluation(
  input: EvaluationInput,
  year: number,
  now: Date,
): Result<{ score: number; grade: Grade; comment: string | null }, EvaluationRefusal> {
  if (now < evaluationOpensAt(year)) {
    return err({ field: 'year', message: `${year} 年度项目的年终评价自 ${year} 年 12 月 1 日起进行`, notOpen: true });
  }
  if (!Number.isFinite(input.score) || input.score < 0 || input.score > 100) {
    return refuse('score', '评价得分须在 0–100 之间');
  }
  if (input.grade != null && !GRADES.includes(input.grade))
    return refuse('grade', '评价等次须为 优秀、良好、一般 或 较差');
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > PROJECT_LIMITS.comment) {
    return refuse('comment', `评价意见不能超过 ${PROJECT_LIMITS.comment} 字`);
  }
  const score = Math.round(input.score * 10) / 10;
  return ok({ score, grade: input.grade ?? gradeOf(score), comment });
}
