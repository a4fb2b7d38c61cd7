import { describe, expect, it } from 'vitest';
import { chinaTime } from '../calendar/index.js';
import { addToCoverage, coverageStatus, emptyCoverage, type ScreeningOutcome, screeningRate } from './coverage.js';

const dueAt = chinaTime('2026-10-08', '17:30');
const now = chinaTime('2026-10-09', '10:00');
const t = (state: ScreeningOutcome['state'], completedAt: Date | null = null, due = dueAt): ScreeningOutcome => ({
  dueAt: due,
  state,
  completedAt,
});

describe('coverage classification', () => {
  it.each([
    ['done before due', t('done', chinaTime('2026-10-08', '11:00')), 'on_time'],
    ['done exactly at due', t('done', dueAt), 'on_time'],
    ['done a minute late', t('done', chinaTime('2026-10-08', '17:31')), 'late'],
    ['still open after due', t('overdue'), 'missed'],
    ['open, not marked yet, due passed', t('pending_sign'), 'missed'],
    ['open, due tomorrow', t('pending_sign', null, chinaTime('2026-10-09', '17:30')), 'open'],
    ['cancelled', t('cancelled'), 'cancelled'],
  ] as const)('%s → %s', (_name, task, status) => {
    expect(coverageStatus(task, now)).toBe(status);
  });
});

describe('排查完成率', () => {
  it('is on time ÷ due, where due leaves out what is not due yet and what was cancelled', () => {
    const statuses = ['on_time', 'on_time', 'on_time', 'late', 'missed', 'open', 'cancelled'] as const;
    const counts = statuses.reduce(addToCoverage, emptyCoverage());
    expect(counts).toEqual({ due: 5, onTime: 3, late: 1, missed: 1, open: 1 });
    expect(screeningRate(counts)).toBe(0.6);
  });

  it('has no value when nothing was due', () => {
    expect(screeningRate(addToCoverage(emptyCoverage(), 'open'))).toBeNull();
  });
});
