// How a breakthrough project (突破项目) stands: 正常推进 (on track), 存在风险 (at risk) or 滞后 (late), decided from
// facts only — its milestone tasks, its indicators against the share of the year gone, and its monthly reports.
//
// The rules, in order (the first that holds decides; every rule that holds is given as a reason):
// 1. 滞后 (late) when
//    a. a milestone is past its due time and not done (its task overdue, or open past due before the sweeper
//       marked it), or
//    b. a milestone was completed late and the project is behind: its indicator progress lags the elapsed share
//       of the year by more than LAG_MARGIN (the delay was not caught up).
// 2. 存在风险 (at risk) when
//    a. an open milestone's clock is in its yellow band (past its warning point), or
//    b. indicator progress lags the elapsed share of the year by more than LAG_MARGIN, or
//    c. last month's progress report is missing (for a month of the project's year from the month it was
//       registered in).
// 3. otherwise 正常推进 (on track).
// Indicator progress is the mean over indicators of (current − baseline) / (target − baseline), each clamped to
// 0..1, so an indicator to be lowered (积案 120 → 20) counts as well as one to be raised; a project without
// indicators is never "behind" by rule 1b/2b. Cancelled milestones do not count.
import { addMonths, monthOf } from '../assessment/periods.js';
import { chinaTime } from '../calendar/china-time.js';

export type ProjectStatus = 'on_track' | 'at_risk' | 'late';

export const PROJECT_STATUSES: readonly ProjectStatus[] = ['on_track', 'at_risk', 'late'];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  on_track: '正常推进',
  at_risk: '存在风险',
  late: '滞后',
};

/** Indicator progress may lag the elapsed share of the year by this much before the project is behind. */
export const LAG_MARGIN = 0.15;

export interface MilestoneFact {
  readonly state: 'pending_sign' | 'in_progress' | 'overdue' | 'done' | 'cancelled';
  readonly dueAt: Date;
  /** The yellow point of its running clock (null when no clock runs). */
  readonly warnAt: Date | null;
  readonly completedLate: boolean | null;
}

export interface IndicatorFact {
  readonly baseline: number;
  readonly target: number;
  readonly current: number | null;
}

export interface ProjectFacts {
  readonly year: number;
  /** When the project was registered (no report is owed for earlier months). */
  readonly registeredAt: Date;
  readonly milestones: readonly MilestoneFact[];
  readonly indicators: readonly IndicatorFact[];
  /** Months 'YYYY-MM' with a progress report. */
  readonly reportedMonths: readonly string[];
}

export type StatusReasonCode =
  | 'milestone_overdue'
  | 'milestone_late_and_behind'
  | 'milestone_warning'
  | 'indicators_behind'
  | 'report_missing';

export interface StatusReason {
  readonly code: StatusReasonCode;
  readonly text: string;
}

export interface ProjectStanding {
  readonly status: ProjectStatus;
  readonly reasons: readonly StatusReason[];
  /** Mean indicator progress 0..1 (null without indicators). */
  readonly indicatorProgress: number | null;
  /** Share of the project's year gone, 0..1. */
  readonly elapsedShare: number;
  /** Progress shown in lists, 0–100: indicator progress, or the share of milestones done without indicators. */
  readonly progressPercent: number;
}

const OPEN = new Set(['pending_sign', 'in_progress', 'overdue']);

/** Share of a China calendar year gone at `now`, 0..1. */
export function elapsedShareOfYear(year: number, now: Date): number {
  const start = chinaTime(`${year}-01-01`).getTime();
  const end = chinaTime(`${year + 1}-01-01`).getTime();
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/** Progress of one indicator from its baseline to its target, 0..1. */
export function indicatorProgress(indicator: IndicatorFact): number {
  const { baseline, target } = indicator;
  const current = indicator.current ?? baseline;
  if (target === baseline) return current === target ? 1 : 0;
  return Math.min(1, Math.max(0, (current - baseline) / (target - baseline)));
}

/** The month whose report is owed now (last month), or null when the project owes none for it. */
export function owedReportMonth(facts: Pick<ProjectFacts, 'year' | 'registeredAt'>, now: Date): string | null {
  const month = addMonths(monthOf(now), -1);
  const first = [`${facts.year}-01`, monthOf(facts.registeredAt)].sort()[1] as string;
  return month >= first && month <= `${facts.year}-12` ? month : null;
}

export function projectStanding(facts: ProjectFacts, now: Date): ProjectStanding {
  const elapsedShare = elapsedShareOfYear(facts.year, now);
  const progress =
    facts.indicators.length === 0
      ? null
      : facts.indicators.reduce((sum, i) => sum + indicatorProgress(i), 0) / facts.indicators.length;
  const behind = progress !== null && progress < elapsedShare - LAG_MARGIN;
  const counted = facts.milestones.filter((m) => m.state !== 'cancelled');
  const open = counted.filter((m) => OPEN.has(m.state));
  const overdue = open.filter((m) => m.state === 'overdue' || m.dueAt <= now).length;
  const warning = open.filter((m) => m.state !== 'overdue' && m.dueAt > now && m.warnAt && m.warnAt <= now).length;
  const lateDone = counted.filter((m) => m.state === 'done' && m.completedLate).length;
  const owed = owedReportMonth(facts, now);
  const missingReport = owed !== null && !facts.reportedMonths.includes(owed);
  const percent = (x: number) => Math.round(x * 100);

  const late: StatusReason[] = [];
  const risk: StatusReason[] = [];
  if (overdue > 0) late.push({ code: 'milestone_overdue', text: `${overdue} 个里程碑已超期未完成` });
  if (lateDone > 0 && behind) {
    late.push({ code: 'milestone_late_and_behind', text: `${lateDone} 个里程碑逾期完成，且指标进度仍落后` });
  }
  if (warning > 0) risk.push({ code: 'milestone_warning', text: `${warning} 个里程碑临近期限（黄灯）` });
  if (behind) {
    risk.push({
      code: 'indicators_behind',
      text: `指标完成 ${percent(progress ?? 0)}%，落后于时间进度 ${percent(elapsedShare)}%`,
    });
  }
  if (missingReport) risk.push({ code: 'report_missing', text: `${owed} 月度进展未报送` });

  const status: ProjectStatus = late.length > 0 ? 'late' : risk.length > 0 ? 'at_risk' : 'on_track';
  const done = counted.filter((m) => m.state === 'done').length;
  return {
    status,
    reasons: [...late, ...risk],
    indicatorProgress: progress,
    elapsedShare,
    progressPercent: percent(progress ?? (counted.length ? done / counted.length : 0)),
  };
}
