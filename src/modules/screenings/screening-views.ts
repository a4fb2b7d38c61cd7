// What the screening API answers.
// Types only: the web app reads them (web/src/pages/screenings), so nothing here may import a server module.
import type {
  Cadence,
  ChecklistItem,
  CoverageStatus,
  FindingRoute,
  ScreeningLevel,
} from '../../domain/screening/index.js';

/** A level's cadence and checklist as the administrator keeps them. */
export interface LevelSetting {
  level: ScreeningLevel;
  levelLabel: string;
  cadence: Cadence;
  cadenceLabel: string;
  checklist: ChecklistItem[];
  active: boolean;
  version: number;
  updatedAt: string | null;
}

export interface ScreeningListItem {
  taskId: number;
  taskNumber: string;
  taskVersion: number;
  taskState: string;
  org: { id: number; name: string };
  parentOrgId: number | null;
  level: ScreeningLevel;
  levelLabel: string;
  cadence: Cadence;
  cadenceLabel: string;
  periodStart: string;
  periodEnd: string;
  periodLabel: string;
  dueDay: string;
  dueAt: string;
  status: CoverageStatus;
  statusLabel: string;
  completedAt: string | null;
  recordId: number | null;
}

export interface ScreeningFindingView {
  seq: number;
  itemKey: string;
  itemLabel: string;
  route: FindingRoute;
  summary: string;
  caseId: number | null;
  caseNumber: string | null;
  disputeId: number | null;
  disputeNumber: string | null;
}

export interface ScreeningRecordView {
  id: number;
  checklist: { key: string; label: string; found: boolean; note: string }[];
  nothingFound: boolean;
  note: string;
  findings: ScreeningFindingView[];
  attachmentIds: string[];
  lat: number | null;
  lng: number | null;
  recordedBy: string | null;
  recordedAt: string;
  late: boolean;
}

export interface ScreeningDetail extends ScreeningListItem {
  /** The checklist to answer (the level's current one), or the one the record was made with. */
  checklist: { key: string; label: string }[];
  /** Whether the caller's unit may record it now. */
  canRecord: boolean;
  /** A grid's screening records the worker's location. */
  locationRequired: boolean;
  record: ScreeningRecordView | null;
  /** Set when a resend with the same client token found the record already written. */
  replayed?: boolean;
}

export interface CoverageRow {
  org: { id: number; name: string };
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  /** 排查完成率 (0..1), null when nothing was due. */
  rate: number | null;
  findings: number;
}

export interface CoverageReport {
  from: string;
  to: string;
  level: ScreeningLevel;
  levelLabel: string;
  formula: string;
  totals: Omit<CoverageRow, 'org'>;
  rows: CoverageRow[];
  findingsByType: { itemKey: string; itemLabel: string; cases: number; disputes: number }[];
}

export interface HeatMap {
  org: { id: number; name: string };
  year: number;
  days: { day: string; status: CoverageStatus; taskId: number }[];
}

export type ScreeningSettingsView = LevelSetting[];
