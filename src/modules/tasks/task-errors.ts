// The task machine's refusals as API errors (status codes live in src/core/errors.ts).
import { AppError } from '../../core/errors.js';
import {
  TASK_ACTION_LABELS,
  TASK_STATE_LABELS,
  type TaskDomainError,
  type TaskState,
} from '../../domain/task/index.js';

export function domainToTaskError(error: TaskDomainError, state?: TaskState, version?: number): AppError {
  const details = { ...error.details, ...(state ? { state } : {}), ...(version ? { version } : {}) };
  switch (error.code) {
    case 'VALIDATION':
      return new AppError('VALIDATION_FAILED', { message: error.message, details });
    case 'TASK_ACTION_NOT_ALLOWED_IN_STATE': {
      const action = TASK_ACTION_LABELS[error.details.action as keyof typeof TASK_ACTION_LABELS] ?? '此操作';
      const message = error.details.needsSign
        ? `请先签收任务，再${action}`
        : state
          ? `任务当前状态为“${TASK_STATE_LABELS[state]}”，不能${action}`
          : error.message;
      return new AppError('TASK_ACTION_NOT_ALLOWED_IN_STATE', { message, details });
    }
    case 'NOT_AUTHORISED_FOR_TASK_ACTION':
      return new AppError('NOT_AUTHORISED_FOR_TASK_ACTION', { details });
  }
}
