// The shapes the points API answers with (the web app imports these types).
import type {
  CapPeriod,
  CreditGrade,
  EntryKind,
  ObjectionState,
  PointsSettings,
  RequestState,
  RuleUnit,
} from '../../domain/points/index.js';

export interface RuleView {
  id: number;
  villageId: number | null;
  templateRuleId: number | null;
  category: string;
  name: string;
  points: number;
  unit: RuleUnit;
  capPoints: number | null;
  capPeriod: CapPeriod | null;
  active: boolean;
  sort: number;
  version: number;
}

export interface VillageOverview {
  village: { id: number; name: string; code: string };
  settings: PointsSettings & { templateAdoptedAt: string | null; version: number };
  rules: RuleView[];
  households: number;
  pendingRequests: number;
  openObjections: number;
}

export interface HouseholdView {
  id: number;
  village: { id: number; name: string };
  grid: { id: number; name: string } | null;
  doorNo: string;
  headName: string;
  members: number;
  /** masked unless revealed (pii.view, audited) */
  address: string | null;
  phone: string | null;
  masked: boolean;
  /** a citizen account with the head's phone exists (it sees this household on the phone) */
  linkedCitizen: boolean;
  overdueDebt: boolean;
  overdueDebtNote: string | null;
  active: boolean;
  balance: number;
  version: number;
}

export interface ObjectionBrief {
  id: number;
  state: ObjectionState;
  stateLabel: string;
  reason: string;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface EntryView {
  id: number;
  seq: number;
  kind: EntryKind;
  kindLabel: string;
  points: number;
  nominalPoints: number;
  balanceAfter: number;
  rule: { id: number; name: string } | null;
  quantity: number | null;
  occurredOn: string;
  note: string;
  attachmentIds: string[];
  caseId: number | null;
  activity: string | null;
  correctsEntryId: number | null;
  /** the sum of the corrections made to this entry */
  corrected: number;
  /** who gave it: a staff member's name for staff, the village for the household */
  givenBy: string | null;
  approvedBy: string | null;
  createdAt: string;
  objection: ObjectionBrief | null;
  /** deductions: the end of the objection window */
  objectionDeadline: string | null;
  canObject: boolean;
}

export interface RequestView {
  id: number;
  state: RequestState;
  stateLabel: string;
  household: { id: number; doorNo: string; headName: string };
  village: { id: number; name: string };
  rule: { id: number; name: string };
  quantity: number;
  points: number;
  occurredOn: string;
  note: string;
  attachmentIds: string[];
  caseId: number | null;
  activity: string | null;
  givenBy: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  version: number;
}

export interface ObjectionView extends ObjectionBrief {
  household: { id: number; doorNo: string; headName: string };
  village: { id: number; name: string };
  entry: {
    id: number;
    points: number;
    nominalPoints: number;
    ruleName: string | null;
    occurredOn: string;
    note: string;
  };
  attachmentIds: string[];
  decidedBy: string | null;
  version: number;
}

export interface ItemView {
  id: number;
  villageId: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  active: boolean;
  attachmentId: string | null;
  version: number;
}

export interface RedemptionView {
  id: number;
  household: { id: number; doorNo: string; headName: string };
  item: { id: number; name: string };
  quantity: number;
  points: number;
  channel: 'counter' | 'phone';
  handedOverAt: string | null;
  /** 取消兑换: the points came back as a refund entry */
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
}

export interface RankingRowView {
  rank: number;
  /** null on the public board */
  householdId: number | null;
  /** the household's name as the page may show it (masked on the public board unless the village publishes it) */
  household: string;
  doorNo: string | null;
  score: number;
  awards: number;
  deductions: number;
}

export interface RankingView {
  village: { id: number; name: string };
  period: { kind: 'month' | 'year'; key: string; label: string };
  rows: RankingRowView[];
}

export interface CreditCandidate {
  household: { id: number; doorNo: string; headName: string; members: number };
  yearPoints: number;
  unresolvedDeductions: number;
  overdueDebt: boolean;
  eligible: boolean;
  grade: CreditGrade | null;
  reasons: string[];
  designated: { id: number; grade: CreditGrade; revoked: boolean } | null;
}

export interface CreditHouseholdView {
  id: number;
  year: number;
  grade: CreditGrade;
  yearPoints: number;
  household: { id: number; doorNo: string; headName: string; members: number };
  village: { id: number; name: string };
  town: { id: number; name: string } | null;
  reviewNote: string;
  reviewedOn: string;
  designatedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface MyPointsView {
  household: { id: number; doorNo: string; headName: string; members: number; village: { id: number; name: string } };
  balance: number;
  objectionDays: number;
  entries: EntryView[];
  items: ItemView[];
  redemptions: RedemptionView[];
  credit: { year: number; grade: CreditGrade }[];
}
