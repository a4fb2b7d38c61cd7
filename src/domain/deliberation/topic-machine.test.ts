// The topic machine: the happy path, every refusal of state (each action from each state it may not start
// from), of relation, and of each action's own rule.
import { describe, expect, it } from 'vitest';
import {
  allowedTopicActions,
  applyTopicAction,
  raiseTopic,
  resultsVisible,
  TOPIC_ACTION_STATES,
  votingOpen,
} from './topic-machine.js';
import {
  TOPIC_ACTION_TYPES,
  TOPIC_STATES,
  type Topic,
  type TopicAction,
  type TopicActionType,
  type TopicActor,
  type TopicState,
} from './types.js';

const T0 = new Date('2026-05-04T01:00:00Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const STATION: TopicActor = { relations: new Set(['station']) };
const PROPOSER: TopicActor = { relations: new Set(['proposer']) };
const NOBODY: TopicActor = { relations: new Set() };

function raised(): Topic {
  const r = raiseTopic({ title: '修建村口路灯', proposal: '村口至学校 300 米无路灯，夜间不安全。', now: T0 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.topic;
}

/** A sample of each action, valid in the states it may start from at time `at(2)`. */
function sample(type: TopicActionType): TopicAction {
  switch (type) {
    case 'accept':
      return { type };
    case 'reject':
      return { type, reason: '属于司法程序处理事项' };
    case 'withdraw':
      return { type };
    case 'schedule':
      return { type, hearingAt: at(48), place: '村委会议室' };
    case 'recordHearing':
      return { type, hearing: { at: at(1), place: '村委会议室', participants: '五老代表 5 人', notes: '充分讨论' } };
    case 'openVoting':
      return { type, opensAt: at(2), closesAt: at(50) };
    case 'closeVoting':
      return { type };
    case 'decide':
      return { type, decision: '同意修建路灯 12 盏' };
    case 'implement':
      return { type, followUps: [{ title: '采购安装路灯', ownerOrgId: 7, dueAt: at(24 * 30) }] };
    case 'complete':
      return { type, outcome: '路灯已安装并投入使用' };
  }
}

function inState(state: TopicState): Topic {
  return { ...raised(), state, votingOpensAt: at(-10), votingClosesAt: at(-1) };
}

function must(topic: Topic, action: TopicAction, actor: TopicActor, now: Date) {
  const r = applyTopicAction(topic, action, actor, now);
  if (!r.ok) throw new Error(`${action.type}: ${r.error.message}`);
  return r.value;
}

describe('the topic machine', () => {
  it('walks 提出 → 受理 → 已排期 → 表决中 → 已表决 → 已决定 → 落实中 → 已办结', () => {
    let t = raised();
    expect(t.state).toBe('proposed');
    t = must(t, { type: 'accept' }, STATION, at(1)).topic;
    expect(t.state).toBe('accepted');
    t = must(t, sample('schedule'), STATION, at(1)).topic;
    expect([t.state, t.hearingPlace, t.hearingAt?.toISOString()]).toEqual([
      'scheduled',
      '村委会议室',
      at(48).toISOString(),
    ]);
    t = must(t, { type: 'schedule', hearingAt: at(72), place: '文化礼堂' }, STATION, at(2)).topic;
    expect(t.hearingPlace).toBe('文化礼堂');
    t = must(t, { type: 'openVoting', opensAt: at(3), closesAt: at(27) }, STATION, at(3)).topic;
    expect(t.state).toBe('voting');
    expect(votingOpen(t, at(2))).toBe(false);
    expect(votingOpen(t, at(3))).toBe(true);
    expect(votingOpen(t, at(27))).toBe(false);
    expect(resultsVisible(t.state)).toBe(false);
    const early = applyTopicAction(t, { type: 'closeVoting' }, STATION, at(26));
    expect(early.ok || early.error).toMatchObject({
      code: 'TOPIC_ACTION_NOT_ALLOWED_IN_STATE',
      details: { reason: 'window_open' },
    });
    t = must(t, sample('recordHearing'), STATION, at(5)).topic;
    expect(t.hearing?.participants).toBe('五老代表 5 人');
    t = must(t, { type: 'closeVoting' }, STATION, at(27)).topic;
    expect(t.state).toBe('voted');
    expect(resultsVisible(t.state)).toBe(true);
    t = must(t, sample('decide'), STATION, at(28)).topic;
    expect([t.state, t.decision, t.decidedAt?.toISOString()]).toEqual([
      'decided',
      '同意修建路灯 12 盏',
      at(28).toISOString(),
    ]);
    const implemented = must(t, sample('implement'), STATION, at(29));
    expect(implemented.followUps).toEqual([{ title: '采购安装路灯', ownerOrgId: 7, dueAt: at(24 * 30) }]);
    t = implemented.topic;
    const done = must(t, sample('complete'), STATION, at(30));
    expect(done.tellParticipants).toBe(true);
    expect([done.topic.state, done.topic.outcome, done.topic.version]).toEqual(['done', '路灯已安装并投入使用', 10]);
    expect(done.event).toMatchObject({ type: 'complete', fromState: 'implementing', toState: 'done' });
  });

  it('lets a decision without follow-up be closed directly, and refuses closing before a decision', () => {
    const t = must(inState('decided'), sample('complete'), STATION, at(1)).topic;
    expect(t.state).toBe('done');
    const r = applyTopicAction(inState('voted'), sample('complete'), STATION, at(1));
    expect(r.ok ? null : r.error.code).toBe('TOPIC_ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('the proposer may withdraw before acceptance only; the station may not withdraw for them', () => {
    expect(must(raised(), { type: 'withdraw' }, PROPOSER, at(1)).topic.state).toBe('withdrawn');
    const byStation = applyTopicAction(raised(), { type: 'withdraw' }, STATION, at(1));
    expect(byStation.ok ? null : byStation.error.code).toBe('NOT_AUTHORISED_FOR_TOPIC_ACTION');
    const late = applyTopicAction(inState('accepted'), { type: 'withdraw' }, PROPOSER, at(1));
    expect(late.ok ? null : late.error.code).toBe('TOPIC_ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('refuses a rejection without a reason and records the reason', () => {
    const none = applyTopicAction(raised(), { type: 'reject', reason: '  ' }, STATION, at(1));
    expect(none.ok ? null : none.error).toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
    const t = must(raised(), sample('reject'), STATION, at(1)).topic;
    expect([t.state, t.rejectReason]).toEqual(['rejected', '属于司法程序处理事项']);
  });

  it('checks each action’s own fields', () => {
    const cases: [TopicState, TopicAction, string][] = [
      ['accepted', { type: 'schedule', hearingAt: new Date('x'), place: '会议室' }, 'hearingAt'],
      ['accepted', { type: 'schedule', hearingAt: at(-48), place: '会议室' }, 'hearingAt'],
      ['accepted', { type: 'schedule', hearingAt: at(24), place: ' ' }, 'place'],
      ['scheduled', { type: 'openVoting', opensAt: at(5), closesAt: at(4) }, 'closesAt'],
      ['scheduled', { type: 'openVoting', opensAt: at(-5), closesAt: at(0.5) }, 'closesAt'],
      ['scheduled', { type: 'openVoting', opensAt: at(1), closesAt: at(24 * 61 + 2) }, 'closesAt'],
      [
        'scheduled',
        { type: 'recordHearing', hearing: { at: at(5), place: '', participants: 'a', notes: 'b' } },
        'hearing.at',
      ],
      [
        'scheduled',
        { type: 'recordHearing', hearing: { at: at(0), place: '', participants: 'a', notes: '' } },
        'hearing.notes',
      ],
      ['voted', { type: 'decide', decision: '' }, 'decision'],
      ['decided', { type: 'implement', followUps: [] }, 'followUps'],
      [
        'decided',
        { type: 'implement', followUps: [{ title: '修路', ownerOrgId: 1, dueAt: at(0.5) }] },
        'followUps.0.dueAt',
      ],
      [
        'decided',
        { type: 'implement', followUps: [{ title: ' ', ownerOrgId: 1, dueAt: at(50) }] },
        'followUps.0.title',
      ],
      ['implementing', { type: 'complete', outcome: '' }, 'outcome'],
    ];
    for (const [state, action, field] of cases) {
      const r = applyTopicAction(inState(state), action, STATION, at(1));
      expect(r.ok ? `${action.type} accepted` : r.error, `${action.type} ${field}`).toMatchObject({
        code: 'VALIDATION',
        details: { field },
      });
    }
  });

  it('refuses every action from every state it may not start from, whoever asks', () => {
    let refusals = 0;
    for (const type of TOPIC_ACTION_TYPES) {
      for (const state of TOPIC_STATES) {
        if (TOPIC_ACTION_STATES[type].includes(state)) continue;
        for (const actor of [STATION, PROPOSER, { relations: new Set(['station', 'proposer']) } as TopicActor]) {
          const r = applyTopicAction(inState(state), sample(type), actor, at(2));
          expect(r.ok ? `${type} from ${state} accepted` : r.error.code).toBe('TOPIC_ACTION_NOT_ALLOWED_IN_STATE');
          refusals++;
        }
      }
    }
    expect(refusals).toBe(3 * (TOPIC_ACTION_TYPES.length * TOPIC_STATES.length - 14));
  });

  it('refuses each allowed transition to an actor without the needed relation', () => {
    for (const type of TOPIC_ACTION_TYPES) {
      for (const state of TOPIC_ACTION_STATES[type]) {
        const wrong = type === 'withdraw' ? STATION : PROPOSER;
        for (const actor of [wrong, NOBODY]) {
          const r = applyTopicAction(inState(state), sample(type), actor, at(2));
          expect(r.ok ? `${type} from ${state} accepted` : r.error.code).toBe('NOT_AUTHORISED_FOR_TOPIC_ACTION');
        }
        const right = type === 'withdraw' ? PROPOSER : STATION;
        const r = applyTopicAction(inState(state), sample(type), right, at(2));
        expect(r.ok, `${type} from ${state}: ${r.ok ? '' : r.error.message}`).toBe(true);
        if (r.ok) expect(r.value.topic.version).toBe(2);
      }
    }
  });

  it('offers exactly the actions that would succeed', () => {
    expect(allowedTopicActions(raised(), STATION)).toEqual(['accept', 'reject']);
    expect(allowedTopicActions(raised(), PROPOSER)).toEqual(['withdraw']);
    expect(allowedTopicActions(inState('scheduled'), STATION)).toEqual(['schedule', 'recordHearing', 'openVoting']);
    expect(allowedTopicActions(inState('done'), STATION)).toEqual([]);
    expect(allowedTopicActions(inState('voting'), NOBODY)).toEqual([]);
  });

  it('refuses a topic without title or proposal', () => {
    const r = raiseTopic({ title: ' ', proposal: 'x', now: T0 });
    expect(r.ok ? null : r.error.details).toEqual({ field: 'title' });
    const p = raiseTopic({ title: '路灯', proposal: '', now: T0 });
    expect(p.ok ? null : p.error.details).toEqual({ field: 'proposal' });
  });
});
