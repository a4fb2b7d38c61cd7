// The deliberation topic's state machine: pure functions of the topic, the action, how the actor stands to
// it and the time. It decides what is allowed, the next topic and its one history entry; the module writes
// that in one transaction.
//
//   proposed ─accept→ accepted ─schedule→ scheduled ─openVoting→ voting ─closeVoting→ voted ─decide→ decided
//      │ ╲                                  │ ↺ schedule, recordHearing (also while voting and voted)  │
//      │  └─reject (reason)→ rejected                                  decided ─implement (tasks)→ implementing
//      └─withdraw (the proposer only)→ withdrawn                 decided | implementing ─complete→ done
import { err, ok, type Result } from '../result.js';
import { type DeliberationDomainError, deliberationError } from './errors.js';
import type {
  FollowUp,
  Topic,
  TopicAction,
  TopicActionType,
  TopicActor,
  TopicEvent,
  TopicOutcome,
  TopicRelation,
  TopicState,
} from './types.js';

export const MAX_TOPIC_TEXT = 5000;
export const MAX_FOLLOW_UPS = 20;
/** The longest voting window (natural days). */
export const MAX_VOTING_DAYS = 60;
const DAY_MS = 86_400_000;

interface Rule {
  readonly states: readonly TopicState[];
  readonly relation: TopicRelation;
}

const RULES: Record<TopicActionType, Rule> = {
  accept: { states: ['proposed'], relation: 'station' },
  reject: { states: ['proposed'], relation: 'station' },
  withdraw: { states: ['proposed'], relation: 'proposer' },
  schedule: { states: ['accepted', 'scheduled'], relation: 'station' },
  recordHearing: { states: ['scheduled', 'voting', 'voted'], relation: 'station' },
  openVoting: { states: ['scheduled'], relation: 'station' },
  closeVoting: { states: ['voting'], relation: 'station' },
  decide: { states: ['voted'], relation: 'station' },
  implement: { states: ['decided'], relation: 'station' },
  complete: { states: ['decided', 'implementing'], relation: 'station' },
};

/** The states each action may start from (the README's table). */
export const TOPIC_ACTION_STATES: Readonly<Record<TopicActionType, readonly TopicState[]>> = Object.fromEntries(
  Object.entries(RULES).map(([type, rule]) => [type, rule.states]),
) as Record<TopicActionType, readonly TopicState[]>;

/** A topic as it is raised: waiting for the station to accept it. */
export function raiseTopic(input: {
  title: string;
  proposal: string;
  now: Date;
}): Result<TopicOutcome, DeliberationDomainError> {
  const title = input.title.trim();
  if (!title) return err(deliberationError('VALIDATION', { field: 'title' }, '请填写议题名称'));
  if (title.length > 200) return err(deliberationError('VALIDATION', { field: 'title' }, '议题名称不能超过 200 字'));
  const proposal = checkText(input.proposal, 'proposal', '议题内容（建议）');
  if (!proposal.ok) return proposal;
  const topic: Topic = {
    state: 'proposed',
    hearingAt: null,
    hearingPlace: null,
    hearing: null,
    votingOpensAt: null,
    votingClosesAt: null,
    rejectReason: null,
    decision: null,
    decidedAt: null,
    outcome: null,
    doneAt: null,
    version: 1,
    updatedAt: input.now,
  };
  return ok({ topic, event: event('raise', input.now, null, 'proposed', null) });
}

function event(
  type: TopicEvent['type'],
  at: Date,
  fromState: TopicState | null,
  toState: TopicState,
  note: string | null,
  details: Record<string, unknown> = {},
): TopicEvent {
  return { type, at, fromState, toState, note, details };
}

function check(t: Topic, type: TopicActionType, actor: TopicActor): DeliberationDomainError | null {
  const rule = RULES[type];
  if (!rule) return deliberationError('VALIDATION', { action: type }, `未知的议题操作：${String(type)}`);
  if (!rule.states.includes(t.state)) {
    return deliberationError('TOPIC_ACTION_NOT_ALLOWED_IN_STATE', {
      action: type,
      state: t.state,
      allowedIn: rule.states,
    });
  }
  if (!actor.relations.has(rule.relation)) {
    return deliberationError('NOT_AUTHORISED_FOR_TOPIC_ACTION', { action: type, needs: rule.relation });
  }
  return null;
}

/** The actions this actor may take now (what the web app offers). */
export function allowedTopicActions(t: Topic, actor: TopicActor): TopicActionType[] {
  return (Object.keys(RULES) as TopicActionType[]).filter((type) => check(t, type, actor) === null);
}

function checkText(value: string | undefined, field: string, label: string) {
  const v = (value ?? '').trim();
  if (!v) return err(deliberationError('VALIDATION', { field }, `请填写${label}`));
  if (v.length > MAX_TOPIC_TEXT) {
    return err(deliberationError('VALIDATION', { field }, `${label}不能超过 ${MAX_TOPIC_TEXT} 字`));
  }
  return ok(v);
}

const invalid = (d: Date | null | undefined): boolean => !d || Number.isNaN(d.getTime());

/** Whether a ballot cast at `now` counts: the topic is being voted on and the window is open. */
export function votingOpen(t: Topic, now: Date): boolean {
  return (
    t.state === 'voting' &&
    t.votingOpensAt !== null &&
    t.votingClosesAt !== null &&
    now >= t.votingOpensAt &&
    now < t.votingClosesAt
  );
}

/** Whether results (counts) may be shown: only once voting has closed — a secret ballot until then. */
export function resultsVisible(state: TopicState): boolean {
  return state === 'voted' || state === 'decided' || state === 'implementing' || state === 'done';
}

/** Applies one action: the next topic and its one history entry — or why not. */
export function applyTopicAction(
  t: Topic,
  action: TopicAction,
  actor: TopicActor,
  now: Date,
): Result<TopicOutcome, DeliberationDomainError> {
  const refused = check(t, action.type, actor);
  if (refused) return err(refused);
  const from = t.state;
  const next = (changes: Partial<Topic>): Topic => ({ ...t, ...changes, version: t.version + 1, updatedAt: now });
  const done = (
    topic: Topic,
    note: string | null,
    details: Record<string, unknown> = {},
    extra: Partial<TopicOutcome> = {},
  ): Result<TopicOutcome, DeliberationDomainError> =>
    ok({ topic, event: event(action.type, now, from, topic.state, note, details), ...extra });

  switch (action.type) {
    case 'accept':
      return done(next({ state: 'accepted' }), action.note?.trim() || null);
    case 'reject': {
      const reason = checkText(action.reason, 'reason', '不予受理的理由');
      if (!reason.ok) return reason;
      return done(next({ state: 'rejected', rejectReason: reason.value }), reason.value);
    }
    case 'withdraw':
      return done(next({ state: 'withdrawn' }), action.reason?.trim() || null);
    case 'schedule': {
      if (invalid(action.hearingAt)) {
        return err(deliberationError('VALIDATION', { field: 'hearingAt' }, '请选择议事日期'));
      }
      if (action.hearingAt.getTime() < now.getTime() - DAY_MS) {
        return err(deliberationError('VALIDATION', { field: 'hearingAt' }, '议事日期不能早于今天'));
      }
      const place = (action.place ?? '').trim();
      if (!place) return err(deliberationError('VALIDATION', { field: 'place' }, '请填写议事地点'));
      return done(next({ state: 'scheduled', hearingAt: action.hearingAt, hearingPlace: place.slice(0, 200) }), null, {
        hearingAt: action.hearingAt.toISOString(),
        place,
        rescheduled: from === 'scheduled',
      });
    }
    case 'recordHearing': {
      const h = action.hearing;
      if (invalid(h.at)) return err(deliberationError('VALIDATION', { field: 'hearing.at' }, '请填写议事时间'));
      if (h.at > now) return err(deliberationError('VALIDATION', { field: 'hearing.at' }, '议事时间不能晚于现在'));
      const notes = checkText(h.notes, 'hearing.notes', '议事过程');
      if (!notes.ok) return notes;
      const participants = checkText(h.participants, 'hearing.participants', '参加人员');
      if (!participants.ok) return participants;
      const hearing = {
        at: h.at,
        place: (h.place ?? '').trim().slice(0, 200),
        participants: participants.value,
        notes: notes.value,
      };
      return done(next({ hearing }), null, { at: h.at.toISOString(), place: hearing.place });
    }
    case 'openVoting': {
      const { opensAt, closesAt } = action;
      if (invalid(opensAt) || invalid(closesAt)) {
        return err(deliberationError('VALIDATION', { field: 'closesAt' }, '请填写表决开始和结束时间'));
      }
      if (closesAt <= opensAt) {
        return err(deliberationError('VALIDATION', { field: 'closesAt' }, '表决结束时间须晚于开始时间'));
      }
      if (closesAt <= now) {
        return err(deliberationError('VALIDATION', { field: 'closesAt' }, '表决结束时间须晚于现在'));
      }
      if (closesAt.getTime() - opensAt.getTime() > MAX_VOTING_DAYS * DAY_MS) {
        return err(deliberationError('VALIDATION', { field: 'closesAt' }, `表决时间不能超过 ${MAX_VOTING_DAYS} 天`));
      }
      return done(next({ state: 'voting', votingOpensAt: opensAt, votingClosesAt: closesAt }), null, {
        opensAt: opensAt.toISOString(),
        closesAt: closesAt.toISOString(),
      });
    }
    case 'closeVoting':
      // A secret ballot is counted only when its window has run: nobody may close it early on seeing turnout.
      if (t.votingClosesAt && now < t.votingClosesAt) {
        return err(
          deliberationError(
            'TOPIC_ACTION_NOT_ALLOWED_IN_STATE',
            { action: 'closeVoting', state: t.state, reason: 'window_open', closesAt: t.votingClosesAt.toISOString() },
            '表决时间尚未结束，不能提前结束表决',
          ),
        );
      }
      return done(next({ state: 'voted' }), null);
    case 'decide': {
      const decision = checkText(action.decision, 'decision', '议事决定');
      if (!decision.ok) return decision;
      return done(next({ state: 'decided', decision: decision.value, decidedAt: now }), decision.value);
    }
    case 'implement': {
      const followUps = action.followUps;
      if (followUps.length === 0 || followUps.length > MAX_FOLLOW_UPS) {
        return err(deliberationError('VALIDATION', { field: 'followUps' }, `请列出 1 至 ${MAX_FOLLOW_UPS} 项落实任务`));
      }
      const checked: FollowUp[] = [];
      for (const [i, f] of followUps.entries()) {
        const title = f.title.trim();
        if (!title || title.length > 200) {
          return err(
            deliberationError('VALIDATION', { field: `followUps.${i}.title` }, '请填写任务名称（200 字以内）'),
          );
        }
        if (invalid(f.dueAt) || f.dueAt <= now) {
          return err(deliberationError('VALIDATION', { field: `followUps.${i}.dueAt` }, '任务完成期限须晚于现在'));
        }
        checked.push({ title, ownerOrgId: f.ownerOrgId, dueAt: f.dueAt });
      }
      return done(next({ state: 'implementing' }), null, { tasks: checked.length }, { followUps: checked });
    }
    case 'complete': {
      const outcome = checkText(action.outcome, 'outcome', '落实结果');
      if (!outcome.ok) return outcome;
      return done(
        next({ state: 'done', outcome: outcome.value, doneAt: now }),
        outcome.value,
        {},
        { tellParticipants: true },
      );
    }
  }
}
