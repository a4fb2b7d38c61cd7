// What the API answers about meetings: the list, the kinds, one meeting with its agenda, attendance, decisions
// (each with its tasks' live state) and history.
import type {
  AgendaCandidate,
  AttendanceSummary,
  ItemKind,
  MeetingAction,
  MeetingLevel,
  MeetingState,
} from '../../domain/meeting/index.js';
import type { TaskListItem } from '../tasks/task-views.js';

export interface OrgRef {
  id: number;
  name: string;
}

export interface MeetingKindView {
  id: number;
  name: string;
  level: MeetingLevel;
  levelLabel: string;
  organiser: OrgRef;
  chair: string;
  members: (OrgRef & { kind: string })[];
  description: string;
  active: boolean;
  canManage: boolean;
  version: number;
}

export interface MeetingListItem {
  id: number;
  title: string;
  kind: { id: number; name: string; level: MeetingLevel };
  organiser: OrgRef;
  startsAt: string;
  place: string;
  chair: string;
  state: MeetingState;
  stateLabel: string;
  itemCount: number;
  decisionCount: number;
  tasks: { total: number; open: number; overdue: number; done: number };
}

export interface MeetingItemView {
  id: number;
  /** 1-based number in the agenda (议题N). */
  no: number;
  kind: ItemKind;
  kindLabel: string;
  sourceKey: string | null;
  title: string;
  description: string;
  reason: string | null;
  discussion: string;
  /** A case item, as the principal sees the case now (null when the case is outside the principal's scope). */
  case: {
    id: number;
    number: string;
    state: string;
    version: number;
    ownerOrgName: string | null;
    leadOrgName: string | null;
    canDispatch: boolean;
    proposedLead: OrgRef | null;
  } | null;
  caseId: number | null;
  dispatch: { leadOrg: OrgRef; assistingOrgs: OrgRef[]; note: string | null; at: string } | null;
  decisions: { id: number; text: string; createdAt: string; tasks: TaskListItem[] }[];
  /** For an earlier decision on the agenda (督查落实): that decision's tasks as they stand now. */
  followUp: TaskListItem[];
}

export interface MeetingDetail extends Omit<MeetingListItem, 'itemCount' | 'decisionCount' | 'tasks'> {
  kind: { id: number; name: string; level: MeetingLevel; levelLabel: string };
  secretary: string;
  cancelReason: string | null;
  heldAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  members: (OrgRef & { kind: string })[];
  attendance: {
    orgId: number;
    orgName: string;
    status: string;
    statusLabel: string;
    attendee: string | null;
    note: string | null;
  }[];
  attendanceSummary: AttendanceSummary;
  items: MeetingItemView[];
  canManage: boolean;
  /** What the organiser may do in this state (empty for a member unit). */
  allowedActions: MeetingAction[];
  history: {
    version: number;
    type: string;
    at: string;
    actorName: string | null;
    orgName: string | null;
    details: Record<string, unknown>;
  }[];
}

export interface MeetingListQuery {
  kindId?: number;
  /** The meeting that made this decision (a task's page links to its source). */
  decisionId?: number;
  state?: MeetingState;
  year?: number;
  page?: number;
  pageSize?: number;
}

export interface AgendaProposal {
  meetingId: number;
  organiser: OrgRef;
  generatedAt: string;
  candidates: AgendaCandidate[];
  counts: { kind: string; label: string; count: number }[];
  rules: { minUnits: number; minReopens: number; limitPerKind: number };
}
