// The domain Case to and from JSON for the `machine` column: dates travel as ISO strings and come back as
// Date objects (every date field of the domain types is named `at`, `since` or ends in `At`).
import type { Case } from '../../domain/case/index.js';

const DATE_KEY = /^(at|since)$|At$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function serializeCase(c: Case): string {
  return JSON.stringify(c);
}

function revive(value: unknown, key?: string): unknown {
  if (typeof value === 'string' && key !== undefined && DATE_KEY.test(key) && ISO.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map((v) => revive(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
  }
  return value;
}

/** Reads the snapshot back (the column arrives parsed as an object from both databases). */
export function deserializeCase(machine: unknown): Case {
  const raw = typeof machine === 'string' ? JSON.parse(machine) : machine;
  return revive(raw) as Case;
}
