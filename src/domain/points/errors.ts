// Every way a points decision can be refused, as a value: a code the API maps one to one onto its error
// codes (src/core/errors.ts), a message for people and details for the page.

export type PointsErrorCode =
  | 'VALIDATION_FAILED'
  | 'POINTS_BALANCE_INSUFFICIENT'
  | 'POINTS_CAP_REACHED'
  | 'POINTS_RULE_INACTIVE'
  | 'POINTS_OUT_OF_STOCK'
  | 'POINTS_SAME_APPROVER'
  | 'POINTS_NOT_CORRECTABLE'
  | 'POINTS_OBJECTION_NOT_ALLOWED'
  | 'POINTS_OBJECTION_WINDOW_CLOSED'
  | 'POINTS_NOT_ELIGIBLE'
  | 'POINTS_REDEMPTION_CLOSED';

export interface PointsDomainError {
  readonly code: PointsErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function pointsError(
  code: PointsErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): PointsDomainError {
  return { code, message, details };
}
