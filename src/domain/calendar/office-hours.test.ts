import { describe, expect, it } from 'vitest';
import { formatOfficeHours, parseOfficeHours } from './office-hours.js';
import { DEFAULT_OFFICE_HOURS } from './work-calendar.js';

describe('office hours as people write them', () => {
  it('round-trips the default day', () => {
    const text = formatOfficeHours(DEFAULT_OFFICE_HOURS);
    expect(text).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);
    const parsed = parseOfficeHours(text);
    expect(parsed.ok && parsed.value).toEqual(DEFAULT_OFFICE_HOURS);
  });

  it('sorts the periods and names each problem', () => {
    const sorted = parseOfficeHours([
      { start: '13:30', end: '17:00' },
      { start: '08:00', end: '11:30' },
    ]);
    expect(sorted.ok && sorted.value).toEqual([
      [480, 690],
      [810, 1020],
    ]);
    const bad = (periods: { start: string; end: string }[]) => {
      const r = parseOfficeHours(periods);
      return r.ok ? null : r.error;
    };
    expect(bad([])).toBe('至少需要一个上班时段');
    expect(bad([{ start: '8:30', end: '12:00' }])).toContain('HH:MM');
    expect(bad([{ start: '12:00', end: '08:30' }])).toContain('早于');
    expect(
      bad([
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
    ).toBe('上班时段不能重叠');
  });
});
