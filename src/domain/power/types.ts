// The small-power list (小微权力清单): each power of a village has a procedure — ordered steps, each acted by one
// body of the village (or the town), with the documents it leaves, an optional publicity period (公示) and a
// time limit in working days. An exercise of a power is recorded step by step against that procedure.
import type { DayKey } from '../calendar/index.js';

/** Who acts a step: the bodies of village self-government (村民委员会组织法) and the town's review. */
export const POWER_ACTORS = [
  'village_party',
  'village_committees',
  'party_members',
  'representatives',
  'village_committee',
  'group_meeting',
  'supervision',
  'town_review',
  'county_department',
  'applicant',
  'seal_keeper',
] as const;
export type PowerActor = (typeof POWER_ACTORS)[number];

export const POWER_ACTOR_LABELS: Record<PowerActor, string> = {
  village_party: '村党组织',
  village_committees: '村两委',
  party_members: '党员大会',
  representatives: '村民代表会议',
  village_committee: '村民委员会',
  group_meeting: '村民小组会议',
  supervision: '村务监督委员会',
  town_review: '镇街审核',
  county_department: '县级部门',
  applicant: '申请人',
  seal_keeper: '管章人',
};

/** One step of a procedure. */
export interface ProcedureStep {
  /** Stable within the procedure ('resolution', 'publicity' …); recorded steps name it. */
  readonly key: string;
  readonly name: string;
  readonly actor: PowerActor;
  /** What the step leaves behind (会议记录, 公示照片 …): a recorded step lists which it has. */
  readonly documents: readonly string[];
  /** A publicity step: the notice stays up at least this many calendar days (公示不少于 N 天); null otherwise. */
  readonly publicityDays: number | null;
  /** Working days (holiday calendar) from the end of the step before (or from the start) to do it; null: no limit. */
  readonly limitDays: number | null;
  /** May be passed over: recording a later step skips it. */
  readonly optional: boolean;
  /** May end the exercise with 否决 / 不予通过 (the outcome 'rejected'). */
  readonly canReject: boolean;
  readonly description?: string;
}

export type Procedure = readonly ProcedureStep[];

export const STEP_OUTCOMES = ['done', 'rejected'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** A step as recorded on an exercise. */
export interface RecordedStep {
  readonly key: string;
  readonly outcome: StepOutcome;
  /** The day the step was done (for a publicity step: the day the notice went up). */
  readonly doneOn: DayKey;
  readonly publicityFrom: DayKey | null;
  readonly publicityTo: DayKey | null;
  /** Names of the documents the step has (a subset, ideally all, of the step's documents). */
  readonly documents: readonly string[];
}

/** What a person records: the publicity's last day defaults to the minimum. */
export interface StepInput {
  readonly key: string;
  readonly outcome: StepOutcome;
  readonly doneOn: DayKey;
  readonly publicityTo?: DayKey | null;
  readonly documents: readonly string[];
}

export const EXERCISE_STATES = ['in_progress', 'publicity', 'completed', 'rejected'] as const;
export type ExerciseState = (typeof EXERCISE_STATES)[number];

export const EXERCISE_STATE_LABELS: Record<ExerciseState, string> = {
  in_progress: '办理中',
  publicity: '公示中',
  completed: '已办结',
  rejected: '已否决',
};

/**
 * Where each step of an exercise stands today:
 * done / done_late (after its due day) / rejected; skipped (an optional step passed over);
 * overdue (not recorded, its due day is past: a missing step); due (the step expected now, within its limit);
 * not_reached (later steps); closed (steps after the exercise ended).
 */
export const STEP_STATUSES = [
  'done',
  'done_late',
  'rejected',
  'skipped',
  'overdue',
  'due',
  'not_reached',
  'closed',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StepStanding {
  readonly key: string;
  readonly status: StepStatus;
  /** The last day to do the step (null: no limit, or not yet known because the step before is not done). */
  readonly dueOn: DayKey | null;
  readonly doneOn: DayKey | null;
  /** Working days past the due day (done late, or overdue as of today). */
  readonly daysLate: number;
  /** Documents the step should have and the record does not list. */
  readonly missingDocuments: readonly string[];
}

/** What the town watches: an exercise with a late step, or a missing one (overdue, or documents lacking). */
export interface ExerciseFlags {
  readonly late: boolean;
  readonly missing: boolean;
  readonly lateSteps: readonly string[];
  readonly missingSteps: readonly string[];
}

/** The calendar the rules need: which days are working days. */
export interface DayCalendar {
  isWorkingDay(day: DayKey): boolean;
}
