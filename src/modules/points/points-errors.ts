// The pure rules' refusals as API errors: each domain code is an error code of src/core/errors.ts.
import { AppError } from '../../core/errors.js';
import type { PointsDomainError } from '../../domain/points/index.js';
import type { Result } from '../../domain/result.js';

export function pointsAppError(error: PointsDomainError): AppError {
  return new AppError(error.code, { message: error.message, details: error.details });
}

/** The value of a pure decision, or its refusal thrown as the API's error. */
export function decided<T>(result: Result<T, PointsDomainError>): T {
  if (!result.ok) throw pointsAppError(result.error);
  return result.value;
}
