// What the 双报到 and 物业亮星 API answers.
import type {
  NeedAction,
  NeedKind,
  NeedState,
  RegistrationState,
  StarRating,
} from '../../domain/party-service/index.js';
import type { HistoryEntry } from '../record-history/index.js';

export interface UnitView {
  id: number;
  villageId: number;
  villageName: string;
  orgId: number | null;
  name: string;
  contactName: string;
  /** Masked (138****5678). */
  contactPhone: string;
  state: RegistrationState;
  members: number;
  version: number;
  createdAt: string;
}

export interface MemberView {
  id: number;
  villageId: number;
  villageName: string;
  unitName: string;
  name: string;
  /** Masked; POST …/reveal shows it to holders of pii.view (audited). */
  phone: string;
  branch: string;
  state: RegistrationState;
  version: number;
  createdAt: string;
}

export interface NeedView {
  id: number;
  villageId: number;
  villageName: string;
  kind: NeedKind;
  title: string;
  description: string;
  /** Only for the community's staff and the claimer; empty for others. */
  beneficiary: string;
  dueOn: string;
  state: NeedState;
  claimer: { kind: 'member' | 'unit'; name: string; unitName: string } | null;
  claimedAt: string | null;
  taskId: number | null;
  hours: number | null;
  result: string | null;
  doneAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  cancelReason: string | null;
  version: number;
  /** The caller (member or unit) claimed it. */
  claimedByMe: boolean;
  /** What the caller may do now. */
  allowed: NeedAction[];
}

export interface NeedDetail extends NeedView {
  history: HistoryEntry[];
}

export interface UnitReportView {
  unitName: string;
  unitOrgId: number | null;
  members: number;
  needsDone: number;
  hours: number;
  rated: number;
  averageRating: number | null;
  issuedAt: string | null;
}

export interface CompoundView {
  id: number;
  villageId: number;
  villageName: string;
  companyId: number;
  companyName: string;
  name: string;
  gridIds: number[];
  version: number;
  /** The latest computed month's rating. */
  latest: { month: string; stars: number | null; score: number | null } | null;
}

export interface CompoundMonthView {
  month: string;
  stars: number | null;
  score: number | null;
  parts: StarRating['parts'];
  figures: StarRating['figures'];
  computedAt: string;
}

export interface PublicCompoundView {
  id: number;
  name: string;
  villageName: string;
  townName: string | null;
  companyName: string;
  month: string;
  stars: number | null;
  score: number | null;
  figures: StarRating['figures'];
}

export interface PublicEnforcementItem {
  month: string;
  townName: string | null;
  villageName: string | null;
  category: string | null;
  summary: string;
  result: string;
  status: string;
}
