// The outcome of a domain decision: a value, or an error the caller can show. Domain code never throws
// for a rule that a user can break; it throws only for programming or configuration mistakes.

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
