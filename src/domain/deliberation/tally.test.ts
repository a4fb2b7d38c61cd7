// The ballot count: quorum, threshold, custom options, and properties over random ballots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOptions, checkVoteRule, STANDARD_OPTIONS, tally, type VoteRule } from './tally.js';

const STD = [...STANDARD_OPTIONS];
const HALF: VoteRule = { quorumPercent: 50, passPercent: 50 };
const many = (choice: string, n: number) => Array.from({ length: n }, () => choice);

describe('tally', () => {
  it('passes with more than half of the ballots agreeing and the quorum met', () => {
    const t = tally(STD, [...many('同意', 6), ...many('反对', 3), '弃权'], 20, HALF);
    expect(t).toEqual({
      counts: { 同意: 6, 反对: 3, 弃权: 1 },
      cast: 10,
      eligible: 20,
      turnoutPercent: 50,
      quorumMet: true,
      passed: true,
      winner: '同意',
    });
  });

  it('exactly half is not more than half; abstentions count as cast', () => {
    expect(tally(STD, [...many('同意', 5), ...many('反对', 5)], 10, HALF).passed).toBe(false);
    expect(tally(STD, [...many('同意', 5), ...many('弃权', 5)], 10, HALF).passed).toBe(false);
    expect(tally(STD, [...many('同意', 6), ...many('弃权', 5)], 11, HALF).passed).toBe(true);
  });

  it('fails below the quorum however many agree', () => {
    const t = tally(STD, many('同意', 9), 20, HALF);
    expect([t.quorumMet, t.passed, t.winner, t.turnoutPercent]).toEqual([false, false, null, 45]);
    expect(tally(STD, many('同意', 10), 20, HALF).passed).toBe(true);
  });

  it('applies a two-thirds threshold', () => {
    const rule = { quorumPercent: 0, passPercent: 66 };
    expect(tally(STD, [...many('同意', 2), '反对'], 100, rule).passed).toBe(true); // 66.7 % > 66 %
    expect(tally(STD, [...many('同意', 65), ...many('反对', 35)], 100, rule).passed).toBe(false);
  });

  it('custom options: the single top option above the threshold wins; a tie has no winner', () => {
    const opts = ['方案一：硬化', '方案二：铺石', '方案三：暂缓'];
    const t = tally(opts, [...many(opts[0] as string, 5), ...many(opts[1] as string, 2), opts[2] as string], 10, HALF);
    expect([t.winner, t.passed]).toEqual(['方案一：硬化', true]);
    expect(tally(opts, [...many(opts[0] as string, 3), ...many(opts[1] as string, 3)], 6, HALF).winner).toBeNull();
    expect(
      tally(
        opts,
        [...many(opts[0] as string, 4), ...many(opts[1] as string, 3), ...many(opts[2] as string, 2)],
        9,
        HALF,
      ).winner,
    ).toBeNull();
  });

  it('ignores a ballot naming no option, and nobody voting passes nothing', () => {
    const t = tally(STD, ['同意', '随便'], 2, HALF);
    expect([t.cast, t.counts]).toEqual([1, { 同意: 1, 反对: 0, 弃权: 0 }]);
    expect(tally(STD, [], 0, { quorumPercent: 0, passPercent: 50 }).passed).toBe(false);
  });

  it('checks options and rules', () => {
    expect(checkOptions(undefined)).toEqual({ ok: true, value: STD });
    expect(checkOptions([' 甲 ', '乙'])).toEqual({ ok: true, value: ['甲', '乙'] });
    for (const bad of [['甲'], ['甲', '甲'], ['甲', ''], Array.from({ length: 11 }, (_, i) => `选项${i}`)]) {
      const r = checkOptions(bad);
      expect(r.ok ? bad : r.error.details).toEqual({ field: 'options' });
    }
    expect(checkVoteRule({ quorumPercent: 101, passPercent: 50 }).ok).toBe(false);
    expect(checkVoteRule({ quorumPercent: 0, passPercent: 100 }).ok).toBe(false);
    expect(checkVoteRule({ quorumPercent: 0, passPercent: 1 }).ok).toBe(true);
  });
});

describe('tally properties', () => {
  const rule = fc.record({
    quorumPercent: fc.integer({ min: 0, max: 100 }),
    passPercent: fc.integer({ min: 1, max: 99 }),
  });
  const ballots = fc.array(fc.constantFrom(...STD), { maxLength: 60 });
  const extra = fc.integer({ min: 0, max: 60 });

  it('counts add up to the ballots cast, the order of ballots does not matter, a pass needs the quorum', () => {
    fc.assert(
      fc.property(ballots, extra, rule, fc.integer(), (bs, more, r, seed) => {
        const eligible = bs.length + more;
        const t = tally(STD, bs, eligible, r);
        expect(Object.values(t.counts).reduce((a, b) => a + b, 0)).toBe(bs.length);
        expect(t.cast).toBe(bs.length);
        const shuffled = [...bs].sort((a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7));
        expect(tally(STD, shuffled, eligible, r)).toEqual(t);
        if (t.passed) {
          expect(t.quorumMet).toBe(true);
          expect((t.counts.同意 ?? 0) * 100).toBeGreaterThan(r.passPercent * t.cast);
        }
      }),
    );
  });

  it('one more 同意 never turns a pass into a failure; with the quorum met, one more 反对 never turns a failure into a pass', () => {
    fc.assert(
      fc.property(ballots, extra, rule, (bs, more, r) => {
        const eligible = bs.length + 1 + more;
        const before = tally(STD, bs, eligible, r);
        if (before.passed) expect(tally(STD, [...bs, '同意'], eligible, r).passed).toBe(true);
        else if (before.quorumMet) expect(tally(STD, [...bs, '反对'], eligible, r).passed).toBe(false);
      }),
    );
  });

  it('a turnout just short of the quorum fails, and the ballot that reaches it can make it pass', () => {
    // 3 of 8 agree with a 50 % quorum: short; a 4th ballot, even 反对, reaches it (75 % agree).
    expect(tally(STD, many('同意', 3), 8, HALF).passed).toBe(false);
    expect(tally(STD, [...many('同意', 3), '反对'], 8, HALF).passed).toBe(true);
  });

  it('a custom ballot has at most one winner, and it holds the most ballots', () => {
    const opts = ['甲', '乙', '丙', '丁'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...opts), { maxLength: 40 }), rule, (bs, r) => {
        const t = tally(opts, bs, bs.length, r);
        if (t.winner !== null) {
          const top = t.counts[t.winner] ?? 0;
          for (const o of opts) if (o !== t.winner) expect(t.counts[o] ?? 0).toBeLessThan(top);
        }
      }),
    );
  });
});
