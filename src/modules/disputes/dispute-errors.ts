// The dispute machine's refusals as API errors (status codes live in src/core/errors.ts).
import { AppError } from '../../core/errors.js';
import {
  DISPUTE_ACTION_LABELS,
  DISPUTE_STATE_LABELS,
  type DisputeDomainError,
  type DisputeState,
} from '../../domain/dispute/index.js';

const BLOCKED: Record<string, string> = {
  already_extended: '调解期限只能延长一次',
  already_confirmed: '已确认过协议履行情况',
  already_referred: '已申请过司法确认',
  clock_not_due: '时限尚未届满',
};

export function domainToDisputeError(error: DisputeDomainError, state?: DisputeState, version?: number): AppError {
  const details = { ...error.details, ...(state ? { state } : {}), ...(version ? { version } : {}) };
  switch (error.code) {
    case 'VALIDATION':
      return new AppError('VALIDATION_FAILED', { message: error.message, details });
    case 'DISPUTE_ACTION_NOT_ALLOWED_IN_STATE': {
      const type = error.details.action as keyof typeof DISPUTE_ACTION_LABELS;
      const action = DISPUTE_ACTION_LABELS[type] ?? '此操作';
      const blocked = BLOCKED[String(error.details.reason ?? '')];
      const message = blocked
        ? blocked
        : state
          ? `矛盾纠纷当前状态为“${DISPUTE_STATE_LABELS[state]}”，不能${action}`
          : error.message;
      return new AppError('DISPUTE_ACTION_NOT_ALLOWED_IN_STATE', { message, details });
    }
    case 'NOT_AUTHORISED_FOR_DISPUTE_ACTION':
      return new AppError('NOT_AUTHORISED_FOR_DISPUTE_ACTION', { details });
  }
}
