// A deliberation topic (议事议题) of a village's deliberation station (五老议事站, 说事评理站, 群众评议站 …):
// raised by a resident or by staff, accepted or refused by the station, heard on a date, put to the
// residents' vote in a window, decided, carried out as tasks and closed with its outcome. The machine keeps
// what decides the workflow; the texts, comments and ballots live beside it in the module.

export const TOPIC_STATES = [
  'proposed',
  'accepted',
  'rejected',
  'withdrawn',
  'scheduled',
  'voting',
  'voted',
  'decided',
  'implementing',
  'done',
] as const;
export type TopicState = (typeof TOPIC_STATES)[number];

/** States a topic is still open in (the public page lists them as 进行中). */
export const OPEN_TOPIC_STATES: readonly TopicState[] = ['proposed', 'accepted', 'scheduled', 'voting', 'voted'];
/** States after a decision (the public page lists them with their follow-up). */
export const DECIDED_TOPIC_STATES: readonly TopicState[] = ['decided', 'implementing', 'done'];
/** States whose ballot results may be shown: voting has closed. */
export const RESULT_STATES: readonly TopicState[] = ['voted', 'decided', 'implementing', 'done'];

/** The kinds of station the county knows; each village names and configures its own. */
export const STATION_KINDS = ['wulao', 'shuoshi', 'pingyi', 'other'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** How the principal stands to a topic: the resident (or staff) who raised it, or the station's side. */
export type TopicRelation = 'proposer' | 'station';

export interface TopicActor {
  readonly relations: ReadonlySet<TopicRelation>;
}

export interface Hearing {
  readonly at: Date;
  readonly place: string;
  readonly participants: string;
  readonly notes: string;
}

export interface Topic {
  readonly state: TopicState;
  readonly hearingAt: Date | null;
  readonly hearingPlace: string | null;
  readonly hearing: Hearing | null;
  readonly votingOpensAt: Date | null;
  readonly votingClosesAt: Date | null;
  readonly rejectReason: string | null;
  readonly decision: string | null;
  readonly decidedAt: Date | null;
  readonly outcome: string | null;
  readonly doneAt: Date | null;
  readonly version: number;
  readonly updatedAt: Date;
}

/** A follow-up of a decision: becomes a task of `ownerOrgId` due at `dueAt` (the task capability). */
export interface FollowUp {
  readonly title: string;
  readonly ownerOrgId: number;
  readonly dueAt: Date;
}

export type TopicAction =
  | { readonly type: 'accept'; readonly note?: string }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'withdraw'; readonly reason?: string }
  | { readonly type: 'schedule'; readonly hearingAt: Date; readonly place: string }
  | { readonly type: 'recordHearing'; readonly hearing: Hearing }
  | { readonly type: 'openVoting'; readonly opensAt: Date; readonly closesAt: Date }
  | { readonly type: 'closeVoting' }
  | { readonly type: 'decide'; readonly decision: string }
  | { readonly type: 'implement'; readonly followUps: readonly FollowUp[] }
  | { readonly type: 'complete'; readonly outcome: string };

export type TopicActionType = TopicAction['type'];

export const TOPIC_ACTION_TYPES = [
  'accept',
  'reject',
  'withdraw',
  'schedule',
  'recordHearing',
  'openVoting',
  'closeVoting',
  'decide',
  'implement',
  'complete',
] as const satisfies readonly TopicActionType[];

export interface TopicEvent {
  readonly type: TopicActionType | 'raise';
  readonly at: Date;
  readonly fromState: TopicState | null;
  readonly toState: TopicState;
  readonly note: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface TopicOutcome {
  readonly topic: Topic;
  readonly event: TopicEvent;
  /** After `implement`: the tasks to create (in the same transaction). */
  readonly followUps?: readonly FollowUp[];
  /** After `complete`: everyone who took part is told the outcome. */
  readonly tellParticipants?: boolean;
}
