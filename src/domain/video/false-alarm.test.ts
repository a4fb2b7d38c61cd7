import { describe, expect, it } from 'vitest';
import { countFindings, falseAlarmRate, findingOfCase, type VideoFinding } from './false-alarm.js';

describe('false-alarm rate = dismissed ÷ verified (confirmed + dismissed)', () => {
  it.each([
    [0, 0, null],
    [3, 1, 0.25],
    [0, 2, 1],
    [2, 0, 0],
    [2, 1, 0.3333],
  ])('confirmed %i, dismissed %i → %s', (confirmed, dismissed, rate) => {
    expect(falseAlarmRate(confirmed, dismissed)).toBe(rate);
  });

  it('counts per camera and type, leaving pending events out of the rate', () => {
    const rows: { key: [string, string]; finding: VideoFinding }[] = [
      { key: ['CAM-1', '占道经营'], finding: 'confirmed' },
      { key: ['CAM-1', '占道经营'], finding: 'dismissed' },
      { key: ['CAM-1', '占道经营'], finding: 'pending' },
      { key: ['CAM-1', '违停'], finding: 'dismissed' },
      { key: ['CAM-2', '占道经营'], finding: 'pending' },
    ];
    const counts = countFindings(rows, (k) => k.join('|'));
    expect(counts.get('CAM-1|占道经营')).toMatchObject({
      events: 3,
      confirmed: 1,
      dismissed: 1,
      pending: 1,
      rate: 0.5,
    });
    expect(counts.get('CAM-1|违停')).toMatchObject({ events: 1, dismissed: 1, rate: 1 });
    expect(counts.get('CAM-2|占道经营')).toMatchObject({ events: 1, pending: 1, rate: null });
  });

  it.each([
    ['verifying', null, 'pending'],
    ['rejected', 'not_confirmed', 'dismissed'],
    ['pending_dispatch', 'confirmed', 'confirmed'],
    ['closed', 'confirmed', 'confirmed'],
    ['replied', null, 'confirmed'],
  ] as const)('a case %s with finding %s makes its events %s', (state, finding, expected) => {
    expect(findingOfCase(state, finding)).toBe(expected);
  });
});
