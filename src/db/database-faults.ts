// Which failures are the database's own faults rather than a request's or a bug: the server cannot be
// reached or is restarting (answered 503 with Retry-After; the pg pool drops the dead connections and
// reconnects by itself), or its disk is full (answered 507; PostgreSQL and PGlite refuse the write, keep
// what was committed, and write again once there is space). The HTTP error handler and the background
// jobs both ask here, so a request and a job see the same fault the same way.

export type DatabaseFault = 'unavailable' | 'storage_full';

/** Node's socket errors when the server is down, restarting or unreachable. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server going away or not yet taking connections. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (a restart) and ends every session
  '57P02', // crash_shutdown: another backend crashed, the server resets
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '57P05', // idle_session_timeout … the session was ended, a new one will do
  '53300', // too_many_connections
]);

/**
 * pg's own messages for a connection that died or could not be had in time (they carry no code), and a read
 * replica cancelling a query whose rows its replay had to remove (40001 "… due to conflict with recovery",
 * issue 22): asked again, the query runs on the replayed rows.
 */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|conflict with recovery/i;

const STORAGE_FULL_SQLSTATES = new Set([
  '53100', // disk_full: could not extend file …: No space left on device
]);

const STORAGE_FULL_ERRNOS = new Set(['ENOSPC', 'EDQUOT']);

function faultOf(error: unknown): DatabaseFault | null {
  if (!error || typeof error !== 'object') return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (STORAGE_FULL_SQLSTATES.has(code) || STORAGE_FULL_ERRNOS.has(code)) return 'storage_full';
    // class 08: connection exceptions (08000 … 08006, 08P01)
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || /^08[0-9A-Z]{3}$/.test(code))
      return 'unavailable';
  }
  if (typeof message === 'string') {
    if (/No space left on device/i.test(message)) return 'storage_full';
    if (UNAVAILABLE_MESSAGES.test(message)) return 'unavailable';
  }
  return null;
}

/**
 * The database fault behind `error`, if it is one: looks at the error itself, at its `cause` and at the
 * errors an AggregateError gathers (a connect to "localhost" tries IPv6 and IPv4 and fails with both).
 */
export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  const own = faultOf(error);
  if (own || depth > 3 || !error || typeof error !== 'object') return own;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (cause) {
    const fromCause = databaseFault(cause, depth + 1);
    if (fromCause) return fromCause;
  }
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const fromInner = databaseFault(inner, depth + 1);
      if (fromInner) return fromInner;
    }
  }
  return null;
}

/** Seconds a client should wait before trying again: a restart takes a few seconds, freeing a disk longer. */
export const RETRY_AFTER_SECONDS: Record<DatabaseFault, number> = { unavailable: 5, storage_full: 60 };

/** A short line for the log: code and message only (a failed statement's parameters may hold personal data). */
export function describeFault(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${typeof code === 'string' ? `${code} ` : ''}${typeof message === 'string' ? message : String(error)}`;
}

/**
 * A transaction that lost a race for locks and was rolled back whole: PostgreSQL's deadlock victim (40P01) or a
 * serialization failure (40001) — not a replica's "conflict with recovery", which is a fault above. Run again,
 * it does its work.
 */
export function lostLockRace(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '40P01') return true;
  return code === '40001' && !(typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));
}
