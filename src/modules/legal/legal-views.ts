// The shapes the legal-adviser API answers with.
import type { LegalEntryKind, MonthSummary, VillageMonth, VillageServiceStatus } from '../../domain/legal/index.js';

export interface Named {
  id: number;
  name: string;
}

export interface AssignmentView {
  id: number;
  adviser: Named;
  firm: Named;
  village: Named;
  town: Named | null;
  hoursPerMonth: number;
  lecturesPerQuarter: number;
  startedOn: string;
  endedOn: string | null;
  inForce: boolean;
  note: string | null;
  version: number;
}

export interface AdviserView {
  id: number;
  name: string;
  /** masked */
  phone: string | null;
  licenceNo: string;
  firm: Named;
  user: { id: number; username: string | null; name: string } | null;
  active: boolean;
  version: number;
  villages: Named[];
}

export interface HistoryView {
  type: string;
  label: string;
  at: string;
  actor: { userName: string | null; orgName: string | null };
  details: unknown;
}

export interface AdviserDetail extends AdviserView {
  assignments: AssignmentView[];
  history: HistoryView[];
}

export interface EntryView {
  id: number;
  kind: LegalEntryKind;
  kindLabel: string;
  occurredOn: string;
  hours: number;
  place: string | null;
  adviser: Named;
  firm: Named;
  village: Named;
  town: Named | null;
  matter: string | null;
  advice: string | null;
  topic: string | null;
  audience: number | null;
  documentTitle: string | null;
  opinion: string | null;
  /** masked unless revealed (GET /legal/entries/:id/asker, audited) */
  askerName: string | null;
  askerPhone: string | null;
  dispute: { id: number; number: string; title: string } | null;
  attachmentIds: string[];
  voided: boolean;
  voidReason: string | null;
  recordedBy: string | null;
  createdAt: string;
  version: number;
}

export interface EntryDetail extends EntryView {
  history: HistoryView[];
}

export interface MonthlyRow extends Omit<VillageMonth, 'villageId' | 'adviserId' | 'assignmentId'> {
  village: Named;
  town: Named | null;
  adviser: Named | null;
  firm: Named | null;
  statusLabel: string;
  status: VillageServiceStatus;
}

export interface MonthlyReport {
  month: string;
  summary: MonthSummary;
  rows: MonthlyRow[];
}

export interface MyAdvising {
  advisers: (AdviserView & {
    assignments: AssignmentView[];
    openDisputes: { id: number; number: string; title: string; villageId: number }[];
  })[];
  recent: EntryView[];
  /** open legal-review requests (tasks) of the villages served */
  openReviews: { taskId: number; number: string; title: string; villageId: number; dueAt: string; state: string }[];
}
