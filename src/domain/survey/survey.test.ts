// The questionnaire and answer rules, the seeded draw with quotas, the round's lifecycle, the caller's outcomes
// and the per-unit results.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterCall,
  allowedRoundActions,
  checkAnswers,
  checkQuestionnaire,
  checkQuotas,
  drawSample,
  type FramePerson,
  MAX_CALL_ATTEMPTS,
  type Questionnaire,
  roundResults,
  roundTransition,
  townScoreCounts,
} from './index.js';

const Q = {
  intro: '您好',
  script: '您好，我是县社会治理中心的工作人员',
  questions: [
    { key: 'safe', type: 'scale', title: '您觉得本地治安怎么样', score: true },
    { key: 'worry', type: 'single', title: '最担心的问题', options: ['盗窃', '诈骗', '交通'] },
    { key: 'seen', type: 'multi', title: '见过哪些巡逻', options: ['民警', '网格员', '志愿者'], required: false },
    { key: 'say', type: 'text', title: '意见建议', required: false },
  ],
};
const questionnaire = (() => {
  const r = checkQuestionnaire(Q);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

describe('questionnaire', () => {
  it('keeps a valid questionnaire, required by default, scale labels filled', () => {
    expect(questionnaire.questions[0]).toMatchObject({ required: true, lowLabel: '很不满意', score: true });
    expect(questionnaire.questions[2]?.required).toBe(false);
  });

  it.each([
    [{ questions: [] }, 'questionnaire.questions'],
    ['问卷', 'questionnaire'],
    [{ questions: [{ key: 'A', type: 'text', title: 't' }] }, 'questionnaire.questions[0].key'],
    [{ questions: [{ key: 'a', type: 'essay', title: 't' }] }, 'questionnaire.questions[0].type'],
    [{ questions: [{ key: 'a', type: 'text', title: ' ' }] }, 'questionnaire.questions[0].title'],
    [{ questions: [{ key: 'a', type: 'single', title: 't', options: ['x'] }] }, 'questionnaire.questions[0].options'],
    [
      { questions: [{ key: 'a', type: 'multi', title: 't', options: ['x', 'x'] }] },
      'questionnaire.questions[0].options',
    ],
    [
      { questions: [{ key: 'a', type: 'scale', title: 't', options: ['x', 'y'] }] },
      'questionnaire.questions[0].options',
    ],
    [{ questions: [{ key: 'a', type: 'text', title: 't', score: true }] }, 'questionnaire.questions[0].score'],
    [
      {
        questions: [
          { key: 'a', type: 'text', title: 't' },
          { key: 'a', type: 'text', title: 'u' },
        ],
      },
      'questionnaire.questions[1].key',
    ],
    [
      {
        questions: [
          { key: 'a', type: 'scale', title: 't', score: true },
          { key: 'b', type: 'scale', title: 'u', score: true },
        ],
      },
      'questionnaire.questions',
    ],
  ])('refuses %j at %s with a Chinese message', (raw, field) => {
    const r = checkQuestionnaire(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('answers against the questionnaire', () => {
  it('keeps valid answers, drops empty optional ones, orders multi-choice as the options', () => {
    const r = checkAnswers(questionnaire, { safe: 5, worry: '诈骗', seen: ['志愿者', '民警'], say: '  ' });
    expect(r).toEqual({ ok: true, value: { safe: 5, worry: '诈骗', seen: ['民警', '志愿者'] } });
  });

  it.each([
    [{ worry: '诈骗' }, 'answers.safe'],
    [{ safe: 6, worry: '诈骗' }, 'answers.safe'],
    [{ safe: 4.5, worry: '诈骗' }, 'answers.safe'],
    [{ safe: '5', worry: '诈骗' }, 'answers.safe'],
    [{ safe: 4, worry: '抢劫' }, 'answers.worry'],
    [{ safe: 4, worry: '诈骗', seen: ['警犬'] }, 'answers.seen'],
    [{ safe: 4, worry: '诈骗', seen: ['民警', '民警'] }, 'answers.seen'],
    [{ safe: 4, worry: '诈骗', extra: 1 }, 'answers.extra'],
    [{ safe: 4, worry: '诈骗', say: 'x'.repeat(1001) }, 'answers.say'],
    [null, 'answers'],
  ])('refuses %j at %s', (raw, field) => {
    const r = checkAnswers(questionnaire, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe(field);
  });
});

describe('sampling with quotas', () => {
  // two towns (1, 2); town 1 has villages 11 (30 people) and 12 (5 people); town 2 has village 21 (8 people)
  const frame: FramePerson[] = [
    ...Array.from({ length: 30 }, (_, i) => ({ key: `u:${i}`, townId: 1, villageId: 11 })),
    ...Array.from({ length: 5 }, (_, i) => ({ key: `g:${i}`, townId: 1, villageId: 12 })),
    ...Array.from({ length: 8 }, (_, i) => ({ key: `g:${100 + i}`, townId: 2, villageId: 21 })),
  ];
  const towns = new Set([1, 2]);
  const villages = new Map([
    [11, 1],
    [12, 1],
    [21, 2],
  ]);

  it('meets each quota when the frame allows, reports the shortfall when not', () => {
    const d = drawSample(
      frame,
      [
        { level: 'village', orgId: 11, size: 10 },
        { level: 'village', orgId: 12, size: 10 },
        { level: 'town', orgId: 2, size: 8 },
      ],
      42,
    );
    expect(d.quotas.map((q) => [q.orgId, q.available, q.drawn, q.shortfall])).toEqual([
      [11, 30, 10, 0],
      [12, 5, 5, 5],
      [2, 8, 8, 0],
    ]);
    expect(d.people).toHaveLength(23);
    expect(d.people.filter((p) => p.villageId === 11)).toHaveLength(10);
    expect(new Set(d.people.map((p) => p.key)).size).toBe(23);
  });

  it('is reproducible: same seed, same people, whatever the frame order; another seed, other people', () => {
    const quotas = [{ level: 'town' as const, orgId: 1, size: 12 }];
    const a = drawSample(frame, quotas, 7).people.map((p) => p.key);
    const b = drawSample([...frame].reverse(), quotas, 7).people.map((p) => p.key);
    const c = drawSample(frame, quotas, 8).people.map((p) => p.key);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a).toEqual([...a].filter((k) => frame.find((p) => p.key === k)?.townId === 1));
  });

  it('one quota changed leaves the other quotas’ people as they were', () => {
    const first = drawSample(
      frame,
      [
        { level: 'village', orgId: 11, size: 6 },
        { level: 'town', orgId: 2, size: 3 },
      ],
      5,
    );
    const second = drawSample(
      frame,
      [
        { level: 'village', orgId: 11, size: 9 },
        { level: 'town', orgId: 2, size: 3 },
      ],
      5,
    );
    const inTown2 = (d: typeof first) => d.people.filter((p) => p.townId === 2).map((p) => p.key);
    expect(inTown2(second)).toEqual(inTown2(first));
  });

  it('property: never more than the quota, never a person twice, shortfall = size − drawn', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (s1, s2, seed) => {
        const d = drawSample(
          frame,
          [
            { level: 'village', orgId: 11, size: s1 },
            { level: 'town', orgId: 2, size: s2 },
          ],
          seed,
        );
        const keys = d.people.map((p) => p.key);
        return (
          new Set(keys).size === keys.length &&
          d.quotas.every(
            (q) => q.drawn <= q.size && q.shortfall === q.size - q.drawn && q.drawn === Math.min(q.size, q.available),
          )
        );
      }),
    );
  });

  it('checks the quotas: units of the county, sizes, no duplicates, no village inside a town with a quota', () => {
    expect(checkQuotas([{ level: 'town', orgId: 1, size: 5 }], villages, towns).ok).toBe(true);
    const cases: [Parameters<typeof checkQuotas>[0], string][] = [
      [[], 'quotas'],
      [[{ level: 'town', orgId: 1, size: 0 }], 'quotas[0].size'],
      [[{ level: 'town', orgId: 9, size: 5 }], 'quotas[0].orgId'],
      [[{ level: 'village', orgId: 1, size: 5 }], 'quotas[0].orgId'],
      [
        [
          { level: 'town', orgId: 1, size: 5 },
          { level: 'town', orgId: 1, size: 6 },
        ],
        'quotas[1].orgId',
      ],
      [
        [
          { level: 'village', orgId: 11, size: 5 },
          { level: 'town', orgId: 1, size: 6 },
        ],
        'quotas[0].orgId',
      ],
    ];
    for (const [quotas, field] of cases) {
      const r = checkQuotas(quotas, villages, towns);
      expect(r.ok ? null : r.error.field).toBe(field);
    }
  });
});

describe('the round lifecycle 草稿 → 抽样 → 发放中 → 已结束', () => {
  it.each([
    ['draft', 'edit', 'draft'],
    ['draft', 'draw', 'sampling'],
    ['sampling', 'draw', 'sampling'],
    ['sampling', 'edit', 'sampling'],
    ['sampling', 'start', 'distributing'],
    ['distributing', 'close', 'closed'],
  ] as const)('%s + %s → %s', (state, action, next) => {
    expect(roundTransition(state, action, { sampled: 3 })).toEqual({ ok: true, value: next });
  });

  it.each([
    ['draft', 'start'],
    ['draft', 'close'],
    ['sampling', 'close'],
    ['distributing', 'edit'],
    ['distributing', 'draw'],
    ['closed', 'close'],
    ['closed', 'edit'],
  ] as const)('%s refuses %s, naming the state', (state, action) => {
    const r = roundTransition(state, action, { sampled: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/民调当前状态为“/);
  });

  it('distribution needs a sample', () => {
    expect(roundTransition('sampling', 'start', { sampled: 0 }).ok).toBe(false);
  });

  it('lists what may be done in each state', () => {
    expect(allowedRoundActions('draft')).toEqual(['edit', 'draw']);
    expect(allowedRoundActions('closed')).toEqual([]);
  });
});

describe('call outcomes', () => {
  it('未接 retries until the attempts run out; 接通 and 拒访 end; nothing after the end', () => {
    expect(afterCall('pending', 0, 'no_answer')).toEqual({ ok: true, value: { state: 'pending', attempts: 1 } });
    expect(afterCall('pending', MAX_CALL_ATTEMPTS - 1, 'no_answer')).toEqual({
      ok: true,
      value: { state: 'unreachable', attempts: MAX_CALL_ATTEMPTS },
    });
    expect(afterCall('pending', 1, 'answered')).toEqual({ ok: true, value: { state: 'answered', attempts: 2 } });
    expect(afterCall('pending', 0, 'refused')).toEqual({ ok: true, value: { state: 'refused', attempts: 1 } });
    expect(afterCall('answered', 1, 'no_answer').ok).toBe(false);
  });
});

describe('results per unit', () => {
  const q: Questionnaire = questionnaire;
  const answer = (townId: number, villageId: number, safe: number, worry: string) => ({
    townId,
    villageId,
    answers: { safe, worry },
  });
  const samples = [
    ...[5, 5, 4, 4, 4, 3, 2, 5, 4, 5].map((s, i) => answer(1, 11, s, i < 6 ? '诈骗' : '盗窃')),
    ...[5, 4].map((s) => answer(2, 21, s, '交通')),
  ];

  it('counts, shares with Wilson intervals, scale means with t intervals, the satisfaction score', () => {
    const r = roundResults(q, samples);
    expect(r.county.n).toBe(12);
    expect(r.towns.map((t) => [t.orgId, t.n])).toEqual([
      [1, 10],
      [2, 2],
    ]);
    const town1 = r.towns[0];
    const safe = town1?.questions.find((x) => x.key === 'safe');
    expect(safe?.mean).toBeCloseTo(4.1, 6);
    expect(safe?.distribution).toEqual([0, 1, 1, 4, 4]);
    // 8 of 10 answered 4–5: Wilson [0.4902, 0.9433]
    expect(town1?.score?.count).toBe(8);
    expect(town1?.score?.ci?.low).toBeCloseTo(0.4902, 4);
    expect(town1?.score?.ci?.high).toBeCloseTo(0.9433, 4);
    const worry = town1?.questions.find((x) => x.key === 'worry');
    expect(worry?.options?.map((o) => [o.option, o.count])).toEqual([
      ['盗窃', 4],
      ['诈骗', 6],
      ['交通', 0],
    ]);
    expect(r.villages.map((v) => [v.orgId, v.townId, v.n])).toEqual([
      [11, 1, 10],
      [21, 2, 2],
    ]);
  });

  it('gives the assessment each town’s counts on the score question: answered, of which 4–5', () => {
    expect(townScoreCounts(q, samples)).toEqual([
      { townId: 1, answered: 10, satisfied: 8 },
      { townId: 2, answered: 2, satisfied: 2 },
    ]);
    expect(townScoreCounts({ ...q, questions: q.questions.filter((x) => x.type !== 'scale') }, samples)).toEqual([]);
  });
});
