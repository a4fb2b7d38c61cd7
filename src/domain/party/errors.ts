// Every way a rule of the party organisation can be refused, as a value: a code the API maps one to one onto
// its error codes (src/core/errors.ts), a message for people and details for the page.

export type PartyErrorCode =
  | 'PARTY_LEVEL_MISPLACED'
  | 'PARTY_PLACE_MISMATCH'
  | 'PARTY_BUILDINGS_REQUIRED'
  | 'PARTY_HOUSEHOLD_MISMATCH'
  | 'PARTY_TERM_INVALID';

export interface PartyDomainError {
  readonly code: PartyErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function partyError(code: PartyErrorCode, message: string, details: Record<string, unknown> = {}) {
  return { code, message, details } satisfies PartyDomainError;
}
