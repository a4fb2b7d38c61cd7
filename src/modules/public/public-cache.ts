// Caching of the public answers: an in-memory memo with a time to live (the statistics are computed once per
// county and day, not per visitor), and the HTTP side — Cache-Control: public with a max-age, a strong ETag of
// the body, and 304 Not Modified when the browser or a proxy already holds it.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100,
  ) {}

  /**
   * The value under `key`, computed once per time to live (concurrent callers share one computation); a value
   * `keep` rejects (e.g. figures read while the rollups are still being built at start-up) is kept only `shortMs`.
   */
  get(key: string, compute: () => Promise<T>, keep: (value: T) => boolean = () => true, shortMs = 30_000): Promise<T> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > at) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry = { value: compute(), expires: at + this.ttlMs };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (!keep(value)) entry.expires = Math.min(entry.expires, at + shortMs);
      },
      () => this.entries.delete(key), // a failure is not remembered
    );
    return entry.value;
  }
}

/** Sends a public JSON answer with its cache headers; 304 when the caller's ETag still matches. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: unknown, maxAgeSeconds: number) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', `public, max-age=${maxAgeSeconds}`).header('etag', etag);
  const seen = request.headers['if-none-match'];
  if (seen?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return reply.status(304).send();
  }
  return reply.type('application/json; charset=utf-8').send(json);
}
