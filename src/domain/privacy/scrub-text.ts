// Removes one reporter's name and phone numbers from a case's free text (the description, the reply, timeline
// notes): a citizen often writes "我是张三，电话 13800000001" into the description itself. Only this person's data
// goes — other people and numbers in the text are evidence of the matter and stay.
import { NAME_PLACEHOLDER, PHONE_PLACEHOLDER } from './erasure.js';

export interface ReporterData {
  /** Names of the reporter (the case's reporter_name); one-character "names" are ignored. */
  names: readonly (string | null | undefined)[];
  /** Phone numbers of the reporter (mobile, landline), in any formatting. */
  phones: readonly (string | null | undefined)[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phone number written with or without spaces and dashes (138 0000 0001, 0571-8888 6666), maybe after +86. */
function phonePattern(phone: string): RegExp | null {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length < 7) return null;
  const body = [...digits].map(escapeRegExp).join('[-\\s]?');
  return new RegExp(`(?<!\\d)(?:\\+?86[-\\s]?)?${body}(?!\\d)`, 'g');
}

/** The text without the reporter's names and phones (unchanged when it holds neither). */
export function scrubReporter(text: string, reporter: ReporterData): string {
  let out = text;
  for (const phone of reporter.phones) {
    const pattern = phone ? phonePattern(phone) : null;
    if (pattern) out = out.replace(pattern, PHONE_PLACEHOLDER);
  }
  const names = [...new Set(reporter.names.map((n) => n?.trim() ?? '').filter((n) => [...n].length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names) out = out.replace(new RegExp(escapeRegExp(name), 'g'), NAME_PLACEHOLDER);
  return out;
}

/** Every string inside a JSON value scrubbed (a timeline entry's details: previous descriptions, notes). */
export function scrubJson(value: unknown, reporter: ReporterData): unknown {
  if (typeof value === 'string') return scrubReporter(value, reporter);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, reporter));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, reporter)]));
  }
  return value;
}

/** True when there is something of the reporter to look for. */
export function hasReporterData(reporter: ReporterData): boolean {
  return (
    reporter.phones.some((p) => p && phonePattern(p) !== null) ||
    reporter.names.some((n) => n && [...n.trim()].length >= 2)
  );
}
