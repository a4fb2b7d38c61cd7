// A task (任务): work with an owner unit, a due time and a record — a joint meeting's decision, a work team's
// weekly report, a project milestone, a screening, a dispute follow-up, a case's follow-up. One state machine
// for all of them; the module that creates a task names its source.
import type { DurationUnit } from '../calendar/index.js';

export const TASK_STATES = ['pending_sign', 'in_progress', 'overdue', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** States in which the task still asks something of its owner. */
export const OPEN_TASK_STATES: readonly TaskState[] = ['pending_sign', 'in_progress', 'overdue'];

export const TASK_SOURCES = [
  'meeting_decision',
  'work_team',
  'project_milestone',
  'screening',
  'dispute_followup',
  'case',
  'manual',
  // issues 14–16 (migration 0017)
  'psych_referral',
  'deliberation_decision',
  'power_step',
  'legal_review',
  'video_event',
  // issues 17 and 21 (migration 0026)
  'first_secretary',
  'service_application',
  'party_need',
  'volunteer_request',
  'social_org_project',
  'governance_topic', // 每月一题 (issue 19, migration 0044)
] as const;
export type TaskSourceKind = (typeof TASK_SOURCES)[number];

/** How a unit stands to a task; a principal may hold several (a county operator above both owner and assigner). */
export type TaskRelation = 'owner' | 'assisting' | 'assigner' | 'supervisor';

export interface TaskActor {
  readonly kind: 'user' | 'system';
  /** The acting unit (null for the system). */
  readonly orgId: number | null;
  /** How the acting principal's subtree stands to the task (empty for the system). */
  readonly relations: ReadonlySet<TaskRelation>;
}

export const SYSTEM_TASK_ACTOR: TaskActor = { kind: 'system', orgId: null, relations: new Set() };

/** The running clock of a task: its due time, or, once overdue, the supervising level's deadline. */
export interface TaskClock {
  readonly kind: 'due' | 'supervision';
  readonly orgId: number;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly warnAt: Date;
  readonly unit: DurationUnit;
}

export interface Task {
  readonly id: number;
  readonly state: TaskState;
  readonly ownerOrgId: number;
  readonly assistingOrgIds: readonly number[];
  readonly assignedByOrgId: number;
  /** The level that supervises it after it fell overdue (null before). */
  readonly supervisorOrgId: number | null;
  /** How many times it climbed: 0 on time, 1 overdue at the first level up, 2 … */
  readonly escalationLevel: number;
  readonly listed: boolean;
  /** Signed for by its owner (it may fall overdue before or after). */
  readonly signed: boolean;
  readonly dueAt: Date;
  readonly clock: TaskClock | null;
  readonly progressPercent: number;
  readonly completedAt: Date | null;
  readonly completedLate: boolean | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export type TaskAction =
  | { readonly type: 'sign' }
  | {
      readonly type: 'progress';
      readonly note: string;
      readonly percent?: number;
      readonly attachmentIds?: readonly string[];
    }
  | { readonly type: 'complete'; readonly result: string; readonly evidenceIds?: readonly string[] }
  | { readonly type: 'cancel'; readonly reason: string }
  | { readonly type: 'extend'; readonly dueAt: Date; readonly reason: string }
  | { readonly type: 'urge'; readonly note?: string }
  /** System: the running clock ran out; the next level up (given by the org tree) supervises. */
  | { readonly type: 'escalateOverdue'; readonly supervisorOrgId: number | null };

export type TaskActionType = TaskAction['type'];

export interface TaskEvent {
  readonly type: TaskActionType | 'create';
  readonly at: Date;
  readonly fromState: TaskState | null;
  readonly toState: TaskState;
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly attachmentIds: readonly string[];
}

export interface TaskOutcome {
  readonly task: Task;
  readonly event: TaskEvent;
  /** Units to tell (notification), with the text. */
  readonly notify: readonly { readonly orgId: number; readonly title: string }[];
}
