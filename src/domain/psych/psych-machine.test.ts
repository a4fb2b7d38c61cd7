import { describe, expect, it } from 'vitest';
import {
  acknowledgementLimit,
  acknowledgementTaskTitle,
  allowedPsychActions,
  applyPsychAction,
  openPsychReferral,
  PSYCH_ACTION_TYPES,
  PSYCH_STATES,
  type PsychAction,
  type PsychActionType,
  type PsychActor,
  type PsychReferral,
  type PsychState,
} from './index.js';

const now = new Date('2026-06-01T02:00:00Z');
const counsellor: PsychActor = { kind: 'user', relations: new Set(['counsellor']) };
const referrer: PsychActor = { kind: 'user', relations: new Set(['referrer']) };
const notified: PsychActor = { kind: 'user', relations: new Set(['notified']) };

const content = {
  personName: '王某某',
  personPhone: '13900000000',
  personIdNumber: null,
  concern: '长期失眠，情绪低落',
};

function referral(state: PsychState, changes: Partial<PsychReferral> = {}): PsychReferral {
  return {
    id: 1,
    state,
    risk: 'medium',
    consent: true,
    referringOrgId: 10,
    counsellingOrgId: 20,
    acknowledgedAt: null,
    sessions: 0,
    followUps: 0,
    outcome: null,
    closedAt: null,
    version: 3,
    updatedAt: new Date('2026-05-30T00:00:00Z'),
    ...changes,
  };
}

/** A valid action of each type. */
const ACTIONS: Record<PsychActionType, PsychAction> = {
  acknowledge: { type: 'acknowledge' },
  return: { type: 'return', reason: '非本机构服务范围' },
  decline: { type: 'decline', reason: '当事人拒绝联系' },
  recordSession: {
    type: 'recordSession',
    session: {
      at: new Date(now.getTime() - 3600_000),
      durationMinutes: 50,
      form: 'face_to_face',
      notes: '首次面谈',
      nextStep: '一周后复谈',
    },
  },
  startFollowUp: { type: 'startFollowUp' },
  recordFollowUp: { type: 'recordFollowUp', at: new Date(now.getTime() - 60_000), notes: '电话随访，情绪稳定' },
  close: { type: 'close', outcome: 'improved' },
};

/** The states each action is allowed in (the specification, written independently of the machine's table). */
const ALLOWED: Record<PsychActionType, PsychState[]> = {
  acknowledge: ['referred'],
  return: ['referred'],
  decline: ['referred', 'acknowledged'],
  recordSession: ['acknowledged', 'in_service'],
  startFollowUp: ['in_service'],
  recordFollowUp: ['follow_up'],
  close: ['acknowledged', 'in_service', 'follow_up'],
};

const TARGET: Record<PsychActionType, PsychState | 'same'> = {
  acknowledge: 'acknowledged',
  return: 'returned',
  decline: 'declined',
  recordSession: 'in_service',
  startFollowUp: 'follow_up',
  recordFollowUp: 'same',
  close: 'closed',
};

describe('opening a referral', () => {
  it('keeps the content with consent and tells only the counselling organisation of a 中 referral', () => {
    const r = openPsychReferral(
      {
        id: 7,
        risk: 'medium',
        consent: true,
        referringOrgId: 10,
        counsellingOrgId: 20,
        content,
        crisisNotifyOrgIds: [30, 40],
      },
      now,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.referral).toMatchObject({ state: 'referred', consent: true, version: 1, risk: 'medium' });
    expect(r.value.content).toEqual(content);
    expect(r.value.notify.map((n) => n.orgId)).toEqual([20]);
  });

  it('without consent stores no person and no concern, whatever was typed', () => {
    const r = openPsychReferral(
      {
        id: 7,
        risk: 'high',
        consent: false,
        referringOrgId: 10,
        counsellingOrgId: 20,
        content,
        crisisNotifyOrgIds: [],
      },
      now,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.content).toBeNull();
    expect(r.value.referral.consent).toBe(false);
    expect(JSON.stringify(r.value)).not.toContain('王某某');
    expect(JSON.stringify(r.value)).not.toContain('失眠');
  });

  it('with consent requires the person and the concern, and checks phone and ID number', () => {
    const base = {
      id: 7,
      risk: 'low' as const,
      consent: true,
      referringOrgId: 10,
      counsellingOrgId: 20,
      crisisNotifyOrgIds: [],
    };
    const missing = openPsychReferral({ ...base, content: { ...content, concern: ' ' } }, now);
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'VALIDATION', details: { field: 'concern' } });
    const noName = openPsychReferral({ ...base, content: null }, now);
    expect(noName.ok ? null : noName.error).toMatchObject({ code: 'VALIDATION', details: { field: 'personName' } });
    const phone = openPsychReferral({ ...base, content: { ...content, personPhone: 'abc' } }, now);
    expect(phone.ok ? null : phone.error).toMatchObject({ details: { field: 'personPhone' } });
    const id = openPsychReferral({ ...base, content: { ...content, personIdNumber: '123' } }, now);
    expect(id.ok ? null : id.error).toMatchObject({ details: { field: 'personIdNumber' } });
  });

  it('a 危机 referral tells the town platform and the health department at once, with no personal content', () => {
    const r = openPsychReferral(
      {
        id: 7,
        risk: 'crisis',
        consent: true,
        referringOrgId: 10,
        counsellingOrgId: 20,
        content,
        crisisNotifyOrgIds: [30, 40, 20],
      },
      now,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.notify.map((n) => n.orgId).sort()).toEqual([20, 30, 40]);
    for (const n of r.value.notify) {
      expect(n.title).not.toContain('王某某');
      expect(n.title).not.toContain('失眠');
    }
  });
});

describe('acknowledgement limits and the task title', () => {
  it.each([
    ['crisis', { amount: 2, unit: 'natural_hours' }],
    ['high', { amount: 24, unit: 'natural_hours' }],
    ['medium', { amount: 3, unit: 'working_days' }],
    ['low', { amount: 3, unit: 'working_days' }],
  ] as const)('%s → %o', (risk, limit) => {
    expect(acknowledgementLimit(risk)).toEqual(limit);
  });

  it('names the number and the risk only', () => {
    expect(acknowledgementTaskTitle('PSY-2026-0012', 'crisis')).toBe('心理服务转介待接收 PSY-2026-0012 · 危机');
  });
});

describe('every action in every state', () => {
  for (const type of PSYCH_ACTION_TYPES) {
    for (const state of PSYCH_STATES) {
      const allowed = ALLOWED[type].includes(state);
      it(`${type} in ${state}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const r = referral(state);
        const result = applyPsychAction(r, ACTIONS[type], counsellor, now);
        if (!allowed) {
          expect(result.ok ? null : result.error).toMatchObject({
            code: 'PSYCH_ACTION_NOT_ALLOWED_IN_STATE',
            details: { action: type, state },
          });
          return;
        }
        if (!result.ok) throw new Error(result.error.message);
        const to = TARGET[type] === 'same' ? state : TARGET[type];
        expect(result.value.referral.state).toBe(to);
        expect(result.value.referral.version).toBe(4);
        expect(result.value.event).toMatchObject({ type, fromState: state, toState: to });
      });
    }
  }

  it('offers exactly the allowed actions to the counsellor, none to the referrer or a notified unit', () => {
    for (const state of PSYCH_STATES) {
      const expected = PSYCH_ACTION_TYPES.filter((t) => ALLOWED[t].includes(state));
      expect(allowedPsychActions(referral(state), counsellor).sort()).toEqual([...expected].sort());
      expect(allowedPsychActions(referral(state), referrer)).toEqual([]);
      expect(allowedPsychActions(referral(state), notified)).toEqual([]);
    }
  });

  it('refuses the referrer and a notified unit every action', () => {
    for (const type of PSYCH_ACTION_TYPES) {
      for (const actor of [referrer, notified]) {
        const state = ALLOWED[type][0] as PsychState;
        const result = applyPsychAction(referral(state), ACTIONS[type], actor, now);
        expect(result.ok ? null : result.error).toMatchObject({ code: 'NOT_AUTHORISED_FOR_PSYCH_ACTION' });
      }
    }
  });
});

describe('without consent', () => {
  it('cannot carry sessions or follow-ups', () => {
    const s = applyPsychAction(referral('acknowledged', { consent: false }), ACTIONS.recordSession, counsellor, now);
    expect(s.ok ? null : s.error).toMatchObject({ code: 'PSYCH_CONSENT_REQUIRED' });
    const f = applyPsychAction(referral('follow_up', { consent: false }), ACTIONS.recordFollowUp, counsellor, now);
    expect(f.ok ? null : f.error).toMatchObject({ code: 'PSYCH_CONSENT_REQUIRED' });
    expect(allowedPsychActions(referral('acknowledged', { consent: false }), counsellor)).toEqual(['decline', 'close']);
  });

  it('may still be acknowledged, returned and closed', () => {
    for (const [state, type] of [
      ['referred', 'acknowledge'],
      ['referred', 'return'],
      ['acknowledged', 'close'],
    ] as const) {
      expect(applyPsychAction(referral(state, { consent: false }), ACTIONS[type], counsellor, now).ok).toBe(true);
    }
  });
});

describe('validation', () => {
  it('a session needs a past time, a duration, a form and notes', () => {
    const r = referral('in_service');
    const bad = (session: object, field: string) => {
      const res = applyPsychAction(
        r,
        {
          type: 'recordSession',
          session: { ...(ACTIONS.recordSession as { session: object }).session, ...session },
        } as PsychAction,
        counsellor,
        now,
      );
      expect(res.ok ? null : res.error).toMatchObject({ code: 'VALIDATION', details: { field } });
    };
    bad({ at: new Date(now.getTime() + 60_000) }, 'session.at');
    bad({ durationMinutes: 0 }, 'session.durationMinutes');
    bad({ durationMinutes: 1.5 }, 'session.durationMinutes');
    bad({ form: 'video' }, 'session.form');
    bad({ notes: '  ' }, 'session.notes');
  });

  it('return and decline need a reason; close needs an outcome', () => {
    const ret = applyPsychAction(referral('referred'), { type: 'return', reason: ' ' }, counsellor, now);
    expect(ret.ok ? null : ret.error).toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
    const dec = applyPsychAction(referral('referred'), { type: 'decline', reason: '' }, counsellor, now);
    expect(dec.ok ? null : dec.error).toMatchObject({ code: 'VALIDATION', details: { field: 'reason' } });
    const close = applyPsychAction(
      referral('in_service'),
      { type: 'close', outcome: 'cured' } as unknown as PsychAction,
      counsellor,
      now,
    );
    expect(close.ok ? null : close.error).toMatchObject({ code: 'VALIDATION', details: { field: 'outcome' } });
  });

  it('counts sessions and follow-ups and tells the referring unit of acknowledgement and closure only', () => {
    const s = applyPsychAction(referral('in_service', { sessions: 2 }), ACTIONS.recordSession, counsellor, now);
    expect(s.ok && s.value.referral.sessions).toBe(3);
    expect(s.ok && s.value.notify).toEqual([]);
    const f = applyPsychAction(referral('follow_up', { followUps: 1 }), ACTIONS.recordFollowUp, counsellor, now);
    expect(f.ok && f.value.referral.followUps).toBe(2);
    const a = applyPsychAction(referral('referred'), ACTIONS.acknowledge, counsellor, now);
    expect(a.ok && a.value.referral.acknowledgedAt).toEqual(now);
    expect(a.ok && a.value.notify).toEqual([{ orgId: 10, title: '心理服务转介已接收' }]);
    const c = applyPsychAction(referral('follow_up'), ACTIONS.close, counsellor, now);
    expect(c.ok && c.value.referral).toMatchObject({ state: 'closed', outcome: 'improved', closedAt: now });
  });
});
