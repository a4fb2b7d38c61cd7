import { describe, expect, it } from 'vitest';
import { baseline, detectSpikes, poissonUpperTail, type SpikeSeries } from './spike-detector.js';

/** Deterministic PRNG (mulberry32) and a Poisson sampler, so the generated data is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poisson(lambda: number, rand: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

// 200 grids × 9 weeks of daily counts with a strong weekly season (Mondays busy, Sundays quiet) and a yearly
// drift; the detector compares a day with the same weekday of the previous 8 weeks.
const WEEKDAY = [1.8, 1.4, 1.2, 1.1, 1.0, 0.5, 0.3];
function seasonalData(seed: number, grids = 200) {
  const rand = rng(seed);
  return Array.from({ length: grids }, (_, g) => {
    const level = 0.5 + 4 * rand();
    const days = Array.from({ length: 63 }, (_, d) =>
      poisson(level * (WEEKDAY[d % 7] as number) * (1 + d / 300), rand),
    );
    return { key: `grid-${g}`, days };
  });
}
/** The series for day `day`: that day against the same weekday of the 8 weeks before. */
function sameWeekday(days: number[], day: number): SpikeSeries['history'] {
  return Array.from({ length: 8 }, (_, w) => days[day - 7 * (w + 1)] as number);
}

describe('spike detection', () => {
  it('computes Poisson tails', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | 1) = 1 − e^{-1}(1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
  });

  it('uses a robust baseline: one past spike does not hide the next', () => {
    expect(baseline([2, 2, 2, 2, 30])).toBe(2);
    expect(baseline([2, 3, 4, 3])).toBe(3);
    expect(baseline([])).toBe(0.5);
  });

  it('stays silent on plain seasonal data (every day of the last week, 200 grids)', () => {
    const data = seasonalData(42);
    for (let day = 56; day < 63; day++) {
      const series = data.map((g) => ({
        key: g.key,
        history: sameWeekday(g.days, day),
        current: g.days[day] as number,
      }));
      expect(detectSpikes(series)).toEqual([]);
    }
  });

  it('would raise false alarms on Mondays if it ignored the season', () => {
    // The same data compared with the previous 8 *days* instead: busy Mondays look like spikes now and then.
    const data = seasonalData(42);
    let alarms = 0;
    for (let day = 56; day < 63; day++) {
      const series = data.map((g) => ({
        key: g.key,
        history: g.days.slice(day - 8, day),
        current: g.days[day] as number,
      }));
      alarms += detectSpikes(series, { pThreshold: 0.01, minCount: 3, minRatio: 1.5 }).length;
    }
    expect(alarms).toBeGreaterThan(0);
  });

  it('finds an injected spike and only that one', () => {
    const data = seasonalData(7);
    const day = 60;
    const victim = data[123] as { key: string; days: number[] };
    const normal = victim.days[day] as number;
    const expected = baseline(sameWeekday(victim.days, day));
    victim.days[day] = normal + Math.max(8, Math.round(4 * expected));
    const series = data.map((g) => ({ key: g.key, history: sameWeekday(g.days, day), current: g.days[day] as number }));
    const spikes = detectSpikes(series);
    expect(spikes.map((s) => s.key)).toEqual(['grid-123']);
    expect(spikes[0]?.ratio).toBeGreaterThanOrEqual(2);
    expect(spikes[0]?.pValue).toBeLessThan(0.001);
  });

  it('respects the thresholds', () => {
    const s = [{ key: 'a', history: [0, 0, 0, 0, 0, 0, 0, 0], current: 4 }];
    expect(detectSpikes(s)).toEqual([]); // below minCount
    expect(detectSpikes(s, { minCount: 3 }).map((x) => x.key)).toEqual(['a']);
  });
});
