// The case API's shapes as the web app uses them (mirrors src/modules/cases/case-views.ts).
import type { Id } from '../../types';

export type CaseState =
  | 'submitted'
  | 'rejected'
  | 'verifying'
  | 'pending_dispatch'
  | 'dispatched'
  | 'handling'
  | 'suspended'
  | 'replied'
  | 'closed'
  | 'appealed'
  | 'archived'
  | 'merged';

export type CaseLevel = 'grid' | 'village' | 'town' | 'county';
export type Urgency = 'normal' | 'urgent';
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
export type ClockColour = 'green' | 'yellow' | 'red';
export type DurationUnit = 'natural_hours' | 'working_hours' | 'working_days';

export type CaseActionType =
  | 'accept'
  | 'reject'
  | 'closeOnTheSpot'
  | 'assignVerification'
  | 'verify'
  | 'handleAtGrid'
  | 'reportUp'
  | 'dispatch'
  | 'signFor'
  | 'returnCase'
  | 'requestExtension'
  | 'approveExtension'
  | 'refuseExtension'
  | 'suspend'
  | 'resume'
  | 'whistle'
  | 'checkIn'
  | 'recordProgress'
  | 'reply'
  | 'callback'
  | 'rate'
  | 'appeal'
  | 'grantAppeal'
  | 'refuseAppeal'
  | 'supervise'
  | 'urge'
  | 'escalateOverdue'
  | 'merge'
  | 'attachDuplicate'
  | 'close'
  | 'archive';

export type DeadlineKind =
  | 'accept'
  | 'verify'
  | 'dispatch'
  | 'sign_for'
  | 'check_in'
  | 'handle'
  | 'reply'
  | 'callback'
  | 'appeal_review'
  | 'supervision';

export const INBOX_BOXES = [
  'to_accept',
  'to_verify',
  'to_dispatch',
  'to_sign',
  'to_handle',
  'to_check_in',
  'to_approve',
  'to_callback',
  'due_soon',
  'overdue',
  'supervised',
] as const;
export type InboxBox = (typeof INBOX_BOXES)[number];

export const CASE_CHANNELS = [
  'citizen_app',
  'hotline',
  'grid_patrol',
  'screening',
  'walk_in',
  'petition',
  'open311',
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export interface CaseListItem {
  id: number;
  number: string;
  title: string;
  state: CaseState;
  channel: string;
  categoryId: number | null;
  categoryName: string | null;
  urgency: Urgency;
  level: CaseLevel | null;
  townId: number | null;
  townName: string | null;
  villageId: number | null;
  villageName: string | null;
  gridId: number | null;
  gridName: string | null;
  ownerOrgId: number | null;
  ownerOrgName: string | null;
  leadOrgId: number | null;
  leadOrgName: string | null;
  supervisionLevel: CaseLevel | null;
  listed: boolean;
  reportedAt: string;
  updatedAt: string;
  closedAt: string | null;
  nextDueAt: string | null;
  clock: ClockColour | null;
  readOnly: boolean;
}

export interface CaseDeadlineView {
  key: string;
  kind: DeadlineKind;
  orgId: number | null;
  orgName: string | null;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  colour: ClockColour;
  paused: boolean;
  escalated: boolean;
}

export interface TimelineEntry {
  version: number;
  at: string;
  type: CaseActionType | 'opened';
  actorKind: 'user' | 'citizen' | 'system';
  actorName: string | null;
  orgId: number | null;
  orgName: string | null;
  fromState: CaseState | null;
  toState: CaseState;
  note: string | null;
  details: Record<string, unknown>;
  attachmentIds: string[];
}

export interface ExtensionView {
  id: string;
  byOrgId: number;
  byOrgName: string | null;
  amount: number;
  unit: string;
  reason: string;
  status: string;
  at: string;
}

export interface WhistleView {
  id: string;
  byOrgId: number;
  reason: string;
  at: string;
  summons: { orgId: number; orgName: string | null; checkedInAt: string | null }[];
}

export interface CaseDetail extends CaseListItem {
  version: number;
  body: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporter: { name: string | null; phone: string | null; anonymous: boolean; masked: boolean };
  reply: string | null;
  rating: Rating | null;
  attachmentIds: string[];
  deadlines: CaseDeadlineView[];
  timeline: TimelineEntry[];
  units: { orgId: number; orgName: string; role: string; status: string }[];
  extensions: ExtensionView[];
  whistles: WhistleView[];
  supervision: {
    level: CaseLevel;
    byOrgId: number;
    since: string;
    reason: string;
    listed: boolean;
    automatic: boolean;
  } | null;
  mergedInto: number | null;
  mergedCaseIds: number[];
  allowedActions: CaseActionType[];
  proposal: { leadOrgId: number | null; leadOrgName: string | null; reason: string } | null;
}

/** An action as the API takes it: the type plus its fields (org ids as numbers). */
export type CaseActionBody = { type: CaseActionType } & Record<string, unknown>;

export interface InboxCounts {
  boxes: Record<InboxBox, number>;
}

export interface NotificationItem {
  id: Id;
  caseId?: number | null;
  caseNumber?: string | null;
  kind?: string;
  type?: string;
  title?: string;
  body?: string | null;
  message?: string | null;
  at?: string;
  createdAt?: string;
  readAt?: string | null;
  read?: boolean;
}

export interface TimeLimitRule {
  id: number;
  stage: string;
  categoryId: number | null;
  categoryName?: string | null;
  urgency: Urgency | null;
  amount: number;
  unit: DurationUnit;
  warnShare: number;
}

export interface RoutingRule {
  id: number;
  categoryId: number;
  categoryName?: string | null;
  townId: number | null;
  townName?: string | null;
  orgId: number;
  orgName?: string | null;
}
