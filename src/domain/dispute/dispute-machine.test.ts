import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/index.js';
import { allowedDisputeActions, applyDisputeAction, openDispute } from './dispute-machine.js';
import {
  act,
  actorWith,
  COMMITTEE,
  COUNTY,
  ctxAt,
  disputeIn,
  EVERYONE,
  registered,
  sampleAction,
  TOWN,
  VILLAGE,
} from './test-support.js';
import {
  DISPUTE_ACTION_TYPES,
  DISPUTE_STATES,
  type DisputeActionType,
  type DisputeState,
  SYSTEM_DISPUTE_ACTOR,
} from './types.js';

const t0 = chinaTime('2026-12-07', '09:00'); // a Monday
const ALL_ACTIONS = DISPUTE_ACTION_TYPES;

// Every transition the machine allows (state → action → next state); anything else must be refused.
const ALLOWED: Record<DisputeState, Partial<Record<DisputeActionType, DisputeState>>> = {
  registered: { accept: 'accepted', reject: 'rejected', urge: 'registered', escalateOverdue: 'registered' },
  accepted: {
    assign: 'mediating',
    extend: 'accepted',
    transfer: 'registered',
    urge: 'accepted',
    escalateOverdue: 'accepted',
  },
  mediating: {
    assign: 'mediating',
    recordSession: 'mediating',
    extend: 'mediating',
    reachAgreement: 'agreed',
    fail: 'failed',
    transfer: 'registered',
    urge: 'mediating',
    escalateOverdue: 'mediating',
  },
  agreed: { sign: 'following_up', urge: 'agreed', escalateOverdue: 'agreed' },
  following_up: { recordFollowUp: 'closed', confirmPerformance: 'following_up', referJudicial: 'following_up' },
  closed: { referJudicial: 'closed' },
  failed: {},
  rejected: {},
};

describe('the dispute machine’s transitions', () => {
  const cells = DISPUTE_STATES.flatMap((state) => ALL_ACTIONS.map((type) => [state, type] as const));
  it.each(cells)('in %s, %s', (state, type) => {
    const d = disputeIn(state, t0);
    // escalateOverdue needs a clock that ran out: far ahead; the others within the limits
    const at = new Date(t0.getTime() + (type === 'escalateOverdue' ? 90 * 24 : 10) * 3600_000);
    const actor = type === 'escalateOverdue' ? SYSTEM_DISPUTE_ACTOR : EVERYONE;
    const action = type === 'assign' ? { type, mediatorOrgId: COMMITTEE + 1 } : sampleAction(type, at);
    const r = applyDisputeAction(d, action, actor, ctxAt(at));
    const expected = ALLOWED[state][type];
    if (expected === undefined) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('DISPUTE_ACTION_NOT_ALLOWED_IN_STATE');
    } else {
      if (!r.ok) throw new Error(`${state} ${type}: ${r.error.message}`);
      expect(r.value.dispute.state).toBe(expected);
      expect(r.value.event).toMatchObject({ type, fromState: state, toState: expected });
      expect(r.value.dispute.version).toBe(d.version + 1);
    }
  });

  it('checks who acts: intake accepts, the committee mediates, the applicant confirms, the system escalates', () => {
    const d = registered(t0);
    const byMediator = applyDisputeAction(d, { type: 'accept' }, actorWith('mediator'), ctxAt(t0));
    expect(!byMediator.ok && byMediator.error.code).toBe('NOT_AUTHORISED_FOR_DISPUTE_ACTION');
    const mediating = disputeIn('mediating', t0);
    const byIntake = applyDisputeAction(
      mediating,
      sampleAction('recordSession', t0),
      actorWith('intake'),
      ctxAt(new Date(t0.getTime() + 5 * 3600_000)),
    );
    expect(!byIntake.ok && byIntake.error.code).toBe('NOT_AUTHORISED_FOR_DISPUTE_ACTION');
    expect(allowedDisputeActions(d, actorWith('intake')).sort()).toEqual(['accept', 'reject']);
    expect(allowedDisputeActions(mediating, actorWith('mediator')).sort()).toEqual(
      ['extend', 'fail', 'reachAgreement', 'recordSession', 'transfer'].sort(),
    );
    expect(allowedDisputeActions(disputeIn('following_up', t0), actorWith('applicant'))).toEqual([
      'confirmPerformance',
    ]);
    const byHand = applyDisputeAction(
      d,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      EVERYONE,
      ctxAt(new Date(t0.getTime() + 30 * 86_400_000)),
    );
    expect(!byHand.ok && byHand.error.code).toBe('NOT_AUTHORISED_FOR_DISPUTE_ACTION');
    expect(allowedDisputeActions(disputeIn('closed', t0), EVERYONE)).toEqual(['referJudicial']);
    expect(allowedDisputeActions(disputeIn('failed', t0), EVERYONE)).toEqual([]);
  });

  it('extends once only, confirms once only, refers to a court once only', () => {
    const at = new Date(t0.getTime() + 10 * 3600_000);
    const once = act(disputeIn('mediating', t0), sampleAction('extend', at), at);
    const twice = applyDisputeAction(once, sampleAction('extend', at), EVERYONE, ctxAt(at));
    expect(!twice.ok && twice.error.details.reason).toBe('already_extended');
    const confirmed = act(disputeIn('following_up', t0), sampleAction('confirmPerformance', at), at);
    expect(allowedDisputeActions(confirmed, EVERYONE)).not.toContain('confirmPerformance');
    const referred = act(confirmed, sampleAction('referJudicial', at), at);
    expect(allowedDisputeActions(referred, EVERYONE)).toEqual(['recordFollowUp']);
  });

  it('refuses blank reasons and texts, bad routes, bad day counts, sessions in the future', () => {
    const at = new Date(t0.getTime() + 10 * 3600_000);
    const cases: [DisputeState, Parameters<typeof applyDisputeAction>[1], string][] = [
      ['registered', { type: 'reject', reason: ' ' }, 'reason'],
      ['mediating', { type: 'fail', route: 'war' as never, reason: 'x' }, 'route'],
      ['mediating', { type: 'fail', route: 'arbitration', reason: '' }, 'reason'],
      ['mediating', { type: 'extend', days: 31, reason: '鉴定' }, 'days'],
      ['mediating', { type: 'extend', days: 0, reason: '鉴定' }, 'days'],
      ['mediating', { type: 'reachAgreement', agreementNumber: 'n', terms: '  ' }, 'terms'],
      ['mediating', { type: 'reachAgreement', agreementNumber: 'n', terms: 't', followUpDays: 0 }, 'followUpDays'],
      [
        'mediating',
        {
          type: 'recordSession',
          session: { at: new Date(at.getTime() + 3600_000), place: 'p', participants: 'q', notes: 'n' },
        },
        'session.at',
      ],
      [
        'mediating',
        { type: 'recordSession', session: { at, place: 'p', participants: 'q', notes: '' } },
        'session.notes',
      ],
      ['mediating', { type: 'transfer', toOrgId: null, toLevel: 'county', reason: '县级' }, 'transfer'],
      ['following_up', { type: 'recordFollowUp', performance: 'maybe' as never, note: 'x' }, 'performance'],
    ];
    for (const [state, action, field] of cases) {
      const r = applyDisputeAction(disputeIn(state, t0), action, EVERYONE, ctxAt(at));
      expect(r.ok, `${action.type} ${field}`).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ code: 'VALIDATION', details: { field } });
    }
  });
});

describe('time limits on the working calendar', () => {
  it.each([
    // [registered at (China time), 受理 due] — 3 working days, the end of office hours of the 3rd one after
    ['2026-12-07 09:00', '2026-12-10 17:30'], // Monday → Thursday
    ['2026-12-04 16:00', '2026-12-09 17:30'], // Friday → Wednesday
    ['2026-09-29 10:00', '2026-10-09 17:30'], // 国庆 10-01..07 off: Wed 30, Thu 08, Fri 09
    ['2026-10-08 10:00', '2026-10-12 17:30'], // 调休 Saturday 10-10 works: Fri 09, Sat 10, Mon 12
  ])('registered %s must be accepted by %s', (at, due) => {
    const [day, time] = at.split(' ') as [string, string];
    const [dueDay, dueTime] = due.split(' ') as [string, string];
    const d = registered(chinaTime(day, time));
    expect(d.clock).toMatchObject({ kind: 'accept', orgId: VILLAGE });
    expect(d.clock?.dueAt.toISOString()).toBe(chinaTime(dueDay, dueTime).toISOString());
  });

  it('mediation runs 30 natural days from acceptance, through the National Day holiday', () => {
    const acceptedAt = chinaTime('2026-09-28', '10:00');
    let d = act(registered(chinaTime('2026-09-28', '09:00')), { type: 'accept' }, acceptedAt);
    expect(d.mediationDueAt?.toISOString()).toBe(chinaTime('2026-10-28', '10:00').toISOString());
    expect(d.clock).toMatchObject({ kind: 'mediation', unit: 'natural_hours', orgId: VILLAGE });
    // yellow at three quarters: 22.5 days in
    expect(d.clock?.warnAt.toISOString()).toBe(chinaTime('2026-10-20', '22:00').toISOString());
    d = act(d, { type: 'assign', mediatorOrgId: COMMITTEE }, chinaTime('2026-09-29', '10:00'));
    expect(d.clock).toMatchObject({ kind: 'mediation', orgId: COMMITTEE });
    expect(d.mediationDueAt?.toISOString()).toBe(chinaTime('2026-10-28', '10:00').toISOString());
    // extended once by 10 days, from the original due time
    d = act(d, { type: 'extend', days: 10, reason: '等待伤情鉴定' }, chinaTime('2026-10-20', '10:00'));
    expect(d.mediationDueAt?.toISOString()).toBe(chinaTime('2026-11-07', '10:00').toISOString());
  });

  it('an agreement signed after the limit is a late conclusion', () => {
    const d = disputeIn('agreed', t0);
    const late = new Date((d.mediationDueAt as Date).getTime() + 3600_000);
    const r = applyDisputeAction(d, { type: 'sign' }, EVERYONE, ctxAt(late));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.dispute).toMatchObject({ state: 'following_up', concludedLate: true, clock: null });
    expect(r.value.followUp).toEqual({ orgId: COMMITTEE, days: 15 });
  });
});

describe('overdue disputes climb one level like cases', () => {
  it('受理 overdue → the town supervises → the county → listed; accepting starts the mediation clock', () => {
    let d = registered(t0);
    const early = applyDisputeAction(
      d,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      SYSTEM_DISPUTE_ACTOR,
      ctxAt(new Date(t0.getTime() + 3600_000)),
    );
    expect(!early.ok && early.error.details.reason).toBe('clock_not_due');
    const due = d.clock?.dueAt as Date;
    const first = applyDisputeAction(
      d,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      SYSTEM_DISPUTE_ACTOR,
      ctxAt(due),
    );
    if (!first.ok) throw new Error(first.error.message);
    d = first.value.dispute;
    expect(d).toMatchObject({ state: 'registered', overdue: true, supervisorOrgId: TOWN, escalationLevel: 1 });
    expect(d.clock).toMatchObject({ kind: 'supervision', orgId: TOWN });
    expect(first.value.notify.map((n) => n.orgId).sort()).toEqual([VILLAGE, TOWN].sort());
    expect(allowedDisputeActions(d, actorWith('supervisor'))).toEqual(['urge']);
    d = act(d, { type: 'escalateOverdue', supervisorOrgId: COUNTY }, d.clock?.dueAt as Date, SYSTEM_DISPUTE_ACTOR);
    expect(d).toMatchObject({ escalationLevel: 2, supervisorOrgId: COUNTY });
    d = act(d, { type: 'escalateOverdue', supervisorOrgId: null }, d.clock?.dueAt as Date, SYSTEM_DISPUTE_ACTOR);
    expect(d).toMatchObject({ escalationLevel: 3, supervisorOrgId: COUNTY, listed: true, clock: null });
    const later = new Date(due.getTime() + 10 * 86_400_000);
    d = act(d, { type: 'accept' }, later);
    expect(d).toMatchObject({ state: 'accepted', overdue: false, supervisorOrgId: COUNTY });
    expect(d.clock).toMatchObject({ kind: 'mediation' });
  });

  it('a transfer makes it a new registration one level up, with its own 受理 clock', () => {
    const at = new Date(t0.getTime() + 20 * 3600_000);
    const d = act(disputeIn('mediating', t0), sampleAction('transfer', at), at);
    expect(d).toMatchObject({
      state: 'registered',
      level: 'town',
      handlingOrgId: TOWN,
      mediatorOrgId: null,
      transfers: 1,
      acceptedAt: null,
    });
    expect(d.clock).toMatchObject({ kind: 'accept', orgId: TOWN });
  });

  it('a 重大 dispute tells the town and county platforms at registration, a general one only its platform', () => {
    const open = (riskLevel: 'major' | 'general') => {
      const r = openDispute(
        {
          id: 2,
          level: 'village',
          handlingOrgId: VILLAGE,
          riskLevel,
          title: '征地补偿',
          majorNotifyOrgIds: [TOWN, COUNTY],
        },
        ctxAt(t0),
      );
      if (!r.ok) throw new Error(r.error.message);
      return r.value.notify.map((n) => n.orgId).sort();
    };
    expect(open('major')).toEqual([VILLAGE, TOWN, COUNTY].sort());
    expect(open('general')).toEqual([VILLAGE]);
  });
});
