// The shapes the deliberation API answers with (the web app derives its types from these).
import type { StationKind, Tally, TopicActionType, TopicState } from '../../domain/deliberation/index.js';

export interface StationView {
  id: number;
  village: { id: number; name: string };
  kind: StationKind;
  kindLabel: string;
  name: string;
  description: string;
  quorumPercent: number;
  passPercent: number;
  active: boolean;
  version: number;
  /** Names and roles; phones masked (staff views only; the public page shows none). */
  members: { id: number; name: string; title: string; phone: string | null }[];
}

export interface TopicListItem {
  id: number;
  number: string;
  title: string;
  state: TopicState;
  stateLabel: string;
  village: { id: number; name: string };
  station: { id: number; name: string };
  proposerKind: 'citizen' | 'staff';
  hearingAt: string | null;
  votingClosesAt: string | null;
  pendingComments: number;
  createdAt: string;
  updatedAt: string;
}

export type TopicBox =
  | 'to_accept'
  | 'to_hear'
  | 'voting'
  | 'to_decide'
  | 'implementing'
  | 'closed'
  | 'comments'
  | 'all';

export interface TopicCommentView {
  id: number;
  /** The author's name masked (张*); 'me' marks the reader's own. */
  author: string;
  mine: boolean;
  body: string;
  state: 'pending' | 'approved' | 'rejected';
  rejectReason: string | null;
  createdAt: string;
}

export interface TopicEventView {
  version: number;
  type: string;
  label: string;
  at: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  details: Record<string, unknown>;
  actorOrg: string | null;
}

export interface TopicDetail extends TopicListItem {
  proposal: string;
  background: string;
  attachmentIds: string[];
  options: string[];
  rule: { quorumPercent: number; passPercent: number };
  proposer: { kind: 'citizen' | 'staff'; name: string | null; org: string | null; mine: boolean };
  hearingPlace: string | null;
  hearing: { at: string; place: string; participants: string; notes: string } | null;
  votingOpensAt: string | null;
  rejectReason: string | null;
  decision: string | null;
  decidedAt: string | null;
  outcome: string | null;
  doneAt: string | null;
  version: number;
  /** The count once voting has closed; null while it is open (a secret ballot shows no counts, no voters). */
  result: (Tally & { closedAt: string }) | null;
  /** For a resident: whether they voted (never what) and whether they may vote now. */
  me: { voted: boolean; canVote: boolean; canComment: boolean } | null;
  comments: TopicCommentView[];
  events: TopicEventView[];
  allowedActions: TopicActionType[];
}

export interface MyDeliberationsView {
  villages: { id: number; name: string }[];
  stations: { id: number; name: string; kind: StationKind; kindLabel: string; villageId: number }[];
  topics: (TopicListItem & { mine: boolean; voted: boolean })[];
  /** What the resident was told (accepted, decided, the outcome of a topic they took part in …), newest first. */
  notices: { id: number; title: string; createdAt: string; read: boolean }[];
}

export interface PublicBoardView {
  village: { id: number; name: string };
  stations: { id: number; name: string; kindLabel: string; members: number }[];
  open: {
    number: string;
    title: string;
    state: TopicState;
    stateLabel: string;
    station: string;
    hearingAt: string | null;
    votingClosesAt: string | null;
  }[];
  decided: {
    number: string;
    title: string;
    state: TopicState;
    stateLabel: string;
    station: string;
    decision: string | null;
    decidedAt: string | null;
    result: {
      cast: number;
      eligible: number;
      turnoutPercent: number;
      passed: boolean;
      winner: string | null;
      counts: Record<string, number>;
    } | null;
    outcome: string | null;
    tasks: { title: string; state: string; dueAt: string }[];
  }[];
}
