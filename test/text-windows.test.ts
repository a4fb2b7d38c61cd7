// newestByWindows (src/modules/cases/text-plan.ts), the search's reading of the newest matches window by window
// back in time, over rows in memory: the same rows and order as sorting them all, whatever their spacing — rows in
// the future, ties on a window's edge, long empty stretches, fewer rows than wanted — and the windows it asks for.
import { describe, expect, it } from 'vitest';
import { newestByWindows } from '../src/modules/cases/text-plan.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-01T00:00:00Z');

interface Row {
  id: number;
  at: number;
}

/** What the search's window query answers: from ≤ at < before, newest first (then the higher id), limited. */
function reader(rows: Row[], asked: [number | null, number | null][]) {
  return async (from: Date | null, before: Date | null, limit: number) => {
    asked.push([from?.getTime() ?? null, before?.getTime() ?? null]);
    return rows
      .filter((r) => (from === null || r.at >= from.getTime()) && (before === null || r.at < before.getTime()))
      .sort((a, b) => b.at - a.at || b.id - a.id)
      .slice(0, limit);
  };
}

function newest(rows: Row[], wanted: number): number[] {
  return [...rows]
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .slice(0, wanted)
    .map((r) => r.id);
}

describe('newestByWindows', () => {
  const cases: [string, Row[]][] = [
    [
      'a steady stream, three a minute',
      Array.from({ length: 5000 }, (_, i) => ({ id: i, at: NOW.getTime() - 3 * HOUR - Math.floor(i / 3) * 60_000 })),
    ],
    [
      'a burst today, then months of nothing, then old rows',
      [
        ...Array.from({ length: 30 }, (_, i) => ({ id: i, at: NOW.getTime() - i * 60_000 })),
        ...Array.from({ length: 3000 }, (_, i) => ({ id: 100 + i, at: NOW.getTime() - 200 * 24 * HOUR - i * HOUR })),
      ],
    ],
    [
      'rows reported after now (a moved clock)',
      Array.from({ length: 900 }, (_, i) => ({ id: i, at: NOW.getTime() + 2 * HOUR - i * 10 * 60_000 })),
    ],
    [
      'fewer rows than wanted, years back',
      Array.from({ length: 40 }, (_, i) => ({ id: i, at: NOW.getTime() - i * 90 * 24 * HOUR })),
    ],
    ['nothing at all', []],
  ];

  it.each(cases)('reads the same newest rows as sorting them all: %s', async (_name, rows) => {
    for (const wanted of [1, 25, 2000]) {
      const asked: [number | null, number | null][] = [];
      const got = await newestByWindows(reader(rows, asked), wanted, NOW);
      expect(got.map((r) => r.id)).toEqual(newest(rows, wanted));
      // the windows meet: each one's upper bound is the last one's lower bound; the first has none above
      expect(asked[0]?.[1]).toBeNull();
      for (let i = 1; i < asked.length; i++) expect(asked[i]?.[1]).toBe(asked[i - 1]?.[0]);
      expect(asked.length).toBeLessThanOrEqual(6);
      // every bound a real time (a window sized by a few rows reaches far back: then it is open below)
      for (const [from] of asked) if (from !== null) expect(Number.isFinite(from) && from > 0).toBe(true);
    }
  });

  it('splits rows of the same time at a window’s edge without losing or repeating one', async () => {
    // ten rows at every whole hour: any edge that falls on an hour cuts a group of ties
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: i, at: NOW.getTime() - Math.floor(i / 10) * HOUR }));
    const asked: [number | null, number | null][] = [];
    const got = await newestByWindows(reader(rows, asked), 2000, NOW);
    expect(got.map((r) => r.id)).toEqual(newest(rows, 2000));
    // the first window is exactly a day: its edge falls on an hour, inside a group of ties
    expect(asked[0]?.[0]).toBe(NOW.getTime() - 24 * HOUR);
    expect(new Set(got.map((r) => r.id)).size).toBe(2000);
  });

  it('sizes the next window from the rows per hour already read, so a steady stream takes two windows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, at: NOW.getTime() - i * 60_000 }));
    const asked: [number | null, number | null][] = [];
    await newestByWindows(reader(rows, asked), 2000, NOW);
    // a day holds 1,440; the rate says 560 more need 9.3 hours, and a third more is asked: found in the second
    expect(asked).toHaveLength(2);
  });
});
