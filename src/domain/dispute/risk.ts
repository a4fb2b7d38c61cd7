// The risk level of a dispute (一般 / 较大 / 重大) from its facts. The rule, strongest first:
//   重大 major   — 30 or more people involved (群体性), a threat of violence (可能民转刑), a threat of petitioning
//                  beyond the proper level (越级上访 / 集体访), or 1,000,000 yuan or more at stake;
//   较大 serious — 10 or more people, 100,000 yuan or more, or a land-acquisition / demolition dispute (征地拆迁);
//   一般 general — everything else.
// Staff may set a higher level than the rule gives (never a lower one): they know the parties.
import type { RiskLevel } from './types.js';

export interface RiskFacts {
  readonly peopleInvolved: number;
  /** Amount at stake in yuan (0 when none). */
  readonly amount: number;
  readonly threatOfViolence: boolean;
  readonly threatOfPetition: boolean;
  readonly typeCode: string;
}

export type RiskReason =
  | 'people_30'
  | 'violence'
  | 'petition'
  | 'amount_1m'
  | 'people_10'
  | 'amount_100k'
  | 'sensitive_type'
  | 'raised_by_staff';

export const RISK_REASON_LABELS: Record<RiskReason, string> = {
  people_30: '涉及 30 人以上',
  violence: '有暴力倾向或民转刑风险',
  petition: '有越级上访、集体上访苗头',
  amount_1m: '涉及金额 100 万元以上',
  people_10: '涉及 10 人以上',
  amount_100k: '涉及金额 10 万元以上',
  sensitive_type: '征地拆迁类纠纷',
  raised_by_staff: '登记人员提高风险等级',
};

export const MAJOR_PEOPLE = 30;
export const SERIOUS_PEOPLE = 10;
export const MAJOR_AMOUNT = 1_000_000;
export const SERIOUS_AMOUNT = 100_000;
/** Dispute types that are at least 较大 whatever their size. */
export const SENSITIVE_TYPES: readonly string[] = ['land_acquisition'];

const RANK: Record<RiskLevel, number> = { general: 0, serious: 1, major: 2 };

export function riskRank(level: RiskLevel): number {
  return RANK[level];
}

export interface RiskAssessment {
  readonly level: RiskLevel;
  /** Every rule that applies (of the level found and below), for the record. */
  readonly reasons: readonly RiskReason[];
}

export function assessRisk(facts: RiskFacts): RiskAssessment {
  const major: RiskReason[] = [];
  if (facts.peopleInvolved >= MAJOR_PEOPLE) major.push('people_30');
  if (facts.threatOfViolence) major.push('violence');
  if (facts.threatOfPetition) major.push('petition');
  if (facts.amount >= MAJOR_AMOUNT) major.push('amount_1m');
  const serious: RiskReason[] = [];
  if (facts.peopleInvolved >= SERIOUS_PEOPLE && facts.peopleInvolved < MAJOR_PEOPLE) serious.push('people_10');
  if (facts.amount >= SERIOUS_AMOUNT && facts.amount < MAJOR_AMOUNT) serious.push('amount_100k');
  if (SENSITIVE_TYPES.includes(facts.typeCode)) serious.push('sensitive_type');
  if (major.length > 0) return { level: 'major', reasons: [...major, ...serious] };
  if (serious.length > 0) return { level: 'serious', reasons: serious };
  return { level: 'general', reasons: [] };
}

/**
 * The level to record: the rule's, or a higher one chosen by staff. A lower one is refused (null), so a
 * dispute the rule calls 重大 always reaches the town and county.
 */
export function effectiveRisk(rule: RiskAssessment, chosen: RiskLevel | undefined): RiskAssessment | null {
  if (!chosen || chosen === rule.level) return rule;
  if (RANK[chosen] < RANK[rule.level]) return null;
  return { level: chosen, reasons: [...rule.reasons, 'raised_by_staff'] };
}
