// Rate limits shared by every server process (issue 18 §3): fixed-window counters in the database table
// rate_limits (one upsert per counted request), not in process memory, so four servers behind the county's proxy
// count together. Limited: staff sign-in per client address and per username, one-time codes per phone and per
// address (requested and verified), citizen reports per phone (the citizen's account) and per address, Open311
// POST per API key, and the public pages (through @fastify/rate-limit with the store below). Past a limit: 429
// RATE_LIMITED with Retry-After and a Chinese message saying how many seconds to wait.
//
// RATE_LIMITS=off turns the limits off (a load test); RATE_LIMITS="login.ip=5/60,report.phone=3/3600" overrides
// rules (max per window of seconds).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../core/errors.js';
import type { DB } from '../db/schema.js';

export interface RateRule {
  max: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_RULES = {
  /** Staff sign-in: a whole office may sit behind one address, so the address's limit is generous. */
  'login.ip': { max: 300, windowSeconds: 900 },
  'login.user': { max: 20, windowSeconds: 900 },
  'code.phone': { max: 5, windowSeconds: 3600 },
  'code.ip': { max: 60, windowSeconds: 3600 },
  'verify.phone': { max: 10, windowSeconds: 900 },
  'report.phone': { max: 30, windowSeconds: 3600 },
  'report.ip': { max: 200, windowSeconds: 3600 },
  'open311.key': { max: 120, windowSeconds: 60 },
} satisfies Record<string, RateRule>;

export type RateRuleName = keyof typeof DEFAULT_RATE_RULES;
export type RateRules = Record<RateRuleName, RateRule>;

/** Reads RATE_LIMITS: 'off', or overrides "name=max/seconds,…"; unknown names and bad values are refused. */
export function parseRateRules(text: string | undefined): RateRules | null {
  const rules: RateRules = { ...DEFAULT_RATE_RULES };
  const value = (text ?? '').trim();
  if (value === 'off') return null;
  if (!value || value === 'on') return rules;
  for (const part of value.split(',')) {
    const m = /^\s*([a-z0-9]+\.[a-z0-9]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    if (!m?.[1] || !(m[1] in rules) || Number(m[3]) < 1) {
      throw new Error(`RATE_LIMITS: "${part}" is not name=max/seconds with a name of ${Object.keys(rules).join(', ')}`);
    }
    rules[m[1] as RateRuleName] = { max: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  return rules;
}

export interface Hit {
  count: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/** The counters in the database. */
export class RateLimiter {
  private lastSweep = 0;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one request under `key` in a fixed window of `windowMs`; answers the count so far and the time left. */
  async hit(key: string, windowMs: number): Promise<Hit> {
    const now = this.now();
    const end = new Date(now.getTime() + windowMs);
    const row = await sql<{ hits: number; expires_at: Date | string }>`
      INSERT INTO rate_limits (key, window_start, hits, expires_at) VALUES (${key}, ${now}, 1, ${end})
      ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN rate_limits.expires_at <= ${now} THEN ${now} ELSE rate_limits.window_start END,
        hits = CASE WHEN rate_limits.expires_at <= ${now} THEN 1 ELSE rate_limits.hits + 1 END,
        expires_at = CASE WHEN rate_limits.expires_at <= ${now} THEN ${end} ELSE rate_limits.expires_at END
      RETURNING hits, expires_at`.execute(this.db);
    const first = row.rows[0];
    if (now.getTime() - this.lastSweep > 10 * 60_000) {
      this.lastSweep = now.getTime();
      await this.db.deleteFrom('rate_limits').where('expires_at', '<', now).execute();
    }
    return {
      count: Number(first?.hits ?? 1),
      ttlMs: Math.max(0, new Date(first?.expires_at ?? end).getTime() - now.getTime()),
    };
  }

  /** Counts the request and throws RATE_LIMITED past the rule's maximum. */
  async enforce(key: string, rule: RateRule): Promise<void> {
    const { count, ttlMs } = await this.hit(key, rule.windowSeconds * 1000);
    if (count <= rule.max) return;
    const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
    throw new AppError('RATE_LIMITED', {
      message: `操作过于频繁，请 ${seconds} 秒后再试`,
      details: { limit: rule.max, windowSeconds: rule.windowSeconds, retryAfterSeconds: seconds },
    });
  }
}

/** A store for @fastify/rate-limit backed by the same table (the public pages' limit, src/modules/public). */
export function databaseRateLimitStore(limiter: RateLimiter, namespace = 'public') {
  return class DatabaseStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      windowMs: number,
    ) {
      limiter.hit(`${namespace}:${key}`, windowMs).then(
        (hit) => callback(null, { current: hit.count, ttl: hit.ttlMs }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  };
}

/** Secrets never become keys of the table: an API key is counted under a digest of it. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function bodyField(request: FastifyRequest, name: string): string | null {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' && value ? value.slice(0, 100) : null;
}

/** The counters each limited route adds to (none: the route is not limited here). */
export function rateKeys(request: FastifyRequest): Array<[RateRuleName, string]> {
  const url = request.routeOptions.url ?? '';
  const ip = request.ip;
  if (request.method !== 'POST') return [];
  if (url === '/api/auth/login') {
    const username = bodyField(request, 'username');
    return [['login.ip', ip], ...(username ? [['login.user', username.toLowerCase()] as [RateRuleName, string]] : [])];
  }
  if (url === '/api/auth/code/request') {
    const phone = bodyField(request, 'phone');
    return [['code.ip', ip], ...(phone ? [['code.phone', phone] as [RateRuleName, string]] : [])];
  }
  if (url === '/api/auth/code/verify') {
    const phone = bodyField(request, 'phone');
    return phone ? [['verify.phone', phone]] : [];
  }
  if (url === '/api/citizen/reports') {
    const userId = request.principal?.userId;
    return [['report.ip', ip], ...(userId ? [['report.phone', `user:${userId}`] as [RateRuleName, string]] : [])];
  }
  if (url.startsWith('/open311/')) {
    const query = request.query as Record<string, unknown> | undefined;
    const key = (typeof query?.api_key === 'string' && query.api_key) || bodyField(request, 'api_key');
    return key ? [['open311.key', digest(key)]] : [];
  }
  return [];
}

/**
 * Counts the limited routes before their handlers run (after the body is parsed and the principal known). Every
 * counter of a request is counted; the first one past its limit refuses it.
 */
export function installRateLimits(app: FastifyInstance, limiter: RateLimiter, rules: RateRules | null): void {
  if (!rules) return;
  app.addHook('preHandler', async (request, reply) => {
    try {
      for (const [name, value] of rateKeys(request)) await limiter.enforce(`${name}:${value}`, rules[name]);
    } catch (error) {
      // Retry-After also where a scope answers errors its own way (Open311)
      const seconds = (error as AppError).details as { retryAfterSeconds?: number } | undefined;
      if (seconds?.retryAfterSeconds) reply.header('retry-after', String(seconds.retryAfterSeconds));
      throw error;
    }
  });
}
