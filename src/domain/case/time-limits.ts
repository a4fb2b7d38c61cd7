// Time limits per category × urgency × stage, as administrators configure them. The machine asks a
// TimeLimitPolicy and never stores the table itself.
import type { DurationUnit } from '../calendar/index.js';
import type { DeadlineKind, Urgency } from './types.js';

/** Every clock kind is a stage with a limit, plus the window in which a closed case may be appealed. */
export type TimeLimitStage = DeadlineKind | 'appeal_window';

export interface TimeLimit {
  readonly amount: number;
  readonly unit: DurationUnit;
  /** Share of the limit after which the clock turns yellow, 0..1. */
  readonly warnAtShare: number;
}

export interface TimeLimitQuery {
  readonly categoryId: string;
  readonly urgency: Urgency;
  readonly stage: TimeLimitStage;
}

export type TimeLimitPolicy = (query: TimeLimitQuery) => TimeLimit;

export interface TimeLimitRule {
  readonly stage: TimeLimitStage;
  readonly categoryId?: string;
  readonly urgency?: Urgency;
  readonly limit: TimeLimit;
}

/**
 * A policy from a list of rules: the most specific rule wins (category and urgency, then category, then
 * urgency, then the stage default). A stage without any rule is a configuration error.
 */
export function timeLimitTable(rules: readonly TimeLimitRule[]): TimeLimitPolicy {
  for (const rule of rules) {
    const { amount, warnAtShare } = rule.limit;
    if (!(amount > 0) || !(warnAtShare >= 0 && warnAtShare <= 1)) {
      throw new RangeError(`time limit for ${rule.stage}: amount must be > 0 and warnAtShare within 0..1`);
    }
  }
  const score = (rule: TimeLimitRule) => (rule.categoryId ? 2 : 0) + (rule.urgency ? 1 : 0);
  return (query) => {
    let best: TimeLimitRule | undefined;
    for (const rule of rules) {
      if (rule.stage !== query.stage) continue;
      if (rule.categoryId !== undefined && rule.categoryId !== query.categoryId) continue;
      if (rule.urgency !== undefined && rule.urgency !== query.urgency) continue;
      if (!best || score(rule) > score(best)) best = rule;
    }
    if (!best) throw new RangeError(`no time limit configured for stage ${query.stage}`);
    return best.limit;
  };
}
