import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompoundMonthCounts, median, propertyStars, responseScore, starsOf } from './property-stars.js';

const none: CompoundMonthCounts = {
  cases: 0,
  responseHours: [],
  resolved: 0,
  rated: 0,
  satisfied: 0,
  repeats: 0,
  residentStars: [],
};

describe('物业亮星 formula: given counts → expected stars', () => {
  it.each([
    // name, counts, score, stars
    ['no cases, no ratings: no stars', none, null, null],
    // no cases: the residents alone, (5-1)/4 = 100
    ['no cases, residents all ★5', { ...none, residentStars: [5, 5, 5] }, 100, 5],
    ['no cases, residents all ★1', { ...none, residentStars: [1, 1] }, 0, 1],
    // (4 + 3 + 3) / 3 = 3.33 → 58.3 → ★2
    ['no cases, residents mixed', { ...none, residentStars: [4, 3, 3] }, 58.3, 2],
    // response 1h → 100; resolution 10/10; satisfaction 8/8; repeat 0; residents 4.5 → 87.5
    // (100·20 + 100·25 + 100·20 + 100·15 + 87.5·20) / 100 = 97.5
    [
      'a good month',
      {
        cases: 10,
        responseHours: [1, 1, 2, 0.5, 1],
        resolved: 10,
        rated: 8,
        satisfied: 8,
        repeats: 0,
        residentStars: [4, 5],
      },
      97.5,
      5,
    ],
    // response median 30h → 50; resolution 6/10 = 60; satisfaction 3/6 = 50; repeat 100 − 2·30 = 40; residents 3 → 50
    // (50·20 + 60·25 + 50·20 + 40·15 + 50·20) / 100 = 51
    [
      'a poor month',
      {
        cases: 10,
        responseHours: [20, 30, 40],
        resolved: 6,
        rated: 6,
        satisfied: 3,
        repeats: 3,
        residentStars: [3, 3],
      },
      51,
      2,
    ],
    // no response yet, none rated, no residents: resolution 2/4 = 50 ×25, repeat 100 − 2·50 = 0 ×15 → 1250/40 = 31.3
    ['cases unanswered, half repeats', { ...none, cases: 4, resolved: 2, repeats: 2 }, 31.3, 1],
    // response 8h → 85; resolution 100; satisfaction 9/10 = 90; repeat 100 − 2·10 = 80; no residents
    // (85·20 + 100·25 + 90·20 + 80·15) / 80 = 7200/80 = 90
    [
      'exactly on the ★5 line',
      { ...none, cases: 10, responseHours: [8], resolved: 10, rated: 10, satisfied: 9, repeats: 1 },
      90,
      5,
    ],
    // response 24h → 70; resolution 8/10 = 80; satisfaction 3/4 = 75; repeat 80; residents 4 → 75
    // (70·20 + 80·25 + 75·20 + 80·15 + 75·20) / 100 = 76
    [
      'a fair month',
      {
        cases: 10,
        responseHours: [24],
        resolved: 8,
        rated: 4,
        satisfied: 3,
        repeats: 1,
        residentStars: [4],
      },
      76,
      4,
    ],
  ])('%s', (_name, counts, score, stars) => {
    const rating = propertyStars(counts as CompoundMonthCounts);
    expect(rating.score).toBe(score);
    expect(rating.stars).toBe(stars);
  });

  it('publishes the figures behind the parts', () => {
    const r = propertyStars({
      cases: 4,
      responseHours: [3, 1, 10, 6],
      resolved: 3,
      rated: 2,
      satisfied: 1,
      repeats: 1,
      residentStars: [4, 5, 5],
    });
    expect(r.figures).toEqual({
      cases: 4,
      medianResponseHours: 4.5,
      resolutionRate: 75,
      satisfactionRate: 50,
      repeatRate: 25,
      residentMean: 4.7,
      residentCount: 3,
    });
    expect(r.parts.response).toBe(85);
  });

  it.each([
    [0, 100],
    [2, 100],
    [2.1, 85],
    [8, 85],
    [24, 70],
    [48, 50],
    [72, 30],
    [72.5, 10],
  ])('response after %s h scores %s', (hours, score) => expect(responseScore(hours)).toBe(score));

  it.each([
    [100, 5],
    [90, 5],
    [89.9, 4],
    [75, 4],
    [60, 3],
    [59.9, 2],
    [40, 2],
    [39.9, 1],
    [0, 1],
  ])('score %s gives %s stars', (score, stars) => expect(starsOf(score)).toBe(stars));

  it('median of an even list is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('the score stays within 0–100 and the stars follow it, whatever the counts', () => {
    const counts = fc
      .record({
        cases: fc.integer({ min: 0, max: 200 }),
        hours: fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 20 }),
        resolvedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        ratedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        satisfiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        repeatShare: fc.double({ min: 0, max: 1, noNaN: true }),
        residentStars: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }),
      })
      .map((r) => {
        const rated = Math.floor(r.cases * r.ratedShare);
        return {
          cases: r.cases,
          responseHours: r.cases > 0 ? r.hours : [],
          resolved: Math.floor(r.cases * r.resolvedShare),
          rated,
          satisfied: Math.floor(rated * r.satisfiedShare),
          repeats: Math.floor(r.cases * r.repeatShare),
          residentStars: r.residentStars,
        };
      });
    fc.assert(
      fc.property(counts, (c) => {
        const r = propertyStars(c);
        if (c.cases === 0 && c.residentStars.length === 0) return r.stars === null && r.score === null;
        return r.score !== null && r.score >= 0 && r.score <= 100 && r.stars === starsOf(r.score);
      }),
    );
  });
});
