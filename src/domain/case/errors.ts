// Every way a case action can be refused, with a stable code and a message for people (Chinese first).
// The case module maps these onto API errors (status codes live there, not in the domain).
import type { CaseActionType, CaseState } from './types.js';

export const CASE_ERRORS = {
  ACTION_NOT_ALLOWED_IN_STATE: '案件当前状态不允许此操作',
  ACTION_NOT_ALLOWED_AT_LEVEL: '案件所在层级不允许此操作',
  NOT_AUTHORISED_FOR_ACTION: '您所在单位无权对该案件执行此操作',
  VALIDATION: '操作参数不正确',
  DEADLINE_NOT_OVERDUE: '该时限尚未超期或已处理',
  CALLBACK_PENDING: '尚未回访满意，且回访期限未到，不能办结',
  APPEAL_WINDOW_CLOSED: '已超过申诉期限',
  APPEAL_WINDOW_OPEN: '申诉期限未满，暂不能归档',
  TIME_WENT_BACKWARDS: '操作时间早于案件最近一次变更',
} as const;

export type CaseErrorCode = keyof typeof CASE_ERRORS;

export interface DomainError {
  readonly code: CaseErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function domainError(code: CaseErrorCode, details: Record<string, unknown> = {}, message?: string): DomainError {
  return { code, message: message ?? CASE_ERRORS[code], details };
}

export function notAllowedInState(
  action: CaseActionType,
  state: CaseState,
  allowed: readonly CaseState[],
): DomainError {
  return domainError('ACTION_NOT_ALLOWED_IN_STATE', { action, state, allowedIn: allowed });
}

export function notAuthorised(action: CaseActionType, needs: string): DomainError {
  return domainError('NOT_AUTHORISED_FOR_ACTION', { action, needs });
}

export function invalid(field: string, reason: string): DomainError {
  return domainError('VALIDATION', { field, reason }, `${CASE_ERRORS.VALIDATION}：${reason}`);
}
