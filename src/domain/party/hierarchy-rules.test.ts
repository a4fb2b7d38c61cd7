import { describe, expect, it } from 'vitest';
import { coverageByTown } from './coverage.js';
import { checkTerm, type PartyOrgCandidate, placePartyOrg, termStatus } from './hierarchy-rules.js';
import { secretaryMonth } from './secretary-month.js';
import type { PartyLevel, PartyOrgRef, PlaceRef } from './types.js';

// Town 1 with villages 10 (grids 100, 101) and 11 (grid 110); town 2 with village 20 (grid 200).
const town = (id: number): PlaceRef => ({ kind: 'town', id, townId: id, villageId: null, gridId: null });
const village = (id: number, townId: number): PlaceRef => ({
  kind: 'village',
  id,
  townId,
  villageId: id,
  gridId: null,
});
const grid = (id: number, villageId: number, townId: number): PlaceRef => ({
  kind: 'grid',
  id,
  townId,
  villageId,
  gridId: id,
});
const T1 = town(1);
const V10 = village(10, 1);
const V11 = village(11, 1);
const V20 = village(20, 2);
const G100 = grid(100, 10, 1);
const G101 = grid(101, 10, 1);
const G110 = grid(110, 11, 1);
const org = (level: PartyLevel, p: PlaceRef): PartyOrgRef => ({
  level,
  townId: p.townId,
  villageId: p.villageId,
  gridId: p.gridId,
});
const committee = org('town_committee', T1);
const zongzhi10 = org('village_committee', V10);
const branch100 = org('grid_branch', G100);
const group100 = org('building_group', G100);

const base = (level: PartyLevel, parent: PartyOrgRef | null, place: PlaceRef): PartyOrgCandidate => ({
  level,
  parent,
  place,
  buildings: level === 'building_group' ? ['3幢'] : [],
});

describe('placePartyOrg: which level sits under which, tied to which place', () => {
  const cases: [string, PartyOrgCandidate, string | null][] = [
    ['a 党(工)委 on its town', base('town_committee', null, T1), null],
    ['a 党(工)委 under another party organisation', base('town_committee', committee, T1), 'PARTY_LEVEL_MISPLACED'],
    ['a 党(工)委 tied to a village', base('town_committee', null, V10), 'PARTY_PLACE_MISMATCH'],
    ['a 党总支 under its town’s 党(工)委', base('village_committee', committee, V11), null],
    ['a 党总支 without a parent', base('village_committee', null, V10), 'PARTY_LEVEL_MISPLACED'],
    ['a 党总支 of another town’s village', base('village_committee', committee, V20), 'PARTY_PLACE_MISMATCH'],
    ['a 党总支 under a branch', base('village_committee', branch100, V10), 'PARTY_LEVEL_MISPLACED'],
    ['a 网格党支部 on a grid of the 党总支’s village', base('grid_branch', zongzhi10, G101), null],
    ['a 网格党支部 on a grid of another village', base('grid_branch', zongzhi10, G110), 'PARTY_PLACE_MISMATCH'],
    ['a 网格党支部 tied to a village', base('grid_branch', zongzhi10, V10), 'PARTY_PLACE_MISMATCH'],
    ['a 网格党支部 directly under the 党(工)委', base('grid_branch', committee, G100), 'PARTY_LEVEL_MISPLACED'],
    ['a 楼院党小组 under the branch of its grid', base('building_group', branch100, G100), null],
    ['a 楼院党小组 on another grid than its branch', base('building_group', branch100, G101), 'PARTY_PLACE_MISMATCH'],
    ['a 楼院党小组 under a 党总支', base('building_group', zongzhi10, G100), 'PARTY_LEVEL_MISPLACED'],
    [
      'a 楼院党小组 without buildings',
      { ...base('building_group', branch100, G100), buildings: [' '] },
      'PARTY_BUILDINGS_REQUIRED',
    ],
    [
      'a 党员中心户 under a 楼院党小组, households of the same grid',
      {
        ...base('member_household', group100, G100),
        household: { id: 1, gridId: 100 },
        linkedHouseholds: [{ id: 2, gridId: 100 }],
      },
      null,
    ],
    ['a 党员中心户 directly under a branch', base('member_household', branch100, G100), null],
    ['a 党员中心户 under a 党总支', base('member_household', zongzhi10, G100), 'PARTY_LEVEL_MISPLACED'],
    [
      'a 党员中心户 whose own household is in another grid',
      { ...base('member_household', group100, G100), household: { id: 1, gridId: 101 } },
      'PARTY_HOUSEHOLD_MISMATCH',
    ],
    [
      'a 党员中心户 linking a household of another grid',
      {
        ...base('member_household', group100, G100),
        linkedHouseholds: [
          { id: 2, gridId: 100 },
          { id: 3, gridId: 110 },
        ],
      },
      'PARTY_HOUSEHOLD_MISMATCH',
    ],
    [
      'a branch with households linked',
      { ...base('grid_branch', zongzhi10, G100), linkedHouseholds: [{ id: 2, gridId: 100 }] },
      'PARTY_HOUSEHOLD_MISMATCH',
    ],
  ];
  it.each(cases)('%s', (_name, candidate, code) => {
    const result = placePartyOrg(candidate);
    if (code === null) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('carries the place it is tied to', () => {
    expect(placePartyOrg(base('grid_branch', zongzhi10, G101))).toEqual({
      ok: true,
      value: { townId: 1, villageId: 10, gridId: 101 },
    });
  });

  it('names the refused household', () => {
    const r = placePartyOrg({
      ...base('member_household', group100, G100),
      linkedHouseholds: [{ id: 7, gridId: 200 }],
    });
    expect(r.ok || r.error.details).toEqual({ householdIds: [7] });
  });
});

describe('terms', () => {
  it.each([
    ['2026-01-01', '2027-12-31', true, true],
    ['2026-01-01', '2026-01-01', true, false],
    ['2026-01-01', '2026-01-01', false, true],
    ['2026-05-01', '2026-04-30', false, false],
    ['2026-5-1', '2026-06-01', false, false],
  ])('%s → %s (strict %s): valid %s', (start, end, strict, valid) => {
    expect(checkTerm(start, end, strict).ok).toBe(valid);
  });
  it.each([
    ['2026-03-01', 'upcoming'],
    ['2026-04-01', 'current'],
    ['2026-12-31', 'current'],
    ['2027-01-01', 'expired'],
  ])('on %s the term 2026-04-01…2026-12-31 is %s', (today, status) => {
    expect(termStatus('2026-04-01', '2026-12-31', today)).toBe(status);
  });
});

describe('coverageByTown', () => {
  it('counts grids with and without a branch per town', () => {
    const grids = [
      { id: 100, townId: 1 },
      { id: 101, townId: 1 },
      { id: 110, townId: 1 },
      { id: 200, townId: 2 },
      { id: 201, townId: 2 },
    ];
    // two branches on grid 100 (a compound's and the grid's) count the grid once; a town-level null is ignored
    const result = coverageByTown(grids, [100, 100, 201, null]);
    expect(result).toEqual([
      { townId: 1, grids: 3, covered: 1, uncovered: 2, rate: 0.333, uncoveredGridIds: [101, 110] },
      { townId: 2, grids: 2, covered: 1, uncovered: 1, rate: 0.5, uncoveredGridIds: [200] },
    ]);
  });
  it('is empty without grids', () => {
    expect(coverageByTown([], [1])).toEqual([]);
  });
});

describe('secretaryMonth', () => {
  const weekdays = (d: string) => {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    return w !== 0 && w !== 6 && d !== '2026-05-01';
  };
  const tasks = [
    { state: 'done', completedAt: '2026-05-10T02:00:00.000Z', completedLate: false },
    { state: 'done', completedAt: '2026-05-20T02:00:00.000Z', completedLate: true },
    { state: 'done', completedAt: '2026-04-20T02:00:00.000Z', completedLate: false },
    { state: 'overdue', completedAt: null, completedLate: null },
    { state: 'in_progress', completedAt: null, completedLate: null },
    { state: 'cancelled', completedAt: null, completedLate: null },
  ];
  it.each([
    // May 2026: 21 weekdays, 1 May a holiday → 20 working days
    ['the whole month in term', '2026-01-01', '2027-12-31', ['2026-05-06', '2026-05-07', '2026-05-07'], 2, 20],
    ['the term starting mid-month', '2026-05-18', '2027-05-17', ['2026-05-06', '2026-05-18'], 1, 10],
    ['the term ended before the month', '2025-01-01', '2026-04-30', ['2026-05-06'], 0, 0],
    ['the month under way, on 2026-05-08', '2026-01-01', '2027-12-31', ['2026-05-06'], 1, 5, '2026-05-08'],
  ])('%s', (_name, termStart, termEnd, days, onSite, working, asOf?: string) => {
    const m = secretaryMonth({ month: '2026-05', termStart, termEnd, days, isWorkingDay: weekdays, tasks, asOf });
    expect(m.daysOnSite).toBe(onSite);
    expect(m.workingDaysInTerm).toBe(working);
    expect(m.onSiteRate).toBe(working === 0 ? null : Math.round((onSite / working) * 1000) / 1000);
    expect(m).toMatchObject({ tasksDone: 2, tasksDoneLate: 1, tasksOverdue: 1, tasksOpen: 1 });
  });
});
