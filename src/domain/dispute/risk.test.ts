import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessRisk, effectiveRisk, type RiskFacts, riskRank } from './risk.js';

const base: RiskFacts = {
  peopleInvolved: 2,
  amount: 0,
  threatOfViolence: false,
  threatOfPetition: false,
  typeCode: 'neighbour',
};

describe('the risk level rule', () => {
  it.each([
    ['two neighbours, no money', {}, 'general', []],
    ['9 people, 99,999 yuan', { peopleInvolved: 9, amount: 99_999 }, 'general', []],
    ['10 people', { peopleInvolved: 10 }, 'serious', ['people_10']],
    ['100,000 yuan', { amount: 100_000 }, 'serious', ['amount_100k']],
    ['a land-acquisition dispute of two people', { typeCode: 'land_acquisition' }, 'serious', ['sensitive_type']],
    ['29 people', { peopleInvolved: 29 }, 'serious', ['people_10']],
    ['30 people (群体性)', { peopleInvolved: 30 }, 'major', ['people_30']],
    ['a threat of violence', { threatOfViolence: true }, 'major', ['violence']],
    ['a threat of petitioning beyond the level (越级上访)', { threatOfPetition: true }, 'major', ['petition']],
    ['1,000,000 yuan', { amount: 1_000_000 }, 'major', ['amount_1m']],
    [
      '40 unpaid workers threatening to petition, 300,000 yuan',
      { peopleInvolved: 40, threatOfPetition: true, amount: 300_000, typeCode: 'wages' },
      'major',
      ['people_30', 'petition', 'amount_100k'],
    ],
  ] as const)('%s → %s', (_, facts, level, reasons) => {
    expect(assessRisk({ ...base, ...facts })).toEqual({ level, reasons });
  });

  it('staff may raise the level, never lower it', () => {
    const rule = assessRisk({ ...base, peopleInvolved: 12 });
    expect(effectiveRisk(rule, undefined)).toBe(rule);
    expect(effectiveRisk(rule, 'major')).toEqual({ level: 'major', reasons: ['people_10', 'raised_by_staff'] });
    expect(effectiveRisk(rule, 'general')).toBeNull();
  });

  it('property: more people, more money or a threat never lowers the level', () => {
    const facts = fc.record({
      peopleInvolved: fc.integer({ min: 0, max: 200 }),
      amount: fc.integer({ min: 0, max: 5_000_000 }),
      threatOfViolence: fc.boolean(),
      threatOfPetition: fc.boolean(),
      typeCode: fc.constantFrom('neighbour', 'land_acquisition', 'wages'),
    });
    fc.assert(
      fc.property(
        facts,
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 500_000 }),
        (f, morePeople, more) => {
          const before = riskRank(assessRisk(f).level);
          const after = assessRisk({ ...f, peopleInvolved: f.peopleInvolved + morePeople, amount: f.amount + more });
          expect(riskRank(after.level)).toBeGreaterThanOrEqual(before);
          expect(assessRisk({ ...f, threatOfViolence: true }).level).toBe('major');
        },
      ),
    );
  });
});
