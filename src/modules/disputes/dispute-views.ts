// What the API answers about disputes: list items (the 矛调中心 queue), the detail with its sessions, history
// and the actions offered, the printable agreement, the indicators.
import type {
  DisputeActionType,
  DisputeSource,
  DisputeState,
  FailureRoute,
  HandlingLevel,
  IndicatorCounts,
  Performance,
  RiskLevel,
} from '../../domain/dispute/index.js';
import type { Party } from './parties.js';

export type ClockColour = 'green' | 'yellow' | 'red';
export interface OrgRef {
  id: number;
  name: string;
}

/** to_accept: waiting for 受理 at my platform (or below); to_mediate: my committee's; supervising: 督办中. */
export const DISPUTE_BOXES = [
  'to_accept',
  'to_assign',
  'to_mediate',
  'to_follow_up',
  'supervising',
  'open',
  'concluded',
  'all',
] as const;
export type DisputeBox = (typeof DISPUTE_BOXES)[number];

export interface DisputeListItem {
  id: number;
  number: string;
  title: string;
  typeCode: string;
  typeName: string;
  state: DisputeState;
  stateLabel: string;
  riskLevel: RiskLevel;
  riskLabel: string;
  level: HandlingLevel;
  levelLabel: string;
  source: DisputeSource;
  sourceLabel: string;
  handlingOrg: OrgRef;
  mediatorOrg: OrgRef | null;
  mediatorName: string | null;
  supervisorOrg: OrgRef | null;
  town: OrgRef | null;
  village: OrgRef | null;
  grid: OrgRef | null;
  peopleInvolved: number;
  amount: number;
  overdue: boolean;
  listed: boolean;
  escalationLevel: number;
  clock: { kind: 'accept' | 'mediation' | 'supervision'; dueAt: string; warnAt: string; color: ClockColour } | null;
  /** Whole days since registration. */
  ageDays: number;
  caseId: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DisputeSession {
  no: number;
  at: string;
  place: string;
  participants: string;
  notes: string;
  recordedBy: string | null;
}

export interface DisputeHistoryEntry {
  version: number;
  type: string;
  label: string;
  at: string;
  fromState: string | null;
  toState: string;
  actor: { userName: string | null; org: OrgRef | null };
  note: string | null;
  details: Record<string, unknown>;
}

export interface DisputeDetail extends DisputeListItem {
  description: string;
  parties: Party[];
  /** false only when the caller revealed them (pii.view, audited). */
  partiesMasked: boolean;
  riskReasons: { code: string; label: string }[];
  threatOfViolence: boolean;
  threatOfPetition: boolean;
  sourceRef: string | null;
  address: string | null;
  applied: boolean;
  attachmentIds: string[];
  acceptedAt: string | null;
  mediationDueAt: string | null;
  extended: boolean;
  agreement: { number: string; terms: string; at: string; performBy: string | null; followUpDays: number } | null;
  signedAt: string | null;
  failureRoute: FailureRoute | null;
  failureRouteLabel: string | null;
  performance: Performance | null;
  performanceLabel: string | null;
  partyConfirmed: boolean | null;
  judicialReferredAt: string | null;
  concludedAt: string | null;
  concludedLate: boolean | null;
  caseNumber: string | null;
  sessions: DisputeSession[];
  history: DisputeHistoryEntry[];
  allowedActions: DisputeActionType[];
  /** May this principal reveal the parties (pii.view)? */
  canRevealParties: boolean;
}

export interface AgreementView {
  number: string;
  disputeNumber: string;
  committee: string;
  mediatorName: string | null;
  typeName: string;
  title: string;
  description: string;
  parties: Party[];
  terms: string;
  performBy: string | null;
  agreedAt: string;
  signedAt: string | null;
  sessions: number;
  masked: boolean;
}

export interface DisputeListQuery {
  box?: DisputeBox;
  state?: DisputeState;
  riskLevel?: RiskLevel;
  level?: HandlingLevel;
  typeCode?: string;
  q?: string;
  minAgeDays?: number;
  caseId?: number;
  sort?: 'risk' | 'age' | 'due';
  page?: number;
  pageSize?: number;
}

export interface IndicatorGroup extends IndicatorCounts {
  key: string;
  label: string;
}

export interface DisputeStats {
  from: string;
  to: string;
  overall: IndicatorCounts;
  byType: IndicatorGroup[];
  byLevel: IndicatorGroup[];
  byRisk: IndicatorGroup[];
  byCommittee: IndicatorGroup[];
  /** Open disputes now, by risk level (the queue's picture). */
  openByRisk: Record<RiskLevel, number>;
  formulas: { successRate: string; resolutionRate: string };
}
