import { describe, expect, it } from 'vitest';
import { readMessages } from '../../db/seed/datasets.js';
import { documentVector, searchDocument } from '../analysis/index.js';
import { jiebaSegmenter } from '../text/index.js';
import {
  beforeAfter,
  clusterProblems,
  matchesTopic,
  monthlyVolume,
  monthsBetween,
  type ProblemCase,
  rankProposals,
  representative,
  signatureOf,
  trendOf,
} from './index.js';

const seg = jiebaSegmenter();
const vectorOf = (text: string) => documentVector(searchDocument([text], seg));

// Generated month data: the real messages of the datasets spread over four months, towns and villages by a
// fixed rule, with a planted problem — a building's lift, told in different words — in one village of one town,
// ten times this month and once in each earlier month.
const LIFT = [
  '幸福小区3号楼电梯又坏了，老人被困在电梯里半个小时',
  '幸福小区三号楼电梯经常故障停运，老人上下楼很困难',
  '反映幸福小区3号楼的电梯频繁出故障，昨天又困人了，物业不管',
  '幸福小区电梯坏了好几天没人修，住高层的老人出不了门',
  '3号楼电梯故障，物业拖着不维修，请督促电梯维保单位尽快处理',
  '小区电梯今天再次停运困人，要求物业和维保公司彻底检修电梯',
  '我家住幸福小区3号楼18层，电梯三天两头坏，希望有关部门管一管',
  '幸福小区3号楼电梯异响后停运，存在安全隐患，请检查',
  '电梯故障困人，幸福小区物业电话打不通，请尽快派人维修',
  '幸福小区的电梯年久失修经常停，居民联名要求更换电梯',
];
const MONTHS = ['2026-02', '2026-03', '2026-04', '2026-05'];
const at = (month: string, day: number) => new Date(`${month}-${String(day).padStart(2, '0')}T10:00:00+08:00`);
const LIFT_VILLAGE = 107;
const LIFT_TOWN = 2;
const LIFT_CATEGORY = 31;

type MonthCase = ProblemCase & { reportedAt: Date; text: string };

function generated(): MonthCase[] {
  const messages = readMessages();
  const out: MonthCase[] = messages.map((m, i) => {
    const town = (i % 4) + 1;
    return {
      id: i + 1,
      text: m.title,
      vector: vectorOf(`${m.title}。${m.body.slice(0, 2000)}`),
      categoryId: 10 + (i % 7),
      townId: town,
      villageId: town * 100 + (i % 9),
      gridId: null,
      lat: null,
      lng: null,
      reportedAt: at(MONTHS[i % 4] as string, 1 + (i % 27)),
    };
  });
  for (const [i, text] of LIFT.entries()) {
    out.push({
      id: 10_000 + i,
      text,
      vector: vectorOf(text),
      categoryId: i === 3 ? null : LIFT_CATEGORY,
      townId: LIFT_TOWN,
      villageId: LIFT_VILLAGE,
      gridId: null,
      lat: null,
      lng: null,
      reportedAt: at('2026-05', 2 + i),
    });
  }
  for (const [i, month] of ['2026-02', '2026-03', '2026-04'].entries()) {
    out.push({
      id: 20_000 + i,
      text: LIFT[i] as string,
      vector: vectorOf(LIFT[(i * 3) % LIFT.length] as string),
      categoryId: LIFT_CATEGORY,
      townId: LIFT_TOWN,
      villageId: LIFT_VILLAGE,
      gridId: null,
      lat: null,
      lng: null,
      reportedAt: at(month, 12),
    });
  }
  return out;
}

const all = generated();
const ofMonth = (month: string) => all.filter((c) => inMonth(c, month));
const inMonth = (c: MonthCase, month: string) =>
  new Date(c.reportedAt.getTime() + 8 * 3600_000).toISOString().startsWith(month);

/** The whole proposal pipeline as the module runs it: cluster this month, signature, series, rank. */
function proposalsFor(cases: MonthCase[], history: MonthCase[]) {
  const { clusters, idf } = clusterProblems(cases);
  const byId = new Map(cases.map((c) => [c.id, c]));
  return rankProposals(
    clusters.map((cl) => {
      const members = cl.caseIds.map((id) => byId.get(id) as MonthCase);
      const signature = signatureOf(members, idf);
      const series = monthlyVolume(signature, history, MONTHS);
      return { key: String(cl.caseIds[0]), members, signature, series, trend: trendOf(series) };
    }),
  );
}

describe('the problems of the month', () => {
  const month = ofMonth('2026-05');
  const proposals = proposalsFor(month, all);

  it('finds the planted problem as one cluster, without unrelated cases', () => {
    const lift = proposals.find((p) => p.members.some((m) => m.id >= 10_000));
    expect(lift).toBeDefined();
    const planted = lift?.members.filter((m) => m.id >= 10_000 && m.id < 20_000) ?? [];
    expect(planted.length).toBeGreaterThanOrEqual(9);
    expect((lift?.members.length ?? 0) - planted.length).toBeLessThanOrEqual(1);
  });

  it('ranks the planted, fastest-growing problem first, with its trend', () => {
    const first = proposals[0];
    expect(first?.members.filter((m) => m.id >= 10_000).length).toBeGreaterThanOrEqual(9);
    // the trend is counted by the signature over every month: once a month before, ten times now
    expect(first?.series.slice(0, 3)).toEqual([1, 1, 1]);
    expect(first?.trend.current).toBeGreaterThanOrEqual(9);
    expect(first?.trend.rising).toBe(true);
    expect(first?.trend.growth).toBeGreaterThan(4);
    // background problems of the real messages exist but do not grow like it
    for (const p of proposals.slice(1)) expect(p.score).toBeLessThan(first?.score ?? 0);
  });

  it('binds the planted problem to its village and category, and names it by a typical case', () => {
    const sig = proposals[0]?.signature;
    expect(sig?.villageIds).toEqual([LIFT_VILLAGE]);
    expect(sig?.categoryIds).toEqual([LIFT_CATEGORY]);
    expect(sig?.terms.map(([t]) => t)).toContain('电梯');
    expect(representative(proposals[0]?.members ?? [], sig as NonNullable<typeof sig>).text).toMatch(/电梯/);
  });
});

describe('a small month (a town of a few dozen cases)', () => {
  it('still finds the planted problem whole and counts every one of its cases', () => {
    const month = ofMonth('2026-05').filter((c) => c.townId === LIFT_TOWN);
    const few = [...month.filter((c) => c.id < 10_000).slice(0, 12), ...month.filter((c) => c.id >= 10_000)];
    const proposals = proposalsFor(few, all);
    expect(proposals[0]?.members.filter((m) => m.id >= 10_000)).toHaveLength(LIFT.length);
    expect(proposals[0]?.series[3]).toBe(LIFT.length);
  });
});

describe('whether a later case is of the topic', () => {
  const month = ofMonth('2026-05');
  const { clusters, idf } = clusterProblems(month);
  const byId = new Map(month.map((c) => [c.id, c]));
  const lift = clusters.find((c) => c.caseIds.includes(10_000));
  const signature = signatureOf(lift?.caseIds.map((id) => byId.get(id) as MonthCase) ?? [], idf);
  const later = (text: string, over: Partial<MonthCase> = {}) => ({
    vector: vectorOf(text),
    categoryId: LIFT_CATEGORY,
    townId: LIFT_TOWN,
    villageId: LIFT_VILLAGE,
    ...over,
  });

  it('recognises the same matter in new words, at its place', () => {
    expect(matchesTopic(signature, later('幸福小区3号楼电梯又停了，物业说维保公司还没来维修'))).toBe(true);
    // an unclassified case is judged by its words and place
    expect(matchesTopic(signature, later('3号楼电梯故障困人，幸福小区物业不管', { categoryId: null }))).toBe(true);
  });

  it('rejects another matter, another village, another category', () => {
    expect(matchesTopic(signature, later('小区门口的路灯坏了一个多月，晚上出行很不方便'))).toBe(false);
    expect(matchesTopic(signature, later('幸福小区3号楼电梯又坏了，老人被困', { villageId: 999 }))).toBe(false);
    expect(matchesTopic(signature, later('幸福小区3号楼电梯又坏了，老人被困', { categoryId: 99 }))).toBe(false);
  });

  it('matches few of the background messages', () => {
    const background = all.filter((c) => c.id < 10_000);
    const wrong = background.filter((c) => matchesTopic({ ...signature, villageIds: [] }, c)).length;
    expect(wrong).toBeLessThanOrEqual(2);
  });
});

describe('trends and the effect of adoption', () => {
  it('a flat series does not rise; a doubling from a base rises', () => {
    expect(trendOf([10, 10, 10, 10])).toMatchObject({ current: 10, previousMean: 10, growth: 1, rising: false });
    expect(trendOf([2, 3, 2, 9]).rising).toBe(true);
    expect(trendOf([0, 0, 0, 2]).rising).toBe(false); // too few cases to call it a trend
  });

  it('ranks by volume raised by growth', () => {
    const ranked = rankProposals([
      { key: 'flat', trend: trendOf([20, 20, 20, 20]) },
      { key: 'rising', trend: trendOf([2, 2, 2, 14]) },
      { key: 'small', trend: trendOf([0, 0, 0, 3]) },
    ]);
    expect(ranked.map((r) => r.key)).toEqual(['rising', 'flat', 'small']);
  });

  it('compares the months before the adoption month with those after it', () => {
    const months = monthsBetween('2025-12', '2026-05');
    expect(months).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const r = beforeAfter(months, [8, 10, 12, 11, 4, 2], '2026-03');
    expect(r).toEqual({ before: 10, after: 3, change: -0.7 });
    expect(beforeAfter(months, [8, 10, 12, 11, 4, 2], '2026-05').after).toBeNull();
  });
});
