// Bad input everywhere (issue 18): a fuzz test generated from the OpenAPI document, so a new route is covered
// without writing anything. Every operation, as anonymous, a citizen, a village user and the administrator, gets
// path ids out of range or not numbers at all, query parameters of the wrong type, malformed and mistyped JSON,
// bodies over the limit or nested 1000 deep, properties out of range, beyond their length, with impossible dates
// or NUL characters, injection strings and odd unicode in searches (test/support/fuzz-requests.ts).
// Asserted: no answer is a 5xx, and the bad requests wrote nothing (every table's rows, hashed, are the same
// before and after). Then hostile text a field may legitimately hold (injections, lone surrogates, direction
// overrides, a megabyte where no bound is set) in otherwise well-formed bodies: no 5xx, and it may be written.
// Seeded: FUZZ_SEED=<n> replays a run; the failure message names the seed. FUZZ_TRACE=1 prints every write request
// that was answered 2xx (to find which one wrote).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  requestsFor,
} from './support/fuzz-requests.js';
import { Random } from './support/fuzz-values.js';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

vi.setConfig({ testTimeout: 300_000 });

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/**
 * Tables the fuzz may change without anything being wrong (every other table is hashed whole, so an update in
 * place counts as a write, not only a new row):
 *   rate_limits  every counted request adds to its counter, refused or not (src/http/rate-limits.ts)
 *   sessions     an authenticated request moves its session's last-seen time (the idle timeout, issue 18)
 *   audit_log    reads of personal data are audited (a fuzzed read of a real record is still a read), and so are
 *                exports and a lock-out after refused passwords
 */
const MAY_CHANGE = new Set(['rate_limits', 'sessions', 'audit_log']);
/** Columns that may change: a refused password (POST /api/auth/reauth with a fuzzed one) counts towards the lock-out. */
const MAY_CHANGE_COLUMNS: Record<string, string[]> = { users: ['failed_logins', 'locked_until', 'last_login_at'] };

/** Operations fuzzed as anonymous only: server-sent events, whose answer never ends for a signed-in client. */
const ANONYMOUS_ONLY = new Set(['GET /api/stream']);

interface Failure {
  role: string;
  label: string;
  method: string;
  url: string;
  status: number;
  body: string;
}

let sys: TestSystem;
let operations: Operation[];
const roles: Array<{ name: string; headers: Record<string, string> }> = [];

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  roles.push({ name: 'anonymous', headers: {} });
  roles.push({ name: 'citizen', headers: await citizenLogin(sys, '13800000077') });
  roles.push({ name: 'village', headers: await sys.login('village') });
  roles.push({ name: 'admin', headers: await sys.login('admin') });
  const doc = await sys.request({ method: 'GET', url: '/openapi.json' });
  operations = operationsOf(doc.json() as OpenApiDocument);
});
afterAll(async () => sys?.stop());

/** Every table's row count and a hash of its rows, but those of MAY_CHANGE. */
async function tableFingerprints(): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(sys.services.db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (MAY_CHANGE.has(name)) continue;
    const row = await sql<{ n: number; h: string | null }>`
      SELECT count(*)::int AS n, md5(string_agg(r.h, '' ORDER BY r.h)) AS h
      FROM (SELECT md5((to_jsonb(t) - ${sql.val(MAY_CHANGE_COLUMNS[name] ?? [])}::text[])::text) AS h
            FROM ${sql.table(name)} t) r`.execute(sys.services.db);
    out[name] = `${row.rows[0]?.n} ${row.rows[0]?.h ?? ''}`;
  }
  return out;
}

/** A different client address per request: the per-address rate limits stay out of the way. */
let sent = 0;
function clientAddress(): string {
  sent += 1;
  return `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
}

/** Refused before its schema was looked at: the route is not for this role (the rest of its requests would be too). */
function refusedByAuthorisation(status: number, body: string): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  try {
    const parsed = JSON.parse(body) as { code?: string; details?: { permission?: string } };
    return parsed.code === 'REAUTH_REQUIRED' || !!parsed.details?.permission;
  } catch {
    return false;
  }
}

/** A stable number from text, to seed each operation and role on its own (adding a route changes no other). */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

async function send(req: FuzzRequest, role: { name: string; headers: Record<string, string> }, failures: Failure[]) {
  const failure = (status: number, body: string) =>
    failures.push({
      role: role.name,
      label: req.label,
      method: req.method,
      url: req.url.length > 160 ? `${req.url.slice(0, 160)}…` : req.url,
      status,
      body: body.slice(0, 300),
    });
  try {
    const response = await sys.request({
      method: req.method as 'GET',
      url: req.url,
      headers: {
        ...role.headers,
        'x-forwarded-for': clientAddress(),
        ...(req.contentType ? { 'content-type': req.contentType } : {}),
      },
      ...(req.payload === undefined ? {} : { payload: req.payload }),
    });
    if (response.statusCode >= 500) failure(response.statusCode, response.body);
    if (process.env.FUZZ_TRACE && req.method !== 'GET' && response.statusCode < 300) {
      console.info(
        `accepted: ${response.statusCode} ${req.method} ${req.url.slice(0, 120)} as ${role.name} [${req.label}] ${req.stage} ${String(req.payload).slice(0, 200)} → ${response.body.slice(0, 200)}`,
      );
    }
    return { status: response.statusCode, body: response.body };
  } catch (error) {
    // the server broke the answer off (a stream that failed half-way): as bad as a 500
    failure(0, `no answer: ${(error as Error).message}`);
    return { status: 0, body: '' };
  }
}

function report(failures: Failure[]): string {
  return [
    `${failures.length} answers of 5xx (FUZZ_SEED=${SEED}):`,
    ...failures.map((f) => `  ${f.status} ${f.method} ${f.url} as ${f.role} [${f.label}] → ${f.body}`),
  ].join('\n');
}

describe('values the database cannot take', () => {
  it('answers 400 VALIDATION_FAILED in Chinese for an id beyond the integer range, "Infinity" and a NUL character', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['/api/public/cases/99999999999999999999', {}], // the defect of issue 18: a public route answered 500
      ['/api/citizen/grids/2147483648', {}],
      ['/api/cases/99999999999999999999', roles[3]?.headers ?? {}],
      ['/api/tasks?page=Infinity', roles[2]?.headers ?? {}],
      ['/api/orgs?q=a%00b', roles[3]?.headers ?? {}],
      ['/api/dashboards/summary?to=2026-13-45', roles[3]?.headers ?? {}],
      ['/api/video-events?to=2026-02-30', roles[3]?.headers ?? {}],
      ['/api/disputes/major?month=0000-00', roles[3]?.headers ?? {}],
    ];
    for (const [url, headers] of cases) {
      const r = await sys.request({ method: 'GET', url, headers });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code, url).toBe('VALIDATION_FAILED');
      expect(r.json().message, url).toMatch(/^(请求参数不正确|统计区间不正确)：/);
    }
  });
});

describe('the schema-driven fuzz over the OpenAPI document', () => {
  const deferred: Array<{ req: FuzzRequest; role: (typeof roles)[number] }> = [];
  const counts = { operations: 0, requests: 0, shut: 0 };

  it('answers bad input on every route without a 5xx, as every role, and writes nothing', async () => {
    expect(operations.length).toBeGreaterThan(300); // the document lists the routes (448 when this test was written)
    const started = Date.now();
    const before = await tableFingerprints();
    const fingerprinted = Date.now();
    const failures: Failure[] = [];
    for (const op of operations) {
      counts.operations += 1;
      for (const [index, role] of roles.entries()) {
        if (ANONYMOUS_ONLY.has(`${op.method} ${op.path}`) && role.name !== 'anonymous') continue;
        const random = new Random(hash(`${SEED} ${role.name} ${op.method} ${op.path}`));
        // what is refused before anyone is looked at (unparseable bodies) and the megabyte bodies: once per
        // operation, as the last role (the administrator, whom the fewest routes refuse)
        const requests = requestsFor(op, random, { once: index === roles.length - 1 });
        let shut = false;
        for (const req of requests) {
          if (req.stage === 'content') {
            if (!shut) deferred.push({ req, role });
            continue;
          }
          if (shut && req.stage !== 'parse') continue;
          const response = await send(req, role, failures);
          counts.requests += 1;
          if (!shut && refusedByAuthorisation(response.status, response.body)) {
            shut = true;
            counts.shut += 1;
          }
        }
      }
    }
    console.info(
      `fuzz: ${counts.operations} operations, ${counts.requests} bad requests (${counts.shut} operation×role refused by authorisation) in ${Date.now() - fingerprinted} ms; tables hashed in ${fingerprinted - started} ms`,
    );
    expect.soft(failures, report(failures)).toEqual([]);
    // every signed-in role is still signed in (a locked account would have turned the fuzz into 401s)
    for (const role of roles.slice(1)) {
      const me = await sys.request({ method: 'GET', url: '/api/auth/me', headers: role.headers });
      expect.soft(me.statusCode, `${role.name} still signed in`).toBe(200);
    }
    const after = await tableFingerprints();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(
      changed,
      `tables written by refused requests: ${changed.map((t) => `${t} ${before[t]} → ${after[t]}`).join('; ')}`,
    ).toEqual([]);
  });

  it('answers hostile text in well-formed requests without a 5xx (it may be accepted)', async () => {
    expect(deferred.length, 'the first test collects these requests').toBeGreaterThan(100);
    const failures: Failure[] = [];
    for (const { req, role } of deferred) await send(req, role, failures);
    console.info(`fuzz: ${deferred.length} requests with hostile text`);
    expect(failures, report(failures)).toEqual([]);
  });
});
