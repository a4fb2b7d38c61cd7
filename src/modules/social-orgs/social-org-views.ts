// What the social-organisation API returns (the web app imports these types).
import type { IncubationStage, SocialOrgRating, SocialOrgType, SupportKind } from '../../domain/social-org/index.js';
import type { HistoryEntry } from '../record-history/index.js';

export interface SocialOrgListItem {
  id: number;
  name: string;
  type: SocialOrgType;
  typeLabel: string;
  registrationNo: string;
  field: string;
  contactName: string;
  contactPhone: string;
  rating: SocialOrgRating;
  ratingLabel: string;
  stage: IncubationStage;
  stageLabel: string;
  owner: { id: number; name: string };
  linkedOrg: { id: number; name: string } | null;
  projectCount: number;
  openCases: number;
  version: number;
}

export interface SocialOrgProjectView {
  id: number;
  name: string;
  contractNo: string;
  budget: number;
  startsOn: string;
  endsOn: string;
  purchaser: { id: number; name: string };
  state: 'running' | 'evaluated';
  evaluation: { score: number; grade: string; note: string; at: string | null } | null;
  version: number;
  deliverables: {
    id: number;
    title: string;
    dueDate: string;
    task: { id: number; number: string; status: string } | null;
  }[];
}

export interface SocialOrgDetail extends SocialOrgListItem {
  intro: string;
  canManage: boolean;
  supports: {
    id: number;
    stage: IncubationStage;
    stageLabel: string;
    kind: SupportKind;
    kindLabel: string;
    description: string;
    amount: number | null;
    givenOn: string;
    givenBy: string | null;
  }[];
  projects: SocialOrgProjectView[];
  teams: { id: number; name: string }[];
  cases: { id: number; number: string; title: string; status: string; reportedAt: string; closed: boolean }[];
  history: HistoryEntry[];
}
