// What the API answers about tasks: list items, the detail with its history and the actions offered, the
// inbox boxes.
import type { TaskActionType, TaskSourceKind, TaskState } from '../../domain/task/index.js';

export type ClockColour = 'green' | 'yellow' | 'red';
export interface OrgRef {
  id: number;
  name: string;
}

export const TASK_BOXES = ['to_sign', 'in_progress', 'overdue', 'assigned', 'supervising', 'done', 'all'] as const;
export type TaskBox = (typeof TASK_BOXES)[number];

export interface TaskListItem {
  id: number;
  number: string;
  title: string;
  state: TaskState;
  stateLabel: string;
  signed: boolean;
  sourceKind: TaskSourceKind;
  sourceId: string | null;
  sourceLabel: string | null;
  caseId: number | null;
  ownerOrg: OrgRef;
  assistingOrgs: OrgRef[];
  assignedByOrg: OrgRef;
  supervisorOrg: OrgRef | null;
  dueAt: string;
  clock: { kind: 'due' | 'supervision'; dueAt: string; warnAt: string; color: ClockColour } | null;
  progressPercent: number;
  completedAt: string | null;
  completedLate: boolean | null;
  escalationLevel: number;
  listed: boolean;
  version: number;
  updatedAt: string;
}

export interface TaskHistoryEntry {
  version: number;
  type: string;
  label: string;
  at: string;
  fromState: string | null;
  toState: string;
  actor: { userName: string | null; userId?: number | null; org: OrgRef | null };
  note: string | null;
  details: Record<string, unknown>;
  attachmentIds: string[];
}

export interface TaskDetail extends TaskListItem {
  description: string;
  result: string | null;
  attachmentIds: string[];
  createdAt: string;
  caseNumber: string | null;
  history: TaskHistoryEntry[];
  /** What this principal may do now (the machine's answer). */
  allowedActions: TaskActionType[];
}

export interface TaskCounts {
  total: number;
  open: number;
  overdue: number;
  done: number;
  doneOnTime: number;
  cancelled: number;
}

export interface TaskListQuery {
  box?: TaskBox;
  state?: TaskState;
  sourceKind?: TaskSourceKind;
  sourceId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}
