// What the survey API returns (the web app imports these types).

import type {
  Interval,
  Questionnaire,
  QuestionResult,
  QuotaOutcome,
  RoundAction,
  RoundKind,
  RoundState,
  SampleState,
  ShareEstimate,
} from '../../domain/survey/index.js';
import type { HistoryEntry } from '../record-history/index.js';

export interface RoundListItem {
  id: number;
  title: string;
  kind: RoundKind;
  kindLabel: string;
  state: RoundState;
  stateLabel: string;
  sampled: number;
  answered: number;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface RoundCounts {
  sampled: number;
  pending: number;
  answered: number;
  refused: number;
  unreachable: number;
  smsSent: number;
  byChannel: { link: number; sms: number; call: number };
}

export interface QuotaView extends QuotaOutcome {
  orgName: string;
}

export interface RoundDetail extends RoundListItem {
  version: number;
  questionnaire: Questionnaire;
  quotas: { level: 'town' | 'village'; orgId: number; orgName: string; size: number }[];
  seed: number | null;
  drawOutcome: QuotaView[] | null;
  counts: RoundCounts;
  allowedActions: RoundAction[];
  canManage: boolean;
  history: HistoryEntry[];
}

export interface SampleView {
  id: number;
  roundId: number;
  townName: string;
  villageName: string;
  source: 'citizen' | 'grid';
  sourceLabel: string;
  name: string;
  phone: string;
  state: SampleState;
  stateLabel: string;
  callAttempts: number;
  lastCallAt: string | null;
  smsSentAt: string | null;
  /** the person's link, /s/<token> */
  link: string;
  version: number;
}

export interface CallScreenView {
  round: { id: number; title: string; script: string; questionnaire: Questionnaire };
  person: (SampleView & { heldUntil: string }) | null;
  remaining: number;
}

export interface UnitResultView {
  orgId: number | null;
  orgName: string;
  townId?: number;
  n: number;
  sampled: number;
  responseRate: number | null;
  score: ShareEstimate | null;
  questions: QuestionResult[];
}

export interface RoundResultsView {
  round: { id: number; title: string; state: RoundState; stateLabel: string; closedAt: string | null };
  method: string;
  county: UnitResultView;
  towns: UnitResultView[];
  villages: UnitResultView[];
}

export interface TrendPoint {
  roundId: number;
  title: string;
  closedAt: string | null;
  state: RoundState;
  county: { n: number; score: number | null; ci: Interval | null };
  towns: { orgId: number; orgName: string; n: number; score: number | null; ci: Interval | null }[];
}

export interface IndicatorView {
  indicator: {
    key: 'surveySatisfaction';
    name: string;
    formula: string;
    kind: 'rate';
    higherIsBetter: true;
  };
  round: { id: number; title: string; closedAt: string };
  /** the assessment period (YYYY-MM) the round closed in */
  period: string;
  units: { orgId: number; orgName: string; value: number | null; n: number; ci: Interval | null }[];
}

export interface MySurveyItem {
  roundId: number;
  title: string;
  state: SampleState;
  stateLabel: string;
  link: string;
}

export interface PublicSurveyView {
  title: string;
  intro: string;
  questionnaire: Pick<Questionnaire, 'questions'>;
  open: boolean;
  answered: boolean;
  message: string | null;
}
