// The pure rules' refusals as API errors: each domain code is an error code of src/core/errors.ts.
import { AppError } from '../../core/errors.js';
import type { Result } from '../../domain/result.js';
import type { ServiceRuleError } from '../../domain/service-item/index.js';

/** The value of a pure decision, or its refusal thrown as the API's error. */
export function decided<T>(result: Result<T, ServiceRuleError>): T {
  if (!result.ok)
    throw new AppError(result.error.code, { message: result.error.message, details: result.error.details });
  return result.value;
}
