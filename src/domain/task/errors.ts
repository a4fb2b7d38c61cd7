// Every way a task action can be refused, with a stable code and a message for people.
import type { TaskActionType, TaskState } from './types.js';

export const TASK_ERRORS = {
  TASK_ACTION_NOT_ALLOWED_IN_STATE: '任务当前状态不允许此操作',
  NOT_AUTHORISED_FOR_TASK_ACTION: '您所在单位无权对该任务执行此操作',
  VALIDATION: '操作参数不正确',
} as const;

export type TaskErrorCode = keyof typeof TASK_ERRORS;

export interface TaskDomainError {
  readonly code: TaskErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function taskError(
  code: TaskErrorCode,
  details: Record<string, unknown> = {},
  message?: string,
): TaskDomainError {
  return { code, message: message ?? TASK_ERRORS[code], details };
}

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  pending_sign: '待签收',
  in_progress: '办理中',
  overdue: '已逾期',
  done: '已完成',
  cancelled: '已取消',
};

export const TASK_ACTION_LABELS: Record<TaskActionType | 'create', string> = {
  create: '交办',
  sign: '签收',
  progress: '报告进展',
  complete: '办结',
  cancel: '取消',
  extend: '调整期限',
  urge: '催办',
  escalateOverdue: '逾期升级督办',
};
