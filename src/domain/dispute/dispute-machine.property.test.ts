// Random sequences of actions by random actors at random times: whatever happens, the dispute stays consistent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/index.js';
import { applyDisputeAction } from './dispute-machine.js';
import { actorWith, COUNTY, ctxAt, registered, sampleAction, TOWN } from './test-support.js';
import {
  ACTIVE_DISPUTE_STATES,
  type DisputeActionType,
  type DisputeActor,
  type DisputeState,
  SYSTEM_DISPUTE_ACTOR,
} from './types.js';

// The states each action may start from (the README's table); every success must start from one of them.
const FROM: Record<DisputeActionType, readonly DisputeState[]> = {
  accept: ['registered'],
  reject: ['registered'],
  assign: ['accepted', 'mediating'],
  recordSession: ['mediating'],
  extend: ['accepted', 'mediating'],
  reachAgreement: ['mediating'],
  sign: ['agreed'],
  fail: ['mediating'],
  transfer: ['accepted', 'mediating'],
  recordFollowUp: ['following_up'],
  confirmPerformance: ['following_up'],
  referJudicial: ['following_up', 'closed'],
  urge: ACTIVE_DISPUTE_STATES,
  escalateOverdue: ACTIVE_DISPUTE_STATES,
};
const TYPES = Object.keys(FROM) as DisputeActionType[];
const ACTORS: DisputeActor[] = [
  actorWith('intake'),
  actorWith('mediator'),
  actorWith('supervisor'),
  actorWith('applicant'),
  actorWith('intake', 'mediator'),
  SYSTEM_DISPUTE_ACTOR,
];

describe('property: any sequence of actions keeps the dispute consistent', () => {
  it('active disputes have a clock (unless listed), concluded ones none; versions count the changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...TYPES),
            fc.constantFrom(...ACTORS),
            fc.integer({ min: 1, max: 24 * 12 }),
            fc.constantFrom(TOWN, COUNTY, null),
          ),
          { maxLength: 30 },
        ),
        (steps) => {
          let d = registered(chinaTime('2026-09-25', '09:00'));
          let now = d.updatedAt;
          let applied = 0;
          for (const [type, actor, hours, supervisor] of steps) {
            now = new Date(now.getTime() + hours * 3600_000);
            const action = type === 'escalateOverdue' ? { type, supervisorOrgId: supervisor } : sampleAction(type, now);
            const r = applyDisputeAction(d, action, actor, ctxAt(now));
            if (!r.ok) {
              expect([
                'DISPUTE_ACTION_NOT_ALLOWED_IN_STATE',
                'NOT_AUTHORISED_FOR_DISPUTE_ACTION',
                'VALIDATION',
              ]).toContain(r.error.code);
              continue;
            }
            applied++;
            expect(FROM[type]).toContain(d.state);
            expect(type === 'escalateOverdue').toBe(actor.kind === 'system');
            expect(r.value.event).toMatchObject({ fromState: d.state, toState: r.value.dispute.state, at: now });
            d = r.value.dispute;
            const active = ACTIVE_DISPUTE_STATES.includes(d.state);
            if (active && !d.listed) expect(d.clock).not.toBeNull();
            if (!active) expect(d.clock).toBeNull();
            if (d.clock) expect(d.clock.warnAt.getTime()).toBeLessThanOrEqual(d.clock.dueAt.getTime());
            if (d.overdue) expect(d.escalationLevel).toBeGreaterThan(0);
            if (d.signedAt) expect(d.agreement).not.toBeNull();
            if (['following_up', 'closed', 'failed'].includes(d.state)) expect(d.concludedAt).not.toBeNull();
            if (d.state === 'mediating') expect(d.mediatorOrgId).not.toBeNull();
            if (d.state === 'registered') expect(d.acceptedAt).toBeNull();
          }
          expect(d.version).toBe(1 + applied);
        },
      ),
      { numRuns: 300 },
    );
  });
});
