// The referral machine's refusals as API errors (status codes live in src/core/errors.ts).
import { AppError } from '../../core/errors.js';
import {
  PSYCH_ACTION_LABELS,
  PSYCH_STATE_LABELS,
  type PsychDomainError,
  type PsychState,
} from '../../domain/psych/index.js';

export function domainToPsychError(error: PsychDomainError, state?: PsychState, version?: number): AppError {
  const details = { ...error.details, ...(state ? { state } : {}), ...(version ? { version } : {}) };
  switch (error.code) {
    case 'VALIDATION':
      return new AppError('VALIDATION_FAILED', { message: error.message, details });
    case 'PSYCH_ACTION_NOT_ALLOWED_IN_STATE': {
      const type = error.details.action as keyof typeof PSYCH_ACTION_LABELS;
      const action = PSYCH_ACTION_LABELS[type] ?? '此操作';
      const message = state ? `心理服务转介当前状态为“${PSYCH_STATE_LABELS[state]}”，不能${action}` : error.message;
      return new AppError('PSYCH_ACTION_NOT_ALLOWED_IN_STATE', { message, details });
    }
    case 'NOT_AUTHORISED_FOR_PSYCH_ACTION':
      return new AppError('NOT_AUTHORISED_FOR_PSYCH_ACTION', { details });
    case 'PSYCH_CONSENT_REQUIRED':
      return new AppError('PSYCH_CONSENT_REQUIRED', { details });
  }
}
