// Small checks shared by the action handlers.
import { type DomainError, invalid } from '../errors.js';

/** A required free-text field (reason, notes, answer): present and not blank. */
export function missingText(field: string, value: string | undefined): DomainError | undefined {
  return value === undefined || value.trim() === '' ? invalid(field, `${field} 不能为空`) : undefined;
}

export function duplicatesIn(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}
