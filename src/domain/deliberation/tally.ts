// The count of a secret ballot. A station sets its quorum (最低参与率: the share of the village's eligible
// residents who must vote) and its pass threshold (通过比例: the share of ballots cast the winning option must
// exceed). With the standard options 同意 / 反对 / 弃权 the topic passes when 同意 exceeds the threshold of all
// ballots cast (abstentions count as cast, not as 同意); with custom options the option with the most ballots
// wins when it is alone at the top and exceeds the threshold. Without the quorum nothing passes.
import { err, ok, type Result } from '../result.js';
import { type DeliberationDomainError, deliberationError } from './errors.js';

export const STANDARD_OPTIONS = ['同意', '反对', '弃权'] as const;
export const MAX_OPTIONS = 10;

export interface VoteRule {
  /** 0–100: ballots cast × 100 must reach quorumPercent × eligible. */
  readonly quorumPercent: number;
  /** 1–99: the winning option's ballots × 100 must exceed passPercent × ballots cast (50: 过半数). */
  readonly passPercent: number;
}

export const DEFAULT_VOTE_RULE: VoteRule = { quorumPercent: 50, passPercent: 50 };

export interface Tally {
  readonly counts: Readonly<Record<string, number>>;
  /** Valid ballots (a ballot naming no option of the topic is not counted). */
  readonly cast: number;
  readonly eligible: number;
  /** cast / eligible in percent, one decimal (0 when nobody is eligible). */
  readonly turnoutPercent: number;
  readonly quorumMet: boolean;
  readonly passed: boolean;
  /** 同意 when a standard ballot passed, the winning option of a custom one, otherwise null. */
  readonly winner: string | null;
}

export function isStandard(options: readonly string[]): boolean {
  return options.length === STANDARD_OPTIONS.length && STANDARD_OPTIONS.every((o, i) => options[i] === o);
}

/** A topic's options as given (or the standard three), checked: 2–10 distinct, non-empty, ≤ 20 characters. */
export function checkOptions(options: readonly string[] | undefined): Result<string[], DeliberationDomainError> {
  if (!options || options.length === 0) return ok([...STANDARD_OPTIONS]);
  const trimmed = options.map((o) => o.trim());
  if (trimmed.length < 2 || trimmed.length > MAX_OPTIONS) {
    return err(deliberationError('VALIDATION', { field: 'options' }, `表决选项须为 2 至 ${MAX_OPTIONS} 个`));
  }
  if (trimmed.some((o) => !o || o.length > 20)) {
    return err(deliberationError('VALIDATION', { field: 'options' }, '表决选项不能为空，且每项不超过 20 字'));
  }
  if (new Set(trimmed).size !== trimmed.length) {
    return err(deliberationError('VALIDATION', { field: 'options' }, '表决选项不能重复'));
  }
  return ok(trimmed);
}

export function checkVoteRule(rule: VoteRule): Result<VoteRule, DeliberationDomainError> {
  const { quorumPercent: q, passPercent: p } = rule;
  if (!Number.isInteger(q) || q < 0 || q > 100) {
    return err(deliberationError('VALIDATION', { field: 'quorumPercent' }, '最低参与率须为 0 至 100 的整数'));
  }
  if (!Number.isInteger(p) || p < 1 || p > 99) {
    return err(deliberationError('VALIDATION', { field: 'passPercent' }, '通过比例须为 1 至 99 的整数'));
  }
  return ok(rule);
}

export function tally(options: readonly string[], ballots: readonly string[], eligible: number, rule: VoteRule): Tally {
  const counts: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  let cast = 0;
  for (const choice of ballots) {
    if (Object.hasOwn(counts, choice)) {
      counts[choice] = (counts[choice] ?? 0) + 1;
      cast++;
    }
  }
  const electorate = Math.max(eligible, 0);
  const quorumMet = cast > 0 && cast * 100 >= rule.quorumPercent * electorate;
  const exceeds = (n: number) => n * 100 > rule.passPercent * cast;
  let winner: string | null = null;
  if (isStandard(options)) {
    const agree = counts[STANDARD_OPTIONS[0]] ?? 0;
    if (quorumMet && exceeds(agree)) winner = STANDARD_OPTIONS[0];
  } else {
    const top = Math.max(0, ...options.map((o) => counts[o] ?? 0));
    const leaders = options.filter((o) => counts[o] === top);
    if (quorumMet && leaders.length === 1 && exceeds(top)) winner = leaders[0] ?? null;
  }
  return {
    counts,
    cast,
    eligible: electorate,
    turnoutPercent: electorate === 0 ? 0 : Math.round((cast * 1000) / electorate) / 10,
    quorumMet,
    passed: winner !== null,
    winner,
  };
}
