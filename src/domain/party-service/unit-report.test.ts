import { describe, expect, it } from 'vitest';
import { type ReportMember, type ReportNeed, unitYearFigures } from './unit-report.js';

const members: ReportMember[] = [
  { unitName: '县住建局', state: 'confirmed', registeredOn: '2025-03-01' },
  { unitName: '县住建局', state: 'confirmed', registeredOn: '2026-05-01' },
  { unitName: '县住建局', state: 'pending', registeredOn: '2026-05-02' }, // not confirmed: not counted
  { unitName: '县住建局', state: 'confirmed', registeredOn: '2027-01-01' }, // after the year: not counted
  { unitName: '县税务局', state: 'declined', registeredOn: '2026-02-01' },
];

const needs: ReportNeed[] = [
  { unitName: '县住建局', state: 'rated', doneOn: '2026-04-01', hours: 2.5, rating: 5 },
  { unitName: '县住建局', state: 'rated', doneOn: '2026-09-01', hours: 4, rating: 4 },
  { unitName: '县住建局', state: 'done', doneOn: '2026-12-31', hours: 1.2, rating: null }, // done, not yet rated
  { unitName: '县住建局', state: 'rated', doneOn: '2025-12-31', hours: 8, rating: 1 }, // last year
  { unitName: '县住建局', state: 'claimed', doneOn: null, hours: null, rating: null }, // not done
  { unitName: '县住建局', state: 'cancelled', doneOn: null, hours: null, rating: null },
  { unitName: '县税务局', state: 'rated', doneOn: '2026-06-01', hours: 3, rating: 3 },
  { unitName: null, state: 'rated', doneOn: '2026-06-01', hours: 3, rating: 3 },
];

describe('the yearly 双报到 report of a unit, on hand-made data', () => {
  it('counts confirmed members, needs done in the year, their hours and the mean rating', () => {
    expect(unitYearFigures(2026, ['县住建局', '县税务局', '县教育局'], members, needs)).toEqual([
      { unitName: '县住建局', members: 2, needsDone: 3, hours: 7.7, rated: 2, averageRating: 4.5 },
      { unitName: '县税务局', members: 0, needsDone: 1, hours: 3, rated: 1, averageRating: 3 },
      { unitName: '县教育局', members: 0, needsDone: 0, hours: 0, rated: 0, averageRating: null },
    ]);
  });

  it('a year earlier sees only that year', () => {
    expect(unitYearFigures(2025, ['县住建局'], members, needs)).toEqual([
      { unitName: '县住建局', members: 1, needsDone: 1, hours: 8, rated: 1, averageRating: 1 },
    ]);
  });
});
