// What the party-organisation API answers: organisations with their place, members (phone masked), the
// 大党委, coverage per town, first secretaries with their month, and the grid's public card (网格亮责).
import type { PartyLevel, SecretaryMonth, TownCoverage } from '../../domain/party/index.js';
import type { HistoryEntry } from '../record-history/index.js';
import type { TaskListItem } from '../tasks/task-views.js';

export interface OrgRef {
  id: number;
  name: string;
}

export interface PartyOrgView {
  id: number;
  level: PartyLevel;
  levelLabel: string;
  name: string;
  parentId: number | null;
  town: OrgRef;
  village: OrgRef | null;
  grid: OrgRef | null;
  orgId: number | null;
  compound: string | null;
  buildings: string[];
  householdRecordId: number | null;
  linkedHouseholdIds: number[];
  secretary: { id: number; name: string } | null;
  duties: string;
  officePhone: string | null;
  active: boolean;
  version: number;
  memberCount: number;
}

export interface PartyMemberView {
  id: number;
  partyOrg: OrgRef & { level: PartyLevel };
  village: OrgRef | null;
  name: string;
  /** masked; the full number through /reveal (pii.view, audited) */
  phone: string | null;
  joinedOn: string | null;
  duty: string;
  userId: number | null;
  inService: boolean;
  workUnit: string | null;
  active: boolean;
  version: number;
}

export interface HouseholdRef {
  id: number;
  name: string;
  gridId: number;
}

export interface PartyOrgDetail extends PartyOrgView {
  parent: (OrgRef & { level: PartyLevel }) | null;
  children: PartyOrgView[];
  members: PartyMemberView[];
  household: HouseholdRef | null;
  linkedHouseholds: HouseholdRef[];
  history: HistoryEntry[];
}

export interface CoverageView extends Omit<TownCoverage, 'uncoveredGridIds'> {
  town: OrgRef;
}

export interface UncoveredGrid {
  id: number;
  name: string;
  village: OrgRef;
  town: OrgRef;
}

export interface CommitteeMemberView {
  id: number;
  village: OrgRef;
  unitOrgId: number | null;
  unitName: string;
  personName: string;
  post: string;
  termStart: string;
  termEnd: string;
  status: 'upcoming' | 'current' | 'expired';
  active: boolean;
  version: number;
}

export interface SecretaryView {
  id: number;
  name: string;
  phone: string | null;
  userId: number | null;
  village: OrgRef;
  town: OrgRef;
  sendingOrg: OrgRef;
  termStart: string;
  termEnd: string;
  status: 'upcoming' | 'current' | 'expired';
  active: boolean;
  version: number;
  /** this month's days on site */
  daysThisMonth: number;
  checkedInToday: boolean;
  tasks: { total: number; open: number; overdue: number; done: number };
}

export interface SecretaryDetail extends SecretaryView {
  days: { day: string; source: 'phone' | 'village'; note: string }[];
  taskList: TaskListItem[];
  history: HistoryEntry[];
}

export interface SecretaryMonthRow extends SecretaryMonth {
  secretary: OrgRef;
  village: OrgRef;
  town: OrgRef;
  sendingOrg: OrgRef;
}

export interface SecretaryMonthlyReport {
  month: string;
  rows: SecretaryMonthRow[];
}

/** 网格亮责: the grid's public card — role holders' names and an office phone, nothing personal beyond that. */
export interface GridCard {
  grid: OrgRef;
  village: OrgRef;
  town: OrgRef;
  gridWorker: string | null;
  branch: { name: string; secretary: string | null; duties: string } | null;
  officePhone: string | null;
  duties: string[];
}
