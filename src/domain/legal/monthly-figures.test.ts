import { describe, expect, it } from 'vitest';
import { checkEntry, type EntryDraft } from './entry-rules.js';
import { addMonths, monthBounds, quarterMonths } from './month.js';
import {
  type AssignmentSpan,
  assignmentOfMonth,
  committedHours,
  type EntryFact,
  summarise,
  villageMonths,
} from './monthly-figures.js';

const span = (over: Partial<AssignmentSpan>): AssignmentSpan => ({
  id: 1,
  villageId: 10,
  adviserId: 100,
  hoursPerMonth: 8,
  lecturesPerQuarter: 1,
  startedOn: '2026-01-01',
  endedOn: null,
  ...over,
});
const entry = (occurredOn: string, hours: number, kind: EntryFact['kind'] = 'on_site', villageId = 10): EntryFact => ({
  villageId,
  kind,
  hours,
  occurredOn,
});

describe('months', () => {
  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-11', '2026-11-01', '2026-11-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs from %s to %s', (month, first, last) => {
    expect(monthBounds(month)).toEqual({ first, last });
  });
  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-05', -14, '2025-03'],
  ])('%s %i months is %s', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });
  it('a quarter is the three months around it', () => {
    expect(quarterMonths('2026-05')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(quarterMonths('2026-12')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});

describe('the commitment of a month', () => {
  it.each<[string, Partial<AssignmentSpan>[], number]>([
    ['a whole month', [{}], 8],
    ['started on the 16th of a 30-day month: half', [{ startedOn: '2026-11-16' }], 4],
    ['ended on the 10th of a 30-day month', [{ endedOn: '2026-11-10' }], 2.7],
    [
      'handed over on the 16th: both halves add up',
      [{ endedOn: '2026-11-15' }, { id: 2, startedOn: '2026-11-16', hoursPerMonth: 16 }],
      12,
    ],
    ['started after the month', [{ startedOn: '2026-12-01' }], 0],
    ['ended before the month', [{ endedOn: '2026-10-31' }], 0],
  ])('%s', (_name, spans, expected) => {
    expect(committedHours(spans.map(span), '2026-11')).toBe(expected);
  });

  it('the answering assignment is the one in force at the month end, else the latest overlapping', () => {
    const old = span({ id: 1, endedOn: '2026-11-15' });
    const next = span({ id: 2, startedOn: '2026-11-16', adviserId: 200 });
    expect(assignmentOfMonth([old, next], '2026-11')?.id).toBe(2);
    expect(assignmentOfMonth([old], '2026-11')?.id).toBe(1);
    expect(assignmentOfMonth([old], '2026-12')).toBeNull();
  });
});

describe('village figures and status', () => {
  const villages = [10, 11, 12, 13];
  const spans = [
    span({ id: 1, villageId: 10, hoursPerMonth: 8, lecturesPerQuarter: 1 }),
    span({ id: 2, villageId: 11, hoursPerMonth: 8 }),
    span({ id: 3, villageId: 12, hoursPerMonth: 4 }),
    // village 13 has no adviser
  ];
  const entries = [
    entry('2026-11-03', 4, 'on_site', 10),
    entry('2026-11-20', 2, 'consultation', 10),
    entry('2026-10-05', 1.5, 'lecture', 10), // earlier month of the quarter: a lecture, no hours this month
    entry('2026-11-02', 6, 'on_site', 12),
    entry('2026-12-01', 3, 'on_site', 11), // next month: not counted
    entry('2026-11-09', 1, 'consultation', 13), // logged without an adviser (history): service, but no commitment
  ];
  const rows = villageMonths(villages, spans, entries, '2026-11');
  const by = (id: number) => rows.find((r) => r.villageId === id);

  it.each<[number, Record<string, unknown>]>([
    [
      10,
      {
        hours: 6,
        entries: 2,
        committedHours: 8,
        fulfilment: 75,
        status: 'below',
        lecturesInQuarter: 1,
        lecturesCommitted: 1,
      },
    ],
    [11, { hours: 0, entries: 0, committedHours: 8, fulfilment: 0, status: 'no_service' }],
    [12, { hours: 6, entries: 1, committedHours: 4, fulfilment: 150, status: 'met' }],
    [13, { hours: 1, entries: 1, committedHours: 0, fulfilment: null, status: 'no_adviser', adviserId: null }],
  ])('village %i', (id, expected) => {
    expect(by(id)).toMatchObject(expected);
  });

  it('counts entries by kind', () => {
    expect(by(10)?.byKind).toEqual({ consultation: 1, on_site: 1, lecture: 0, legal_review: 0, dispute: 0 });
  });

  it('the summary credits no village beyond its commitment and lists those without service', () => {
    // credited: 6 of 8, 0 of 8, 4 of 4 → 10 / 20
    expect(summarise(rows)).toEqual({
      villages: 4,
      withAdviser: 3,
      withoutService: 2,
      met: 1,
      committedHours: 20,
      hours: 13,
      fulfilment: 50,
    });
    expect(summarise([])).toMatchObject({ villages: 0, fulfilment: null });
  });
});

describe('what an entry must carry', () => {
  const base: EntryDraft = { kind: 'on_site', occurredOn: '2026-11-20', hours: 4, matter: '坐班接待' };
  const today = '2026-11-25';
  it.each<[string, Partial<EntryDraft>, string | null]>([
    ['a complete on-site day', {}, null],
    ['a day in the future', { occurredOn: '2026-11-26' }, 'occurredOn'],
    ['not a real date', { occurredOn: '2026-02-30' }, 'occurredOn'],
    ['older than 62 days', { occurredOn: '2026-09-23' }, 'occurredOn'],
    ['exactly 62 days back', { occurredOn: '2026-09-24' }, null],
    ['no hours', { hours: 0 }, 'hours'],
    ['more than a day on site', { hours: 12.5 }, 'hours'],
    ['not in quarter hours', { hours: 1.1 }, 'hours'],
    ['an on-site day without its content', { matter: ' ' }, 'matter'],
    ['a consultation without advice', { kind: 'consultation', matter: '土地承包', advice: '' }, 'advice'],
    ['a consultation with matter and advice', { kind: 'consultation', matter: '土地承包', advice: '依法续包' }, null],
    ['a lecture without topic', { kind: 'lecture' }, 'topic'],
    ['a legal review without opinion', { kind: 'legal_review', documentTitle: '村集体厂房租赁合同' }, 'opinion'],
    ['a legal review', { kind: 'legal_review', documentTitle: '租赁合同', opinion: '第5条违约金过高' }, null],
    ['joining a dispute without the dispute', { kind: 'dispute' }, 'disputeId'],
    ['joining a dispute', { kind: 'dispute', disputeId: 7 }, null],
  ])('%s', (_name, over, field) => {
    const result = checkEntry({ ...base, ...over }, today);
    if (field === null) expect(result.ok).toBe(true);
    else expect(result.ok ? null : result.error.field).toBe(field);
  });
});
