// Every way a small-power decision can be refused, as a value: a code the API maps one to one onto its error
// codes (src/core/errors.ts), a message for people and details for the page (e.g. the step expected next).

export type PowerErrorCode =
  | 'POWER_PROCEDURE_INVALID'
  | 'POWER_EXERCISE_ENDED'
  | 'POWER_STEP_UNKNOWN'
  | 'POWER_STEP_OUT_OF_ORDER'
  | 'POWER_PUBLICITY_NOT_OVER'
  | 'POWER_PUBLICITY_TOO_SHORT'
  | 'POWER_STEP_DATE_INVALID'
  | 'POWER_STEP_CANNOT_REJECT';

export interface PowerDomainError {
  readonly code: PowerErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function powerError(
  code: PowerErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): PowerDomainError {
  return { code, message, details };
}
