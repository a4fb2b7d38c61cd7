// A round's results per unit (the county, each town, each village) and per question: the number of answers,
// the share choosing each option or the mean of a scale, each with its 95 % interval (intervals.ts says which
// and why); and the satisfaction score — the share answering 4 or 5 on the score question — that feeds
// assessment.
import { type Interval, meanInterval, wilsonInterval } from './intervals.js';
import { scoreQuestion } from './questionnaire.js';
import type { Answers, Questionnaire, QuestionType } from './types.js';

export interface AnsweredSample {
  townId: number;
  villageId: number;
  answers: Answers;
}

export interface ShareEstimate {
  option: string;
  count: number;
  share: number;
  ci: Interval | null;
}

export interface QuestionResult {
  key: string;
  type: QuestionType;
  title: string;
  /** people who answered this question */
  n: number;
  options?: ShareEstimate[];
  mean?: number | null;
  meanCi?: Interval | null;
  /** scale: how many chose 1, 2, 3, 4, 5 */
  distribution?: number[];
  /** scale: the share answering 4 or 5 */
  satisfied?: ShareEstimate;
}

export interface UnitResult {
  /** answers of the unit */
  n: number;
  /** the satisfaction score: share of 4–5 on the score question, with its interval; null without one */
  score: ShareEstimate | null;
  questions: QuestionResult[];
}

function share(option: string, count: number, n: number): ShareEstimate {
  return { option, count, share: n > 0 ? count / n : 0, ci: wilsonInterval(count, n) };
}

export function unitResult(q: Questionnaire, samples: readonly AnsweredSample[]): UnitResult {
  const questions: QuestionResult[] = q.questions.map((question) => {
    const values = samples.map((s) => s.answers[question.key]).filter((v) => v !== undefined);
    const n = values.length;
    const base = { key: question.key, type: question.type, title: question.title, n };
    switch (question.type) {
      case 'single':
      case 'multi':
        return {
          ...base,
          options: (question.options ?? []).map((o) =>
            share(o, values.filter((v) => v === o || (Array.isArray(v) && v.includes(o))).length, n),
          ),
        };
      case 'scale': {
        const scores = values.filter((v): v is number => typeof v === 'number');
        const estimate = meanInterval(scores);
        return {
          ...base,
          mean: estimate.mean,
          meanCi: estimate.ci,
          distribution: [1, 2, 3, 4, 5].map((k) => scores.filter((s) => s === k).length),
          satisfied: share('4–5 分', scores.filter((s) => s >= 4).length, scores.length),
        };
      }
      default:
        return base; // text: the count only
    }
  });
  const scoreKey = scoreQuestion(q)?.key;
  const scored = questions.find((r) => r.key === scoreKey);
  return { n: samples.length, score: scored?.satisfied && scored.n > 0 ? scored.satisfied : null, questions };
}

export interface RoundResults {
  county: UnitResult;
  towns: (UnitResult & { orgId: number })[];
  villages: (UnitResult & { orgId: number; townId: number })[];
}

/** The county's, each town's and each village's results (units without an answer are left out). */
export function roundResults(q: Questionnaire, samples: readonly AnsweredSample[]): RoundResults {
  const by = <K extends number>(key: (s: AnsweredSample) => K) => {
    const groups = new Map<K, AnsweredSample[]>();
    for (const s of samples) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
    return [...groups.entries()].sort(([a], [b]) => a - b);
  };
  return {
    county: unitResult(q, samples),
    towns: by((s) => s.townId).map(([orgId, group]) => ({ orgId, ...unitResult(q, group) })),
    villages: by((s) => s.villageId).map(([orgId, group]) => ({
      orgId,
      townId: (group[0] as AnsweredSample).townId,
      ...unitResult(q, group),
    })),
  };
}

/**
 * What a closed round gives the assessment (群众满意度（民调）) per town: the answers to the score question and how
 * many of them were 4 or 5. Counts, not shares, so that a month's facts add up like the other indicators'.
 */
export function townScoreCounts(
  q: Questionnaire,
  samples: readonly AnsweredSample[],
): { townId: number; answered: number; satisfied: number }[] {
  const key = scoreQuestion(q)?.key;
  if (!key) return [];
  return roundResults(q, samples).towns.flatMap((t) => {
    const r = t.questions.find((x) => x.key === key);
    const answered = (r?.distribution ?? []).reduce((a, b) => a + b, 0);
    return r?.satisfied && answered > 0 ? [{ townId: t.orgId, answered, satisfied: r.satisfied.count }] : [];
  });
}
