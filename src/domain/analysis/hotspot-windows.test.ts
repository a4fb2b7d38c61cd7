import { describe, expect, it } from 'vitest';
import { hotspotWindows } from './hotspot-windows.js';

const now = new Date('2026-12-06T08:00:00Z');
const day = 86_400_000;

describe('hotspotWindows', () => {
  it('compares a day with the same weekday of the 8 weeks before', () => {
    const w = hotspotWindows('day', now);
    expect(w.map((x) => x.age)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56]);
    expect(w[0]).toEqual({ age: 0, from: new Date(now.getTime() - day), to: now });
    // last week's same day: 2026-11-29 08:00 to 2026-11-28 08:00 … the window ending 7 days ago
    expect(w[1]?.to).toEqual(new Date('2026-11-29T08:00:00Z'));
    expect(w[8]?.from).toEqual(new Date(now.getTime() - 57 * day));
  });

  it('gives contiguous weeks and 30-day months, none overlapping', () => {
    for (const [period, n, len] of [
      ['week', 9, 7],
      ['month', 7, 30],
    ] as const) {
      const w = hotspotWindows(period, now);
      expect(w).toHaveLength(n);
      for (let i = 1; i < w.length; i++) expect(w[i]?.to).toEqual(w[i - 1]?.from);
      expect(w.every((x) => x.to.getTime() - x.from.getTime() === len * day)).toBe(true);
    }
  });
});
