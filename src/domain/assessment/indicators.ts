// The assessment indicators (接诉即办 三率 and the usual 督导考核 measures) as functions of a unit's facts,
// each with the formula shown on the page, and the composite score with administrator-kept weights.
import type { Facts } from './facts.js';

export const INDICATOR_KEYS = [
  'signOnTimeRate',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeCloseRate',
  'returnRate',
  'overdueCount',
  'reopenRate',
  'supervisedCount',
  'taskOnTimeRate',
  'screeningOnTimeRate',
  'surveySatisfactionRate',
  'disputeSuccessRate',
  'disputeResolutionRate',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: string;
  /** The formula as shown on the page. */
  formula: string;
  kind: 'rate' | 'count';
  /** Whether a higher value is better (returns, overdue, reopened and supervised are worse when higher). */
  higherIsBetter: boolean;
  /** Default weight in the composite score (administrators change it). */
  defaultWeight: number;
  value: (f: Facts) => number | null;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'signOnTimeRate',
    name: '签收及时率',
    formula: '按时签收（受理）数 ÷ 应签收数；应签收数 = 本期按时签收数 + 本期签收时限届满仍未签收数',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.signOnTime, f.signDue),
  },
  {
    key: 'responseRate',
    name: '响应率',
    formula: '在答复时限内答复群众的件数 ÷ 应答复件数；应答复件数 = 本期按时答复数 + 本期答复时限届满仍未答复数',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 15,
    value: (f) => ratio(f.replyOnTime, f.replyDue),
  },
  {
    key: 'resolutionRate',
    name: '解决率',
    formula: '已解决件数 ÷ 参评件数；参评 = 本期回访、评价或回访期满办结的答复，评价“不满意”为未解决',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 20,
    value: (f) => ratio(f.resolved, f.settled),
  },
  {
    key: 'satisfactionRate',
    name: '满意率',
    formula: '（满意 + 基本满意）件数 ÷ 本期评价件数',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 20,
    value: (f) => ratio(f.satisfied, f.rated),
  },
  {
    key: 'onTimeCloseRate',
    name: '按期办结率',
    formula: '本期办结且此前没有任何时限超期的件数 ÷ 本期办结件数',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 15,
    value: (f) => ratio(f.closedOnTime, f.closed),
  },
  {
    key: 'returnRate',
    name: '退单率',
    formula: '本期退单次数 ÷ 本期派遣次数',
    kind: 'rate',
    higherIsBetter: false,
    defaultWeight: 5,
    value: (f) => ratio(f.returned, f.dispatched),
  },
  {
    key: 'overdueCount',
    name: '超期件数',
    formula: '本期有时限届满（超期）的案件数，每件每月计一次',
    kind: 'count',
    higherIsBetter: false,
    defaultWeight: 5,
    value: (f) => f.overdue,
  },
  {
    key: 'reopenRate',
    name: '重办率',
    formula: '本期重办次数（不满意或申诉成立）÷ 本期答复件数',
    kind: 'rate',
    higherIsBetter: false,
    defaultWeight: 5,
    value: (f) => ratio(f.reopened, f.replies),
  },
  {
    key: 'supervisedCount',
    name: '督办件数',
    formula: '本期被督办（人工督办或超期自动督办）的案件数，每件每月计一次',
    kind: 'count',
    higherIsBetter: false,
    defaultWeight: 5,
    value: (f) => f.supervised,
  },
  {
    key: 'taskOnTimeRate',
    name: '任务按期完成率',
    formula:
      '按期完成的任务数 ÷ 应完成任务数；应完成 = 本期在时限内办结的任务 + 本期时限届满仍未办结的任务（会议决定、专班、项目节点等交办任务，按责任单位计，每件计一次；排查任务计入排查完成率）',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.taskOnTime, f.taskDue),
  },
  {
    key: 'screeningOnTimeRate',
    name: '排查完成率',
    formula:
      '按时完成的排查任务数 ÷ 应排查任务数；应排查 = 本期按时填报排查记录的任务 + 本期截止仍未排查的任务（网格每日、村社每周、镇街半月、县级每月，按排查单位计，每期一次）',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.screeningOnTime, f.screeningDue),
  },
  {
    key: 'surveySatisfactionRate',
    name: '群众满意度（民调）',
    formula:
      '本期结束的民调中，本镇街受访者在得分题答 4 分或 5 分的人数 ÷ 该题作答人数（智慧民调；各轮置信区间见民调结果页）',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.surveySatisfied, f.surveyAnswered),
  },
  {
    key: 'disputeSuccessRate',
    name: '调解成功率',
    formula:
      '本期调解终结的矛盾纠纷中，调解成功（协议已签署）数 ÷（调解成功数 + 调解不成数）；按终结时间计入本辖区（网格、村社区、镇街）',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.disputeSucceeded, f.disputeConcluded),
  },
  {
    key: 'disputeResolutionRate',
    name: '矛盾纠纷化解率',
    formula:
      '本期登记并受理的矛盾纠纷中，已化解数 ÷ 受理数；已化解 = 调解协议已签署且回访未发现不履行（按登记时间统计，之后化解的仍计入登记月）',
    kind: 'rate',
    higherIsBetter: true,
    defaultWeight: 10,
    value: (f) => ratio(f.disputeResolved, f.disputeAccepted),
  },
];

/** The weight of the towns' rating in a department's final score, in percent (基层考核上级部门). */
export const TOWN_RATING_WEIGHT_KEY = 'townRating';
export const DEFAULT_TOWN_RATING_WEIGHT = 20;

export const COMPOSITE_FORMULA =
  '综合得分 = Σ(指标得分 × 权重) ÷ Σ权重（只计本期有数据的指标；没有任何比率类数据的单位不参加排名）；比率类指标得分 = 比率 × 100（退单率、重办率为 (1 − 比率) × 100）；' +
  '件数类指标得分 = 100 × (同类单位最大值 − 本单位件数) ÷ (最大值 − 最小值)，全部相同时为 100。' +
  '职能部门：最终得分 = 综合得分 × (1 − 镇街评价权重) + 镇街评价得分 × 镇街评价权重（本期无镇街评价时为综合得分）。';

export type IndicatorValues = Record<IndicatorKey, number | null>;
export type Weights = Record<IndicatorKey, number>;

export function defaultWeights(): Weights {
  return Object.fromEntries(INDICATORS.map((i) => [i.key, i.defaultWeight])) as Weights;
}

export function indicatorValues(facts: Facts): IndicatorValues {
  return Object.fromEntries(INDICATORS.map((i) => [i.key, i.value(facts)])) as IndicatorValues;
}

/** Scores 0–100 per indicator for one unit among its peers (counts are scored against the peers' range). */
export function indicatorScores(values: IndicatorValues, peers: readonly IndicatorValues[]): IndicatorValues {
  const scores = {} as IndicatorValues;
  for (const def of INDICATORS) {
    const v = values[def.key];
    if (v === null) {
      scores[def.key] = null;
    } else if (def.kind === 'rate') {
      scores[def.key] = 100 * (def.higherIsBetter ? v : 1 - v);
    } else {
      const all = peers.map((p) => p[def.key]).filter((x): x is number => x !== null);
      const max = Math.max(v, ...all);
      const min = Math.min(v, ...all);
      scores[def.key] = max === min ? 100 : (100 * (max - v)) / (max - min);
    }
  }
  return scores;
}

/**
 * Weighted mean of the scores that have data; null when no rate has data (a unit with nothing to assess this
 * period is not ranked, even though its counts are zero).
 */
export function compositeScore(scores: IndicatorValues, weights: Weights): number | null {
  if (!INDICATORS.some((d) => d.kind === 'rate' && scores[d.key] !== null)) return null;
  let sum = 0;
  let total = 0;
  for (const def of INDICATORS) {
    const s = scores[def.key];
    const w = weights[def.key] ?? 0;
    if (s === null || w <= 0) continue;
    sum += s * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** A department's final score: the indicator composite joined with the towns' rating (percent weight). */
export function withTownRating(
  composite: number | null,
  townRating: number | null,
  weightPercent: number,
): number | null {
  if (townRating === null) return composite;
  if (composite === null) return townRating;
  const w = Math.min(100, Math.max(0, weightPercent)) / 100;
  return composite * (1 - w) + townRating * w;
}

export type Trend = 'up' | 'down' | 'same' | 'new';

export interface RankInput {
  unitId: number;
  score: number | null;
}

export interface Ranked {
  unitId: number;
  score: number | null;
  /** Competition ranking (1, 2, 2, 4); units without data come last, unranked (null). */
  rank: number | null;
  previousRank: number | null;
  /** Rank movement against the previous period: up means a better (smaller) rank. */
  trend: Trend;
  scoreChange: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function ranksOf(items: readonly RankInput[]): Map<number, number | null> {
  const sorted = [...items].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unitId - b.unitId);
  const ranks = new Map<number, number | null>();
  let prevScore: number | null = null;
  let prevRank = 0;
  sorted.forEach((item, i) => {
    if (item.score === null) {
      ranks.set(item.unitId, null);
      return;
    }
    const score = round2(item.score);
    const rank = prevScore !== null && score === prevScore ? prevRank : i + 1;
    ranks.set(item.unitId, rank);
    prevScore = score;
    prevRank = rank;
  });
  return ranks;
}

/** Ranks units by score (ties, rounded to 0.01, share a rank) with trends against the previous period. */
export function rankUnits(current: readonly RankInput[], previous: readonly RankInput[]): Ranked[] {
  const now = ranksOf(current);
  const before = ranksOf(previous);
  const previousScore = new Map(previous.map((p) => [p.unitId, p.score]));
  return [...current]
    .map((item) => {
      const rank = now.get(item.unitId) ?? null;
      const previousRank = before.get(item.unitId) ?? null;
      let trend: Trend = 'new';
      if (rank !== null && previousRank !== null) {
        trend = rank < previousRank ? 'up' : rank > previousRank ? 'down' : 'same';
      }
      const ps = previousScore.get(item.unitId) ?? null;
      return {
        unitId: item.unitId,
        score: item.score,
        rank,
        previousRank,
        trend,
        scoreChange: item.score !== null && ps !== null ? item.score - ps : null,
      };
    })
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.unitId - b.unitId);
}
