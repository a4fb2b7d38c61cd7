// What the API answers about referrals. The status view is all a referring unit or a notified unit gets; the
// content (the person masked, the concern, sessions, follow-ups, the outcome) is added only for the counselling
// organisation — the key is absent otherwise, not null, so nothing about the person reaches other callers.
import type {
  PsychActionType,
  PsychOutcome,
  PsychRelation,
  PsychRisk,
  PsychSource,
  PsychState,
  SessionForm,
} from '../../domain/psych/index.js';

export const PSYCH_BOXES = ['to_acknowledge', 'in_service', 'follow_up', 'concluded', 'all'] as const;
export type PsychBox = (typeof PSYCH_BOXES)[number];

export interface OrgRef {
  id: number;
  name: string;
}

export interface PsychStatusView {
  id: number;
  number: string;
  state: PsychState;
  stateLabel: string;
  risk: PsychRisk;
  riskLabel: string;
  /** No consent: the record is only a 'needs attention' flag. */
  needsAttention: boolean;
  source: PsychSource;
  sourceLabel: string;
  caseId: number | null;
  disputeId: number | null;
  referringOrg: OrgRef;
  counsellingOrg: OrgRef;
  relations: PsychRelation[];
  /** The acknowledgement task: due time and whether it ran out (the task machine escalates it). */
  acknowledgement: { taskId: number; dueAt: string; state: string; overdue: boolean } | null;
  createdAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface PsychListContent {
  /** masked (王**); revealed through GET /api/psych/referrals/:id/person, audited */
  personName: string;
  concernExcerpt: string;
}

export type PsychListItem = PsychStatusView & { content?: PsychListContent };

export interface PsychSessionView {
  at: string;
  durationMinutes: number;
  form: SessionForm;
  formLabel: string;
  notes: string;
  nextStep: string | null;
}

export interface PsychContentView {
  person: { name: string; phone: string | null; idNumber: string | null };
  concern: string;
  place: OrgRef | null;
  sessions: PsychSessionView[];
  followUps: { at: string; notes: string }[];
  outcome: PsychOutcome | null;
  outcomeLabel: string | null;
}

export interface PsychHistoryEntry {
  type: PsychActionType | 'refer';
  label: string;
  at: string;
  fromState: PsychState | null;
  toState: PsychState;
  actorOrg: OrgRef | null;
  /** the counsellor's notes or reasons: for the counselling organisation; a return / decline reason for all */
  note?: string | null;
}

export interface PsychDetail extends PsychStatusView {
  content?: PsychContentView;
  history: PsychHistoryEntry[];
  allowedActions: PsychActionType[];
}

export interface PsychListQuery {
  box?: PsychBox;
  risk?: PsychRisk;
  caseId?: number;
  disputeId?: number;
  page?: number;
  pageSize?: number;
}
