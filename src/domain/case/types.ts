// The case (诉求 / 事件 / 工单) as the state machine sees it: who owns it, at which level, who was sent it,
// which clocks run. Descriptive fields (text, location, reporter's contact) live with the case module.
import type { DurationUnit } from '../calendar/index.js';

export const CASE_STATES = [
  'submitted',
  'rejected',
  'verifying',
  'pending_dispatch',
  'dispatched',
  'handling',
  'suspended',
  'replied',
  'closed',
  'appealed',
  'archived',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which nothing more happens to the case itself. */
export const FINISHED_STATES: readonly CaseState[] = ['rejected', 'closed', 'archived', 'merged'];

/** The grid and the three platform levels (县镇村三级平台 + 网格), lowest first. */
export const CASE_LEVELS = ['grid', 'village', 'town', 'county'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

export type OrgLevel = CaseLevel | 'department' | 'office' | 'third_party';

export type Urgency = 'normal' | 'urgent';

export type CaseSource =
  | 'citizen_app'
  | 'hotline_12345'
  | 'grid_patrol'
  | 'screening'
  | 'walk_in'
  | 'petition'
  | 'open311'
  | 'video';

export type Reporter =
  | { readonly kind: 'citizen'; readonly citizenId: string }
  | { readonly kind: 'staff'; readonly userId: string; readonly orgId: string }
  | { readonly kind: 'anonymous' };

/**
 * The organisations on the case's path, from location routing: its grid, village, town and county platform.
 * Relations between an actor and the case are decided against this, so the machine needs no org tree.
 */
export interface CaseRoute {
  readonly grid?: string;
  readonly village: string;
  readonly town: string;
  readonly county: string;
}

export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: string;
      readonly orgId: string;
      readonly orgLevel: OrgLevel;
    }
  | { readonly kind: 'citizen'; readonly citizenId: string }
  | { readonly kind: 'system' };

export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface UnitAssignment {
  readonly orgId: string;
  readonly signedAt?: Date;
}

export interface Dispatch {
  readonly byOrgId: string;
  readonly byLevel: CaseLevel;
  readonly at: Date;
  readonly lead: UnitAssignment;
  readonly assisting: readonly UnitAssignment[];
}

export interface Verification {
  readonly gridOrgId: string;
  readonly requestedByOrgId: string;
  readonly requestedAt: Date;
  readonly finding?: 'confirmed' | 'not_confirmed';
  readonly verifiedAt?: Date;
  /**
   * The case was opened straight into verification (a machine-detected event, 视频智能分析): no platform
   * asked, so the grid's finding decides — confirmed, the case is accepted where it was received; not
   * confirmed, it is dismissed as a false alarm (rejected with the finding as its reason).
   */
  readonly onIntake?: boolean;
}

export interface ExtensionRequest {
  readonly id: string;
  readonly byOrgId: string;
  readonly at: Date;
  readonly amount: number;
  readonly unit: DurationUnit;
  readonly reason: string;
  /** lapsed: still pending when the case was replied to. */
  readonly status: 'pending' | 'approved' | 'refused' | 'lapsed';
  readonly decidedAt?: Date;
}

export interface Summons {
  readonly orgId: string;
  readonly checkedInAt?: Date;
}

/** 吹哨: a grid or village summons departments; each must report for duty (报到). */
export interface Whistle {
  readonly id: string;
  readonly byOrgId: string;
  readonly at: Date;
  readonly reason: string;
  readonly summons: readonly Summons[];
}

export interface Supervision {
  readonly level: CaseLevel;
  readonly byOrgId: string;
  readonly since: Date;
  readonly reason: string;
  /** 挂牌督办: publicly listed; never lifted by a later, lower supervision. */
  readonly listed: boolean;
  /** Set when the system escalated an overdue case rather than a person flagging it. */
  readonly automatic: boolean;
}

export interface Suspension {
  readonly since: Date;
  readonly byOrgId: string;
  readonly reason: string;
}

export interface ReplyRecord {
  readonly at: Date;
  readonly byOrgId: string;
  readonly level: CaseLevel;
  /** True when the reply came from a dispatched lead unit (reopening goes back to it). */
  readonly viaDispatch: boolean;
}

export interface RatingRecord {
  readonly value: Rating;
  readonly at: Date;
  readonly by: 'callback' | 'citizen';
}

export interface Appeal {
  readonly at: Date;
  readonly reason: string;
  readonly granted?: boolean;
  readonly decidedAt?: Date;
}

export const DEADLINE_KINDS = [
  'accept',
  'verify',
  'dispatch',
  'sign_for',
  'check_in',
  'handle',
  'reply',
  'callback',
  'appeal_review',
  'supervision',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * A running clock. `key` is unique within the case: the kind, or kind:org for per-unit clocks. A paused clock
 * (pausedAt set, during a suspension) is not live: it neither warns nor goes overdue.
 */
export interface Deadline {
  readonly kind: DeadlineKind;
  readonly key: string;
  /** The organisation that must act before it runs out. */
  readonly orgId: string;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly warnAt: Date;
  readonly unit: DurationUnit;
  readonly warnAtShare: number;
  readonly pausedAt?: Date;
  /** Set once escalateOverdue has acted on this clock, so it escalates once. */
  readonly escalatedAt?: Date;
}

export interface Case {
  readonly id: string;
  /** Increments by exactly one per successful action (optimistic locking, timeline order). */
  readonly version: number;
  readonly state: CaseState;
  readonly categoryId: string;
  readonly urgency: Urgency;
  readonly source: CaseSource;
  readonly reporter: Reporter;
  readonly route: CaseRoute;
  /** The platform level (or grid) the case currently sits at; escalation goes up from here. */
  readonly level: CaseLevel;
  /** The organisation expected to act next. */
  readonly ownerOrgId: string;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly verification?: Verification;
  readonly dispatch?: Dispatch;
  readonly extensions: readonly ExtensionRequest[];
  readonly suspension?: Suspension;
  readonly whistles: readonly Whistle[];
  readonly supervision?: Supervision;
  readonly urgeCount: number;
  readonly reply?: ReplyRecord;
  readonly rating?: RatingRecord;
  readonly appeal?: Appeal;
  readonly mergedInto?: string;
  /** Duplicates merged into this case: its reply answers their reporters too. */
  readonly mergedCaseIds: readonly string[];
  readonly reopenCount: number;
  readonly returnCount: number;
  readonly closedAt?: Date;
  readonly rejectionReason?: string;
  readonly deadlines: readonly Deadline[];
}

/** One line of the case's timeline: who, when, what, from which unit. */
export interface TimelineEvent {
  readonly caseId: string;
  /** The case version this event produced; events are ordered by it. */
  readonly version: number;
  readonly at: Date;
  /** An action, or one of the events that are no action of the machine: opened, amended (description). */
  readonly type: CaseActionType | 'opened' | 'amended';
  readonly actor: Actor;
  /** The acting unit, when the actor is staff. */
  readonly orgId?: string;
  readonly fromState?: CaseState;
  readonly toState: CaseState;
  readonly details: Readonly<Record<string, unknown>>;
  readonly attachmentIds: readonly string[];
}

/** What the deadline store (and the sweeper) must do; `clear` also covers a clock paused by a suspension. */
export type DeadlineChange =
  | {
      readonly op: 'set';
      readonly caseId: string;
      readonly kind: DeadlineKind;
      readonly key: string;
      readonly orgId: string;
      readonly dueAt: Date;
      readonly warnAt: Date;
    }
  | { readonly op: 'clear'; readonly caseId: string; readonly kind: DeadlineKind; readonly key: string };

export interface CaseOutcome {
  readonly case: Case;
  readonly events: readonly TimelineEvent[];
  readonly deadlines: readonly DeadlineChange[];
}

export type CaseAction =
  | { readonly type: 'accept'; readonly note?: string }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'closeOnTheSpot'; readonly answer: string }
  | { readonly type: 'assignVerification'; readonly note?: string }
  | {
      readonly type: 'verify';
      readonly finding: 'confirmed' | 'not_confirmed';
      readonly notes: string;
      readonly photoIds?: readonly string[];
    }
  | { readonly type: 'handleAtGrid'; readonly notes: string; readonly photoIds?: readonly string[] }
  | { readonly type: 'reportUp'; readonly reason: string }
  | {
      readonly type: 'dispatch';
      readonly leadOrgId: string;
      readonly assistingOrgIds?: readonly string[];
      readonly note?: string;
    }
  | { readonly type: 'signFor' }
  | { readonly type: 'returnCase'; readonly reason: string }
  | {
      readonly type: 'requestExtension';
      readonly amount: number;
      readonly unit?: DurationUnit;
      readonly reason: string;
    }
  | { readonly type: 'approveExtension'; readonly requestId: string; readonly note?: string }
  | { readonly type: 'refuseExtension'; readonly requestId: string; readonly reason: string }
  | { readonly type: 'suspend'; readonly reason: string }
  | { readonly type: 'resume'; readonly note?: string }
  | { readonly type: 'whistle'; readonly orgIds: readonly string[]; readonly reason: string }
  | { readonly type: 'checkIn'; readonly whistleId: string; readonly notes?: string }
  | { readonly type: 'recordProgress'; readonly notes: string; readonly attachmentIds?: readonly string[] }
  | { readonly type: 'reply'; readonly content: string; readonly attachmentIds?: readonly string[] }
  | { readonly type: 'callback'; readonly rating: Rating; readonly notes?: string }
  | { readonly type: 'rate'; readonly rating: Rating; readonly comment?: string }
  | { readonly type: 'appeal'; readonly reason: string }
  | { readonly type: 'grantAppeal'; readonly note?: string }
  | { readonly type: 'refuseAppeal'; readonly reason: string }
  | { readonly type: 'supervise'; readonly reason: string; readonly listed?: boolean }
  | { readonly type: 'urge'; readonly message: string }
  | { readonly type: 'escalateOverdue'; readonly deadlineKey: string }
  | { readonly type: 'merge'; readonly mainCaseId: string }
  | { readonly type: 'attachDuplicate'; readonly duplicateCaseId: string }
  | { readonly type: 'close'; readonly note?: string }
  | { readonly type: 'archive' };

export type CaseActionType = CaseAction['type'];

export type ActionOf<T extends CaseActionType> = Extract<CaseAction, { type: T }>;
