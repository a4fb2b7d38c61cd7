// A dispute (矛盾纠纷) and its people's mediation (人民调解): registered, accepted or refused, assigned to a
// mediation committee, mediated in sessions, concluded by a signed agreement (then followed up), a failure
// with the route advised, or a transfer one level up. The machine keeps what decides the workflow; the record's
// facts (parties, amount, what it is about) live beside it in the module.
import type { DurationUnit } from '../calendar/index.js';

export const DISPUTE_STATES = [
  'registered',
  'accepted',
  'mediating',
  'agreed',
  'following_up',
  'closed',
  'failed',
  'rejected',
] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/** States in which the mediation is not concluded yet: a clock runs (accept or mediation). */
export const ACTIVE_DISPUTE_STATES: readonly DisputeState[] = ['registered', 'accepted', 'mediating', 'agreed'];
/** States that still ask something of someone (the active ones and the follow-up of an agreement). */
export const OPEN_DISPUTE_STATES: readonly DisputeState[] = [...ACTIVE_DISPUTE_STATES, 'following_up'];

export const RISK_LEVELS = ['general', 'serious', 'major'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const DISPUTE_SOURCES = ['screening', 'case', 'walk_in', 'citizen', 'police', 'court', 'petition'] as const;
export type DisputeSource = (typeof DISPUTE_SOURCES)[number];

export const FAILURE_ROUTES = ['litigation', 'arbitration', 'administrative'] as const;
export type FailureRoute = (typeof FAILURE_ROUTES)[number];

export const PERFORMANCE = ['performed', 'partial', 'not_performed'] as const;
export type Performance = (typeof PERFORMANCE)[number];

/** The platform level a dispute is handled at (村调委会 / 镇调委会 / 县矛调中心). */
export type HandlingLevel = 'village' | 'town' | 'county';

/** How a unit (or a citizen) stands to a dispute; a principal may hold several. */
export type DisputeRelation = 'intake' | 'mediator' | 'supervisor' | 'applicant';

export interface DisputeActor {
  readonly kind: 'user' | 'system';
  readonly orgId: number | null;
  readonly relations: ReadonlySet<DisputeRelation>;
}

export const SYSTEM_DISPUTE_ACTOR: DisputeActor = { kind: 'system', orgId: null, relations: new Set() };

/** The running clock: 受理 (accept), 调解 (mediation), or, once overdue, the supervising level's. */
export interface DisputeClock {
  readonly kind: 'accept' | 'mediation' | 'supervision';
  readonly orgId: number;
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly warnAt: Date;
  readonly unit: DurationUnit;
}

export interface Agreement {
  readonly number: string;
  readonly terms: string;
  readonly at: Date;
  readonly performBy: Date | null;
  /** Natural days after signing within which the follow-up visit (回访) is due. */
  readonly followUpDays: number;
}

export interface Dispute {
  readonly id: number;
  readonly state: DisputeState;
  readonly level: HandlingLevel;
  /** The platform (village / town / county) that registered or received the dispute and answers for it. */
  readonly handlingOrgId: number;
  /** The mediation committee that mediates (a village or town platform, or a third-party committee). */
  readonly mediatorOrgId: number | null;
  readonly mediatorName: string | null;
  readonly riskLevel: RiskLevel;
  readonly supervisorOrgId: number | null;
  readonly escalationLevel: number;
  /** The current stage's limit ran out (cleared when a new stage starts or the limit is extended). */
  readonly overdue: boolean;
  readonly listed: boolean;
  readonly acceptedAt: Date | null;
  readonly mediationDueAt: Date | null;
  readonly extended: boolean;
  readonly sessions: number;
  readonly transfers: number;
  readonly agreement: Agreement | null;
  readonly signedAt: Date | null;
  readonly failureRoute: FailureRoute | null;
  readonly concludedAt: Date | null;
  readonly concludedLate: boolean | null;
  readonly performance: Performance | null;
  readonly partyConfirmed: boolean | null;
  readonly judicialReferredAt: Date | null;
  readonly clock: DisputeClock | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface SessionRecord {
  readonly at: Date;
  readonly place: string;
  readonly participants: string;
  readonly notes: string;
}

export type DisputeAction =
  | { readonly type: 'accept'; readonly note?: string }
  | { readonly type: 'reject'; readonly reason: string }
  | {
      readonly type: 'assign';
      readonly mediatorOrgId: number;
      readonly mediatorName?: string;
      readonly note?: string;
    }
  | { readonly type: 'recordSession'; readonly session: SessionRecord }
  | { readonly type: 'extend'; readonly days: number; readonly reason: string }
  | {
      readonly type: 'reachAgreement';
      /** Given by the module (the committee's numbering); the machine only requires one. */
      readonly agreementNumber: string;
      readonly terms: string;
      readonly performBy?: Date | null;
      readonly followUpDays?: number;
    }
  | { readonly type: 'sign'; readonly note?: string }
  | { readonly type: 'fail'; readonly route: FailureRoute; readonly reason: string }
  /** Up one level: the module names the next platform up (null at the county: refused). */
  | {
      readonly type: 'transfer';
      readonly toOrgId: number | null;
      readonly toLevel: HandlingLevel;
      readonly reason: string;
    }
  | { readonly type: 'recordFollowUp'; readonly performance: Performance; readonly note: string }
  | { readonly type: 'confirmPerformance'; readonly performed: boolean; readonly note?: string }
  | { readonly type: 'referJudicial'; readonly court: string; readonly note?: string }
  | { readonly type: 'urge'; readonly note?: string }
  /** System: the running clock ran out; the next level up (given by the org tree) supervises. */
  | { readonly type: 'escalateOverdue'; readonly supervisorOrgId: number | null };

export type DisputeActionType = DisputeAction['type'];

/** The actions people take (the API's); the sweeper's escalateOverdue is the machine's own. */
export const USER_DISPUTE_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'recordSession',
  'extend',
  'reachAgreement',
  'sign',
  'fail',
  'transfer',
  'recordFollowUp',
  'confirmPerformance',
  'referJudicial',
  'urge',
] as const satisfies readonly DisputeActionType[];

/** Every action of the machine. */
export const DISPUTE_ACTION_TYPES: readonly DisputeActionType[] = [...USER_DISPUTE_ACTIONS, 'escalateOverdue'];

export interface DisputeEvent {
  readonly type: DisputeActionType | 'register';
  readonly at: Date;
  readonly fromState: DisputeState | null;
  readonly toState: DisputeState;
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface DisputeOutcome {
  readonly dispute: Dispute;
  readonly event: DisputeEvent;
  readonly notify: readonly { readonly orgId: number; readonly title: string }[];
  /** After signing: the follow-up visit to schedule (a task for the mediating committee). */
  readonly followUp?: { readonly orgId: number; readonly days: number };
}
