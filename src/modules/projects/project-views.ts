// What the 突破项目 API answers: the year's list, one project, and the year-end evaluations per unit. Type-only
// imports, so the web app can take these shapes without reaching any server code.
import type { ProjectStanding, ProjectStatus } from '../../domain/project/index.js';
import type { HistoryEntry } from '../record-history/index.js';
import type { TaskListItem } from '../tasks/task-views.js';

export interface OrgRef {
  id: number;
  name: string;
}

export interface ProjectListItem {
  id: number;
  year: number;
  name: string;
  ownerOrg: OrgRef & { kind: string };
  status: ProjectStatus;
  statusLabel: string;
  reasons: ProjectStanding['reasons'];
  progressPercent: number;
  milestoneCounts: { total: number; done: number; overdue: number };
  lastReportMonth: string | null;
  evaluation: { score: number; grade: string } | null;
  updatedAt: string;
}

export interface ProjectDetail extends ProjectListItem {
  goal: string;
  version: number;
  createdAt: string;
  elapsedPercent: number;
  indicators: {
    id: number;
    name: string;
    unit: string;
    baseline: number;
    target: number;
    current: number | null;
    progressPercent: number;
  }[];
  milestones: { id: number; title: string; dueDate: string; ownerOrg: OrgRef; task: TaskListItem | null }[];
  reports: {
    month: string;
    text: string;
    values: { indicatorId: number; name: string; unit: string; value: number }[];
    attachmentIds: string[];
    reportedBy: { userName: string | null; orgName: string | null };
    reportedAt: string;
  }[];
  evaluationDetail: {
    score: number;
    grade: string;
    comment: string | null;
    evaluatedAt: string;
    evaluatedBy: string | null;
  } | null;
  /** The day the year-end evaluation opens ('YYYY-12-01', China calendar). */
  evaluationOpensOn: string;
  history: HistoryEntry[];
  can: { edit: boolean; report: boolean; evaluate: boolean };
}

export interface ProjectList {
  year: number;
  items: ProjectListItem[];
  /** Counts by status, before the status filter (for the chart). */
  statusCounts: Record<ProjectStatus, number>;
}

/** Per owner unit: its projects of the year, how many were evaluated, their mean score — what assessment reads. */
export interface ProjectEvaluations {
  year: number;
  units: { org: OrgRef & { kind: string }; projects: number; evaluated: number; meanScore: number | null }[];
}
