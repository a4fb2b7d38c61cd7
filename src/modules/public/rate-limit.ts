// The rate limit of every public endpoint (/api/public/…: the showcase, the villages' points boards, deliberation
// and small-power pages, survey links; and the public boards that live elsewhere — any route declared
// { public: true } but sign-in and the clock): per client address (X-Forwarded-For behind the county's proxy), 429 with a Chinese
// message past the limit. Registered once on the /api scope; signed-in routes are not limited here.
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';

export interface PublicRateLimit {
  /** Requests per client address and window. */
  max: number;
  windowMs: number;
}

export const PUBLIC_RATE_LIMIT: PublicRateLimit = { max: 300, windowMs: 60_000 };

/** Sign-in (its own lockout) and the clock are public but are not boards: they are not limited here. */
const NOT_BOARDS = ['/api/auth/', '/api/clock'];

/** A route anyone may call without signing in: /api/public/… and the boards that live elsewhere. */
export function isPublicBoard(url: string, routeIsPublic: boolean): boolean {
  if (url === '/api/public' || url.startsWith('/api/public/') || url.startsWith('/api/public?')) return true;
  return routeIsPublic && !NOT_BOARDS.some((prefix) => url.startsWith(prefix));
}

export function publicRateLimit(limit: PublicRateLimit = PUBLIC_RATE_LIMIT, store?: RateLimitPluginOptions['store']) {
  const plugin = async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
      ...(store ? { store } : {}), // the database's counters, shared by every process (issue 18 §3)
      errorResponseBuilder: (_request, context) =>
        new AppError('PUBLIC_RATE_LIMITED', {
          message: `访问过于频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`,
          details: { limit: context.max, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
        }),
    });
    const limiter = app.rateLimit({ max: limit.max, timeWindow: limit.windowMs });
    app.addHook('onRequest', async (request, reply) => {
      if (isPublicBoard(request.url, !!request.routeOptions.config?.public)) await limiter.call(app, request, reply);
    });
  };
  // the hook applies to the scope that registers it (the /api scope), as fastify-plugin would make it
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
