import { describe, expect, it } from 'vitest';
import { type CaseFacts, caseFacts, durationBucket, localDay, type RollupEvent } from './case-facts.js';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z'); // 09:00 in China, a Monday

let version = 0;
function ev(
  hours: number,
  type: string,
  from: string | null,
  to: string,
  orgId: number | null,
  details = {},
): RollupEvent {
  version += 1;
  return {
    id: 100 + version,
    version,
    at: new Date(T0 + hours * H),
    type,
    orgId,
    fromState: from,
    toState: to,
    details,
  };
}

function sumUnit(facts: CaseFacts, unitId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts.units) if (f.unitId === unitId) out[f.measure] = (out[f.measure] ?? 0) + f.value;
  return out;
}

describe('caseFacts', () => {
  // Town 5 dispatches to department 10 (lead) and 11 (assisting); 10's sign-for clock runs out and is
  // escalated, 11 signs in time; 10 replies, the citizen is unsatisfied (reopened), 10 replies again, the
  // callback is satisfied and the case closes on the rating — spanning two days (and a day boundary in UTC+8).
  version = 0;
  const events = [
    ev(0, 'opened', null, 'submitted', 5),
    ev(0.5, 'accept', 'submitted', 'pending_dispatch', 5),
    ev(1, 'dispatch', 'pending_dispatch', 'dispatched', 5, { leadOrgId: '10', assistingOrgIds: ['11'] }),
    ev(1.5, 'signFor', 'dispatched', 'dispatched', 11, { role: 'assisting' }),
    ev(4, 'escalateOverdue', 'dispatched', 'dispatched', null, { deadlineKey: 'sign_for:10', overdueKind: 'sign_for' }),
    ev(6, 'signFor', 'dispatched', 'handling', 10, { role: 'lead' }),
    ev(20, 'reply', 'handling', 'replied', 10),
    ev(22, 'callback', 'replied', 'handling', 5, { rating: 'unsatisfied', reopened: true }),
    ev(30, 'reply', 'handling', 'replied', 10),
    ev(31, 'callback', 'replied', 'replied', 5, { rating: 'satisfied' }),
    ev(32, 'close', 'replied', 'closed', 5, { by: 'rating' }),
  ];
  const facts = caseFacts(events, { ownerOrgId: 5, gridId: 77 });

  it('counts the place facts: received once, closed once, open for the whole time', () => {
    const received = facts.place.reduce((s, f) => s + f.received, 0);
    const closed = facts.place.reduce((s, f) => s + f.closed, 0);
    const open = facts.place.reduce((s, f) => s + f.openDelta, 0);
    expect([received, closed, open]).toEqual([1, 1, 0]);
    expect(facts.place.find((f) => f.received)?.day).toBe('2026-03-02');
    expect(facts.place.find((f) => f.closed)?.day).toBe('2026-03-03');
  });

  it('credits the lead unit: late sign, two replies, one reopening, satisfied, resolved', () => {
    expect(sumUnit(facts, 10)).toEqual({
      dispatched: 1,
      signed: 1,
      overdue: 1,
      supervised: 1,
      sign_count: 1,
      sign_seconds: 5 * 3600,
      replied: 2,
      replied_on_time: 2,
      unsatisfied: 1,
      reopened: 1,
      satisfied: 1,
      completed: 1,
      completed_on_time: 1,
      resolved: 1,
      close_count: 1,
      close_seconds: 32 * 3600,
    });
  });

  it('credits the assisting unit with its own timely sign-for', () => {
    expect(sumUnit(facts, 11)).toEqual({
      assisted: 1,
      signed: 1,
      signed_on_time: 1,
      sign_count: 1,
      sign_seconds: 1800,
    });
  });

  it('buckets the durations', () => {
    expect(facts.durations.map((d) => [d.metric, d.bucket])).toEqual([
      ['sign', 0],
      ['sign', 3],
      ['close', 1],
    ]);
  });

  it('returns only the wanted events’ facts but remembers the earlier ones', () => {
    const last = events[events.length - 1] as RollupEvent;
    const only = caseFacts(events, { ownerOrgId: 5, gridId: 77 }, (id) => id === last.id);
    expect(only.place).toEqual([{ eventId: last.id, day: '2026-03-03', received: 0, closed: 1, openDelta: -1 }]);
    expect(only.units.filter((u) => u.measure === 'completed')).toEqual([
      { eventId: last.id, day: '2026-03-03', unitId: 10, measure: 'completed', value: 1 },
    ]);
  });

  it('a grid that handles a small matter itself is credited as the replying unit; an owner clock overdue makes it late', () => {
    version = 0;
    const grid = [
      ev(0, 'opened', null, 'submitted', 77),
      ev(1, 'accept', 'submitted', 'pending_dispatch', 77),
      ev(30, 'escalateOverdue', 'pending_dispatch', 'pending_dispatch', null, {
        deadlineKey: 'reply',
        overdueKind: 'reply',
      }),
      ev(31, 'handleAtGrid', 'pending_dispatch', 'replied', null),
      ev(80, 'close', 'replied', 'closed', null, { by: 'window' }),
    ];
    const f = caseFacts(grid, { ownerOrgId: 77, gridId: 77 });
    expect(sumUnit(f, 77)).toMatchObject({ replied: 1, completed: 1, overdue: 1 });
    expect(sumUnit(f, 77).completed_on_time).toBeUndefined();
    expect(sumUnit(f, 77).resolved).toBeUndefined();
  });
});

describe('bucketing and days', () => {
  it('puts a duration in the bucket whose bound it stays under', () => {
    expect(durationBucket('sign', 0)).toBe(0);
    expect(durationBucket('sign', 3599)).toBe(0);
    expect(durationBucket('sign', 3600)).toBe(1);
    expect(durationBucket('sign', 30 * 86400)).toBe(8);
    expect(durationBucket('close', 86400 * 4)).toBe(3);
  });

  it('uses the local date in China', () => {
    expect(localDay(new Date('2026-03-02T15:59:59Z'))).toBe('2026-03-02');
    expect(localDay(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
  });
});
