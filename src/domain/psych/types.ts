// A psychological-service referral (心理服务转介): a grid worker, a mediator, or the staff working a case or a
// dispute refers a person to a counselling organisation of the directory. The machine keeps what decides the
// workflow (state, risk, consent, who stands to it); the content (the person, the concern, the sessions' notes)
// lives beside it in the module and only when the person consented.

export const PSYCH_STATES = [
  'referred',
  'acknowledged',
  'in_service',
  'follow_up',
  'closed',
  'returned',
  'declined',
] as const;
export type PsychState = (typeof PSYCH_STATES)[number];

/** States in which the referral still asks something of the counselling organisation. */
export const OPEN_PSYCH_STATES: readonly PsychState[] = ['referred', 'acknowledged', 'in_service', 'follow_up'];

export const PSYCH_RISKS = ['low', 'medium', 'high', 'crisis'] as const;
export type PsychRisk = (typeof PSYCH_RISKS)[number];

/** Where the referral came from: a grid worker or mediator directly, or the page of a case or a dispute. */
export const PSYCH_SOURCES = ['direct', 'case', 'dispute'] as const;
export type PsychSource = (typeof PSYCH_SOURCES)[number];

export const SESSION_FORMS = ['face_to_face', 'phone'] as const;
export type SessionForm = (typeof SESSION_FORMS)[number];

export const PSYCH_OUTCOMES = ['improved', 'stable', 'medical_referral', 'withdrawn', 'other'] as const;
export type PsychOutcome = (typeof PSYCH_OUTCOMES)[number];

/**
 * How a unit stands to a referral: the referring unit (status only), the counselling organisation (the work and
 * the content), a unit told of a 危机 referral (status only: the town platform of the place, the county health
 * department).
 */
export type PsychRelation = 'referrer' | 'counsellor' | 'notified';

export interface PsychActor {
  readonly kind: 'user' | 'system';
  readonly relations: ReadonlySet<PsychRelation>;
}

export interface PsychReferral {
  readonly id: number;
  readonly state: PsychState;
  readonly risk: PsychRisk;
  /** Without the person's consent the record holds no person or concern — only the 'needs attention' flag. */
  readonly consent: boolean;
  readonly referringOrgId: number;
  readonly counsellingOrgId: number;
  readonly acknowledgedAt: Date | null;
  readonly sessions: number;
  readonly followUps: number;
  readonly outcome: PsychOutcome | null;
  readonly closedAt: Date | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface PsychSession {
  readonly at: Date;
  readonly durationMinutes: number;
  readonly form: SessionForm;
  readonly notes: string;
  readonly nextStep: string;
}

export type PsychAction =
  | { readonly type: 'acknowledge'; readonly note?: string }
  /** 退回: back to the referring unit (wrong organisation, not enough to act on). */
  | { readonly type: 'return'; readonly reason: string }
  /** 不予接收: the organisation will not take it (outside its service, the person refuses contact). */
  | { readonly type: 'decline'; readonly reason: string }
  | { readonly type: 'recordSession'; readonly session: PsychSession }
  | { readonly type: 'startFollowUp'; readonly note?: string }
  | { readonly type: 'recordFollowUp'; readonly at: Date; readonly notes: string }
  | { readonly type: 'close'; readonly outcome: PsychOutcome; readonly note?: string };

export type PsychActionType = PsychAction['type'];

export const PSYCH_ACTION_TYPES = [
  'acknowledge',
  'return',
  'decline',
  'recordSession',
  'startFollowUp',
  'recordFollowUp',
  'close',
] as const satisfies readonly PsychActionType[];

export interface PsychEvent {
  readonly type: PsychActionType | 'refer';
  readonly at: Date;
  readonly fromState: PsychState | null;
  readonly toState: PsychState;
  /** Content (notes of a session, reasons): stored only with consent and shown only to the counsellor side. */
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface PsychOutcomeOf {
  readonly referral: PsychReferral;
  readonly event: PsychEvent;
  /** Titles carry no personal content (the module adds the number and the risk). */
  readonly notify: readonly { readonly orgId: number; readonly title: string }[];
}
