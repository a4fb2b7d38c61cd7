// The case module's public shapes: what callers give to create a case and what the API returns about one.
// Other modules (intake, Open311, the hotline, analysis) and the web app code against these.
import type {
  CaseAction,
  CaseActionType,
  CaseLevel,
  CaseState,
  DeadlineKind,
  Rating,
  Urgency,
} from '../../domain/case/index.js';

/** Where a case came from (stored in cases.channel). */
export const CASE_CHANNELS = [
  'citizen_app',
  'hotline',
  'grid_patrol',
  'screening',
  'walk_in',
  'petition',
  'open311',
  'video',
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export interface CreateCaseInput {
  channel: CaseChannel;
  /** Short title; derived from the description when absent. */
  title?: string;
  /** What the reporter said (required, 5–5000 characters). */
  body: string;
  categoryId?: number | null;
  urgency?: Urgency;
  /** A point (WGS84) or a grid: the case is routed by the grid it falls in. */
  lat?: number | null;
  lng?: number | null;
  gridId?: number | null;
  address?: string | null;
  reporter?: {
    name?: string | null;
    phone?: string | null;
    anonymous?: boolean;
    /** A signed-in citizen (their user id); set by the citizen intake route, never by a client. */
    citizenUserId?: number | null;
  };
  attachmentIds?: string[];
  /**
   * Idempotency: a case with the same (channel, externalRef) — a hotline order number — or the same
   * clientToken (a phone's resubmission) is returned instead of creating another.
   */
  externalRef?: string | null;
  clientToken?: string | null;
  /** Free extra fields (Open311 attributes, hotline columns), kept on the case. */
  extra?: Record<string, unknown>;
  /**
   * Facts of the intake kept on the 'opened' timeline entry for staff (e.g. a category suggested by the
   * classifier rather than given): shown with the entry; a `note` becomes its note.
   */
  openedDetails?: Record<string, unknown>;
}

export type ClockColour = 'green' | 'yellow' | 'red';

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
  /** The earliest live deadline and its colour (null when no clock runs). */
  nextDueAt: string | null;
  clock: ClockColour | null;
  /** True for seeded history imported without its workflow: shown, never acted on. */
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
  type: CaseActionType | 'opened' | 'amended';
  actorKind: 'user' | 'citizen' | 'system';
  /** Staff display name; hidden (null) in the citizen view. */
  actorName: string | null;
  /** The acting staff user (null for citizens, the system and the citizen view): the 党员 badge looks it up. */
  actorUserId?: number | null;
  orgId: number | null;
  orgName: string | null;
  fromState: CaseState | null;
  toState: CaseState;
  note: string | null;
  details: Record<string, unknown>;
  attachmentIds: string[];
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
  /** Assignments: who stands to the case (lead, assisting, summoned, supervisor …). */
  units: { orgId: number; orgName: string; role: string; status: string }[];
  /** Pending extension requests, open whistles (with check-ins), supervision, merged cases. */
  extensions: {
    id: string;
    byOrgId: number;
    byOrgName: string | null;
    amount: number;
    unit: string;
    reason: string;
    status: string;
    at: string;
  }[];
  whistles: {
    id: string;
    byOrgId: number;
    reason: string;
    at: string;
    summons: { orgId: number; orgName: string | null; checkedInAt: string | null }[];
  }[];
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
  /** The actions this principal may take now (the form offers exactly these). */
  allowedActions: CaseActionType[];
  /** Routing proposal for dispatch: the responsible unit of the category (per town when a rule says so). */
  proposal: { leadOrgId: number | null; leadOrgName: string | null; reason: string } | null;
}

/** An action as the API takes it: the domain action with organisation ids as numbers. */
export type CaseActionInput = CaseAction;

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
