// The deliberation rules' refusals as API errors (status codes live in src/core/errors.ts).
import { AppError } from '../../core/errors.js';
import {
  type DeliberationDomainError,
  TOPIC_ACTION_LABELS,
  TOPIC_STATE_LABELS,
  type TopicState,
} from '../../domain/deliberation/index.js';
import type { Result } from '../../domain/result.js';

export function deliberationAppError(error: DeliberationDomainError, state?: TopicState): AppError {
  const details = { ...error.details, ...(state ? { state } : {}) };
  switch (error.code) {
    case 'VALIDATION':
      return new AppError('VALIDATION_FAILED', { message: error.message, details });
    case 'TOPIC_ACTION_NOT_ALLOWED_IN_STATE': {
      if (error.details.reason)
        return new AppError('TOPIC_ACTION_NOT_ALLOWED_IN_STATE', { message: error.message, details });
      const action = TOPIC_ACTION_LABELS[error.details.action as keyof typeof TOPIC_ACTION_LABELS] ?? '此操作';
      const message = state ? `议题当前状态为“${TOPIC_STATE_LABELS[state]}”，不能${action}` : error.message;
      return new AppError('TOPIC_ACTION_NOT_ALLOWED_IN_STATE', { message, details });
    }
    case 'NOT_AUTHORISED_FOR_TOPIC_ACTION': {
      const message =
        error.details.needs === 'proposer'
          ? '只有提出人可以撤回议题'
          : '只有议事站所在村（社区）或上级平台的工作人员可以办理议题';
      return new AppError('NOT_AUTHORISED_FOR_TOPIC_ACTION', { message, details });
    }
  }
}

/** The value of a pure decision, or its refusal thrown as the API's error. */
export function decided<T>(result: Result<T, DeliberationDomainError>, state?: TopicState): T {
  if (!result.ok) throw deliberationAppError(result.error, state);
  return result.value;
}
