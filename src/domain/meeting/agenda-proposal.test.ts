import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgendaFacts,
  type CaseFact,
  countByReason,
  DEFAULT_AGENDA_RULES,
  type OverdueTaskFact,
  proposeAgenda,
} from './agenda-proposal.js';
import { CANDIDATE_KINDS } from './types.js';

const day = (d: string) => new Date(`${d}T02:00:00Z`);

const quiet: CaseFact = {
  id: 1,
  number: 'QX1',
  title: '路灯不亮',
  open: true,
  listed: false,
  supervisionLevel: null,
  unitCount: 1,
  reopenCount: 0,
  placeName: '青溪街道',
  reportedAt: day('2026-11-01'),
};

const none: AgendaFacts = { cases: [], openDecisions: [], hotspots: [], overdueTasks: [] };

function keysOf(facts: Partial<AgendaFacts>) {
  return proposeAgenda({ ...none, ...facts }).map((c) => c.key);
}

describe('which cases qualify', () => {
  const table: [string, Partial<CaseFact>, string[] | null][] = [
    ['an ordinary open case', {}, null],
    ['listed supervision', { listed: true }, ['listed_case']],
    ['supervision at the county', { supervisionLevel: 'county' }, ['county_supervision']],
    ['supervision at the town only', { supervisionLevel: 'town' }, null],
    ['three units', { unitCount: 3 }, ['multi_unit_case']],
    ['two units', { unitCount: 2 }, null],
    ['reopened twice', { reopenCount: 2 }, ['reopened_case']],
    ['reopened once', { reopenCount: 1 }, null],
    ['listed and reopened', { listed: true, reopenCount: 3 }, ['listed_case', 'reopened_case']],
    ['listed but closed', { listed: true, open: false }, null],
    ['five units but closed', { unitCount: 5, open: false }, null],
  ];
  it.each(table)('%s', (_name, change, reasons) => {
    const out = proposeAgenda({ ...none, cases: [{ ...quiet, ...change }] });
    if (reasons === null) expect(out).toEqual([]);
    else {
      expect(out).toHaveLength(1);
      expect(out[0]?.reasons).toEqual(reasons);
      expect(out[0]?.caseId).toBe(1);
      expect(out[0]?.key).toBe('case:1');
    }
  });

  it('says why in words', () => {
    const [c] = proposeAgenda({ ...none, cases: [{ ...quiet, listed: true, unitCount: 4, reopenCount: 2 }] });
    expect(c?.reason).toBe('挂牌督办案件；涉及 4 个单位协同办理（主办、协办、吹哨报到）；群众不满意已重办 2 次');
    expect(c?.title).toBe('QX1 路灯不亮（青溪街道）');
  });

  it('follows thresholds given by the caller', () => {
    const rules = { ...DEFAULT_AGENDA_RULES, minUnits: 5, minReopens: 1 };
    expect(proposeAgenda({ ...none, cases: [{ ...quiet, unitCount: 4 }] }, rules)).toEqual([]);
    expect(proposeAgenda({ ...none, cases: [{ ...quiet, reopenCount: 1 }] }, rules)).toHaveLength(1);
  });
});

describe('the order of the agenda', () => {
  it('puts open decisions first, then supervised, cross-department, reopened cases, hotspots, overdue tasks', () => {
    const keys = keysOf({
      overdueTasks: [
        {
          id: 9,
          number: 'RW9',
          title: '排查',
          ownerName: '住建局',
          dueAt: day('2026-11-20'),
          sourceKind: 'manual',
          sourceId: null,
        },
      ],
      hotspots: [
        {
          dimension: 'grid',
          id: 40,
          name: '第1网格',
          context: '某社区',
          current: 30,
          expected: 10,
          ratio: 3,
          abnormal: true,
        },
      ],
      cases: [
        { ...quiet, id: 4, reopenCount: 2 },
        { ...quiet, id: 3, unitCount: 3 },
        { ...quiet, id: 2, supervisionLevel: 'county' },
        { ...quiet, id: 1, listed: true },
      ],
      openDecisions: [
        {
          decisionId: 7,
          meetingTitle: '11月联席会议',
          meetingAt: day('2026-11-10'),
          text: '整治',
          openTasks: 1,
          overdueTasks: 0,
        },
      ],
    });
    expect(keys).toEqual(['decision:7', 'case:1', 'case:2', 'case:3', 'case:4', 'hotspot:grid:40', 'task:9']);
  });

  it('ranks a case meeting more rules before one meeting fewer, then the older first', () => {
    const keys = keysOf({
      cases: [
        { ...quiet, id: 1, listed: true, reportedAt: day('2026-10-01') },
        { ...quiet, id: 2, listed: true, reportedAt: day('2026-09-01') },
        { ...quiet, id: 3, listed: true, unitCount: 3, reportedAt: day('2026-11-01') },
      ],
    });
    expect(keys).toEqual(['case:3', 'case:2', 'case:1']);
  });

  it('takes the oldest decisions first, hotspots by how abnormal, tasks by how late', () => {
    expect(
      keysOf({
        openDecisions: [
          { decisionId: 2, meetingTitle: 'B', meetingAt: day('2026-11-10'), text: 'b', openTasks: 1, overdueTasks: 1 },
          { decisionId: 1, meetingTitle: 'A', meetingAt: day('2026-10-10'), text: 'a', openTasks: 2, overdueTasks: 0 },
          { decisionId: 3, meetingTitle: 'A', meetingAt: day('2026-10-10'), text: 'c', openTasks: 0, overdueTasks: 0 },
        ],
      }),
    ).toEqual(['decision:1', 'decision:2']);
    expect(
      keysOf({
        hotspots: [
          {
            dimension: 'topic',
            id: 1,
            name: '噪声',
            context: null,
            current: 12,
            expected: 6,
            ratio: 2,
            abnormal: true,
          },
          {
            dimension: 'grid',
            id: 2,
            name: '网格',
            context: null,
            current: 50,
            expected: 10,
            ratio: 5,
            abnormal: true,
          },
          {
            dimension: 'grid',
            id: 3,
            name: '平常',
            context: null,
            current: 9,
            expected: 8,
            ratio: 1.1,
            abnormal: false,
          },
        ],
      }),
    ).toEqual(['hotspot:grid:2', 'hotspot:topic:1']);
  });
});

describe('open decisions and overdue tasks', () => {
  it('describes an open decision with its open and overdue tasks', () => {
    const [d] = proposeAgenda({
      ...none,
      openDecisions: [
        {
          decisionId: 5,
          meetingTitle: '2026年11月县社会治理联席会议',
          meetingAt: day('2026-11-10'),
          text: '河道整治',
          openTasks: 2,
          overdueTasks: 1,
        },
      ],
    });
    expect(d?.reason).toBe(
      '2026年11月县社会治理联席会议（2026-11-10）决定事项尚未落实：2 项任务未完成，其中 1 项已逾期',
    );
    expect(d?.title).toBe('督查落实：河道整治');
  });

  it('does not repeat an overdue task that an open decision already brings', () => {
    const task = (id: number, sourceId: string | null): OverdueTaskFact => ({
      id,
      number: `RW${id}`,
      title: 't',
      ownerName: '住建局',
      dueAt: day('2026-11-20'),
      sourceKind: sourceId ? 'meeting_decision' : 'work_team',
      sourceId,
    });
    expect(
      keysOf({
        openDecisions: [
          { decisionId: 5, meetingTitle: 'A', meetingAt: day('2026-11-10'), text: 'x', openTasks: 1, overdueTasks: 1 },
        ],
        overdueTasks: [task(1, '5'), task(2, '6'), task(3, null)],
      }),
    ).toEqual(['decision:5', 'task:2', 'task:3']);
  });

  it('proposes major open disputes, and nothing else from the dispute register', () => {
    const dispute = { id: 1, title: '征地补偿纠纷', major: true, open: true, reportedAt: day('2026-11-01') };
    expect(
      keysOf({ disputes: [dispute, { ...dispute, id: 2, major: false }, { ...dispute, id: 3, open: false }] }),
    ).toEqual(['dispute:1']);
  });
});

describe('marks and limits', () => {
  it('marks what is already on the agenda and keeps it in place', () => {
    const out = proposeAgenda({
      ...none,
      cases: [
        { ...quiet, id: 1, listed: true },
        { ...quiet, id: 2, listed: true },
      ],
      onAgenda: new Set(['case:2']),
    });
    expect(out.map((c) => [c.key, c.onAgenda])).toEqual([
      ['case:1', false],
      ['case:2', true],
    ]);
  });

  it('keeps at most limitPerKind candidates per first reason and counts them by reason', () => {
    const cases = Array.from({ length: 5 }, (_, i) => ({
      ...quiet,
      id: i + 1,
      listed: true,
      reopenCount: i % 2 ? 2 : 0,
    }));
    const out = proposeAgenda({ ...none, cases }, { ...DEFAULT_AGENDA_RULES, limitPerKind: 3 });
    expect(out).toHaveLength(3);
    expect(countByReason(out)).toMatchObject({ listed_case: 3, reopened_case: 2, hotspot: 0 });
  });
});

describe('properties', () => {
  const caseFact = fc.record({
    id: fc.integer({ min: 1, max: 60 }),
    number: fc.constant('QX'),
    title: fc.string({ maxLength: 8 }),
    open: fc.boolean(),
    listed: fc.boolean(),
    supervisionLevel: fc.constantFrom(null, 'town', 'county'),
    unitCount: fc.integer({ min: 0, max: 6 }),
    reopenCount: fc.integer({ min: 0, max: 4 }),
    placeName: fc.constant(null),
    reportedAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  });
  const facts = fc.record({
    cases: fc.array(caseFact, { maxLength: 40 }),
    openDecisions: fc.array(
      fc.record({
        decisionId: fc.integer({ min: 1, max: 20 }),
        meetingTitle: fc.constant('会'),
        meetingAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        text: fc.constant('决定'),
        openTasks: fc.integer({ min: 0, max: 3 }),
        overdueTasks: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 10 },
    ),
    hotspots: fc.constant([]),
    overdueTasks: fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 30 }),
        number: fc.constant('RW'),
        title: fc.constant('t'),
        ownerName: fc.constant('局'),
        dueAt: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        sourceKind: fc.constantFrom('meeting_decision', 'manual'),
        sourceId: fc.constantFrom(null, '1', '2', '3'),
      }),
      { maxLength: 10 },
    ),
  });

  it('proposes each matter once, only open qualifying cases, ordered by first reason', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const out = proposeAgenda(f);
        expect(new Set(out.map((c) => c.key)).size).toBe(out.length);
        for (const c of out) {
          expect(c.reasons.length).toBeGreaterThan(0);
          expect(c.reason.length).toBeGreaterThan(0);
          if (c.caseId !== null) {
            expect(f.cases.some((x) => x.id === c.caseId && x.open)).toBe(true);
          }
        }
        const ranks = out.map((c) => Math.min(...c.reasons.map((r) => CANDIDATE_KINDS.indexOf(r))));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
    );
  });

  it('does not depend on the order of the facts', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const reversed = {
          ...f,
          cases: [...f.cases].reverse(),
          openDecisions: [...f.openDecisions].reverse(),
          overdueTasks: [...f.overdueTasks].reverse(),
        };
        // Facts that repeat a key with different content are ambiguous; the property holds for distinct keys.
        const distinct = (xs: { id?: number; decisionId?: number }[]) =>
          new Set(xs.map((x) => x.id ?? x.decisionId)).size === xs.length;
        fc.pre(distinct(f.cases) && distinct(f.openDecisions) && distinct(f.overdueTasks));
        expect(proposeAgenda(reversed)).toEqual(proposeAgenda(f));
      }),
    );
  });
});
