// The 95 % intervals against values computed by hand (and checked against published tables): Wilson for
// proportions, Student's t for the mean of a 1–5 scale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, t975, waldInterval, wilsonInterval } from './intervals.js';

describe('Wilson interval of a proportion', () => {
  // (x, n) → [low, high], by hand: centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n)
  it.each([
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [50, 100, 0.4038, 0.5962],
    [1, 1, 0.2065, 1],
    [27, 30, 0.7438, 0.9654],
    [90, 100, 0.8256, 0.9448],
  ])('%i of %i → [%f, %f]', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci?.low).toBeCloseTo(low, 4);
    expect(ci?.high).toBeCloseTo(high, 4);
  });

  it('is null without answers and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });

  it('why not the normal approximation: past 100 % and zero width where Wilson stays honest', () => {
    const wald = waldInterval(29, 30);
    expect(wald?.high).toBeGreaterThan(1);
    expect(waldInterval(12, 12)).toEqual({ low: 1, high: 1 });
    const wilson = wilsonInterval(12, 12);
    expect(wilson?.low).toBeCloseTo(0.7575, 4);
    expect(wilson?.high).toBe(1);
  });

  it('always holds the observed share, inside [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const ci = wilsonInterval(x, n);
        if (!ci) return false;
        return ci.low >= 0 && ci.high <= 1 && ci.low <= x / n + 1e-12 && ci.high >= x / n - 1e-12 && ci.low < ci.high;
      }),
    );
  });
});

describe('t interval of a scale mean', () => {
  it('t quantiles: the table, interpolated beyond 30, the normal quantile in the limit', () => {
    expect(t975(1)).toBeCloseTo(12.7062, 4);
    expect(t975(4)).toBeCloseTo(2.7764, 4);
    expect(t975(9)).toBeCloseTo(2.2622, 4);
    expect(t975(60)).toBeCloseTo(2.0003, 4);
    expect(t975(50)).toBeGreaterThan(2.0003);
    expect(t975(50)).toBeLessThan(2.0211);
    expect(t975(100)).toBeCloseTo(1.984, 3);
    expect(t975(100_000)).toBeCloseTo(1.96, 2);
  });

  // values → mean, sd, [low, high] by hand: s = √(Σ(v − m)²/(n − 1)), half = t(0.975, n − 1)·s/√n
  it.each([
    [[1, 2, 3, 4, 5], 3, 1.5811, 1.0368, 4.9632],
    [[4, 5, 4, 5, 4, 5, 3, 5, 4, 5], 4.4, 0.6992, 3.8998, 4.9002],
    [[5, 5, 5], 5, 0, 5, 5],
    [[2, 4, 4], 3.3333, 1.1547, 0.4649, 6.2018],
  ])('%j → mean %f, sd %f, [%f, %f]', (values, mean, sd, low, high) => {
    const m = meanInterval(values);
    expect(m.n).toBe(values.length);
    expect(m.mean).toBeCloseTo(mean, 4);
    expect(m.sd).toBeCloseTo(sd, 4);
    expect(m.ci?.low).toBeCloseTo(low, 4);
    expect(m.ci?.high).toBeCloseTo(high, 4);
  });

  it('no interval below two answers', () => {
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, ci: null });
    expect(meanInterval([4])).toEqual({ n: 1, mean: 4, sd: null, ci: null });
  });
});
