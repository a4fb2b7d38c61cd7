// Every way a referral action can be refused, with a stable code and a message for people; and the labels the
// API and the web app show for states, actions, risk levels, sources, session forms and outcomes.
import type { PsychActionType, PsychOutcome, PsychRisk, PsychSource, PsychState, SessionForm } from './types.js';

export const PSYCH_ERRORS = {
  PSYCH_ACTION_NOT_ALLOWED_IN_STATE: '心理服务转介当前状态不允许此操作',
  NOT_AUTHORISED_FOR_PSYCH_ACTION: '只有接收转介的心理服务机构可以执行此操作',
  PSYCH_CONSENT_REQUIRED: '当事人未同意转介，只保留“需关注”标记，不能记录咨询或随访',
  VALIDATION: '操作参数不正确',
} as const;

export type PsychErrorCode = keyof typeof PSYCH_ERRORS;

export interface PsychDomainError {
  readonly code: PsychErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function psychError(
  code: PsychErrorCode,
  details: Record<string, unknown> = {},
  message?: string,
): PsychDomainError {
  return { code, message: message ?? PSYCH_ERRORS[code], details };
}

export const PSYCH_STATE_LABELS: Record<PsychState, string> = {
  referred: '已转介',
  acknowledged: '已接收',
  in_service: '服务中',
  follow_up: '随访',
  closed: '已结案',
  returned: '已退回',
  declined: '不予接收',
};

export const PSYCH_ACTION_LABELS: Record<PsychActionType | 'refer', string> = {
  refer: '转介',
  acknowledge: '接收',
  return: '退回',
  decline: '不予接收',
  recordSession: '咨询记录',
  startFollowUp: '转入随访',
  recordFollowUp: '随访记录',
  close: '结案',
};

export const PSYCH_RISK_LABELS: Record<PsychRisk, string> = { low: '低', medium: '中', high: '高', crisis: '危机' };

export const PSYCH_SOURCE_LABELS: Record<PsychSource, string> = {
  direct: '网格员 / 调解员转介',
  case: '案件转介',
  dispute: '矛盾纠纷转介',
};

export const SESSION_FORM_LABELS: Record<SessionForm, string> = { face_to_face: '面谈', phone: '电话' };

export const PSYCH_OUTCOME_LABELS: Record<PsychOutcome, string> = {
  improved: '状况好转',
  stable: '情绪稳定',
  medical_referral: '转介医疗机构',
  withdrawn: '本人退出服务',
  other: '其他',
};
