// Every way a showcase decision can be refused, as a value: a code the API maps one to one onto its error codes
// (src/core/errors.ts), a message for people and details for the page.

export type ShowcaseErrorCode =
  | 'SHOWCASE_NOT_ALLOWED_IN_STATE'
  | 'SHOWCASE_OWN_REVIEW'
  | 'SHOWCASE_NOT_REVIEWER'
  | 'SHOWCASE_NOTE_REQUIRED'
  | 'SHOWCASE_PERSONAL_DATA';

export interface ShowcaseDomainError {
  readonly code: ShowcaseErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function showcaseError(
  code: ShowcaseErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): ShowcaseDomainError {
  return { code, message, details };
}
