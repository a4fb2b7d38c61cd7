// The volunteer rules' refusals as API errors (status codes live in src/core/errors.ts).
import { AppError } from '../../core/errors.js';
import type { Result } from '../../domain/result.js';
import type { VolunteerRuleError } from '../../domain/volunteer/index.js';

/** The value of a pure decision, or its refusal thrown as the API's error. */
export function decided<T>(result: Result<T, VolunteerRuleError>): T {
  if (result.ok) return result.value;
  const { code, message, field } = result.error;
  if (code === 'VALIDATION') throw new AppError('VALIDATION_FAILED', { message, details: { field } });
  throw new AppError('VOLUNTEER_ACTIVITY_STATE', { message });
}
