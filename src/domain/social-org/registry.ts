// The registry of social organisations as pure rules: the kinds and ratings of the registration authority,
// the incubation stages (孵化 → 培育 → 成熟, one step at a time, never back), the support that may be given,
// and a purchased-service project (政府购买服务): contract, budget, period, deliverables within the period, and
// its evaluation (score → grade).
import { err, ok, type Result } from '../result.js';

export const SOCIAL_ORG_TYPES = ['social_group', 'private_non_enterprise', 'foundation', 'community'] as const;
export type SocialOrgType = (typeof SOCIAL_ORG_TYPES)[number];
export const SOCIAL_ORG_TYPE_LABELS: Readonly<Record<SocialOrgType, string>> = {
  social_group: '社会团体',
  private_non_enterprise: '民办非企业单位',
  foundation: '基金会',
  community: '社区社会组织',
};

export const SOCIAL_ORG_RATINGS = ['none', '1A', '2A', '3A', '4A', '5A'] as const;
export type SocialOrgRating = (typeof SOCIAL_ORG_RATINGS)[number];
export const SOCIAL_ORG_RATING_LABELS: Readonly<Record<SocialOrgRating, string>> = {
  none: '未评估',
  '1A': '1A',
  '2A': '2A',
  '3A': '3A',
  '4A': '4A',
  '5A': '5A',
};

export const INCUBATION_STAGES = ['incubating', 'cultivating', 'mature'] as const;
export type IncubationStage = (typeof INCUBATION_STAGES)[number];
export const INCUBATION_STAGE_LABELS: Readonly<Record<IncubationStage, string>> = {
  incubating: '孵化',
  cultivating: '培育',
  mature: '成熟',
};

export const SUPPORT_KINDS = ['venue', 'funding', 'training', 'guidance', 'other'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_KIND_LABELS: Readonly<Record<SupportKind, string>> = {
  venue: '场地',
  funding: '资金',
  training: '培训',
  guidance: '指导',
  other: '其他',
};

export interface SocialOrgRuleError {
  readonly field: string;
  readonly message: string;
}

const refuse = (field: string, message: string) => err<SocialOrgRuleError>({ field, message });

/** The next stage of incubation: only the one after the current, never back, nothing after 成熟. */
export function advanceStage(
  current: IncubationStage,
  to: IncubationStage,
): Result<IncubationStage, SocialOrgRuleError> {
  const from = INCUBATION_STAGES.indexOf(current);
  const target = INCUBATION_STAGES.indexOf(to);
  if (from === INCUBATION_STAGES.length - 1) return refuse('stage', '该组织已处于成熟阶段');
  if (target !== from + 1) {
    return refuse(
      'stage',
      `当前为“${INCUBATION_STAGE_LABELS[current]}”阶段，只能进入“${INCUBATION_STAGE_LABELS[INCUBATION_STAGES[from + 1] as IncubationStage]}”阶段`,
    );
  }
  return ok(to);
}

/** 统一社会信用代码: 18 characters of digits and capital letters (I, O, S, V, Z excluded). */
export function checkRegistrationNo(value: string): Result<string, SocialOrgRuleError> {
  const v = value.trim().toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)
    ? ok(v)
    : refuse('registrationNo', '登记证号（统一社会信用代码）须为 18 位数字或大写字母');
}

export interface DeliverableInput {
  readonly title: string;
  readonly dueDate: string;
}

export interface ProjectInput {
  readonly name: string;
  readonly contractNo: string;
  readonly budget: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly deliverables: readonly DeliverableInput[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) =>
  DAY.test(v) &&
  !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export function checkProject(input: ProjectInput): Result<ProjectInput, SocialOrgRuleError> {
  const name = input.name.trim();
  if (!name || name.length > 100) return refuse('name', '请填写项目名称（100 字以内）');
  const contractNo = input.contractNo.trim();
  if (!contractNo || contractNo.length > 60) return refuse('contractNo', '请填写合同编号');
  if (!Number.isFinite(input.budget) || input.budget < 0 || input.budget > 1e10)
    return refuse('budget', '预算金额须为不小于 0 的数');
  if (!isDay(input.startsOn)) return refuse('startsOn', '服务开始日期无效');
  if (!isDay(input.endsOn)) return refuse('endsOn', '服务结束日期无效');
  if (input.endsOn < input.startsOn) return refuse('endsOn', '服务结束日期须不早于开始日期');
  if (input.deliverables.length === 0) return refuse('deliverables', '请至少填写一项交付成果');
  if (input.deliverables.length > 20) return refuse('deliverables', '交付成果不超过 20 项');
  const deliverables: DeliverableInput[] = [];
  for (const [i, d] of input.deliverables.entries()) {
    const title = d.title.trim();
    if (!title || title.length > 100) return refuse(`deliverables.${i}.title`, `请填写第 ${i + 1} 项交付成果`);
    if (!isDay(d.dueDate) || d.dueDate < input.startsOn || d.dueDate > input.endsOn) {
      return refuse(`deliverables.${i}.dueDate`, `第 ${i + 1} 项交付成果的期限须在服务期内`);
    }
    deliverables.push({ title, dueDate: d.dueDate });
  }
  return ok({
    name,
    contractNo,
    budget: Math.round(input.budget * 100) / 100,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    deliverables,
  });
}

/** The evaluation's grade from its score (0–100): 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, else 不合格. */
export function evaluationGrade(score: number): Result<string, SocialOrgRuleError> {
  if (!Number.isInteger(score) || score < 0 || score > 100) return refuse('score', '评估得分须为 0–100 的整数');
  return ok(score >= 90 ? '优秀' : score >= 75 ? '良好' : score >= 60 ? '合格' : '不合格');
}
