// What the 工作专班 API answers: a team in a list, one team, and the leader's overview. Type-only imports, so the
// web app can take these shapes without reaching any server code.
import type { Punctuality, TeamState } from '../../domain/work-team/index.js';
import type { HistoryEntry } from '../record-history/index.js';
import type { TaskCounts, TaskListItem } from '../tasks/task-views.js';

export interface OrgRef {
  id: number;
  name: string;
}

export interface WorkTeamListItem {
  id: number;
  name: string;
  topic: string;
  state: TeamState;
  stateLabel: string;
  lead: { id: number; name: string };
  organiser: OrgRef;
  startDate: string;
  endDate: string;
  unitCount: number;
  /** All tasks of the team, weekly reports included. */
  tasks: TaskCounts;
}

export interface WorkTeamDetail extends WorkTeamListItem {
  version: number;
  endedAt: string | null;
  endNote: string | null;
  createdAt: string;
  units: { org: OrgRef & { kind: string }; contactName: string; contactPhone: string | null; since: string }[];
  members: { name: string; org: OrgRef; role: string; phone: string | null }[];
  history: HistoryEntry[];
  /** The principal leads or organises the team: may edit it, assign tasks and end it. */
  canManage: boolean;
}

/** How many recent weeks the chart shows. */
export const CHART_WEEKS = 12;

type Tally = Omit<Punctuality['units'][number], 'orgId'>;

export interface TeamOverview {
  team: WorkTeamListItem;
  now: string;
  /** Tasks of the team, overdue first; reports carry their week. */
  tasks: (TaskListItem & { kind: 'report' | 'assigned'; week: string | null; weekLabel: string | null })[];
  units: ({ org: OrgRef; contactName: string } & Tally)[];
  weeks: ({ week: string; weekLabel: string; dueAt: string } & Tally)[];
}
