// The audit trail: every sensitive view and every administrative change. Each entry's hash covers the
// previous entry's hash, so editing or deleting a row breaks the chain (verifyAuditChain finds it).
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string;
}

export const GENESIS = '0'.repeat(64);
// One audit chain: writers take this transaction-scoped lock so two writers never fork the chain.
const AUDIT_LOCK_KEY = 727_001;

// jsonb reorders object keys, so the hash is taken over a canonical form with sorted keys.
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(prevHash: string, fields: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonical(fields)).digest('hex');
}

export class AuditService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Records an entry inside the caller's transaction (or its own when none is given). */
  async record(actor: Principal | null, entry: AuditEntry, trx?: Transaction<DB>): Promise<void> {
    if (!trx) {
      await this.db.transaction().execute((t) => this.record(actor, entry, t));
      return;
    }
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS;
    const fields = {
      at: this.clock.now().toISOString(),
      actorUserId: actor?.userId ?? null,
      actorApiKeyId: actor?.apiKeyId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ?? {},
    };
    await trx
      .insertInto('audit_log')
      .values({
        at: fields.at,
        actor_user_id: fields.actorUserId,
        actor_api_key_id: fields.actorApiKeyId,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        details: JSON.stringify(fields.details),
        ip: entry.ip ?? null,
        prev_hash: prevHash,
        hash: entryHash(prevHash, fields),
      })
      .execute();
  }

  /**
   * Records several entries of one actor in one statement, chained in order (the bulk screening generator: one
   * entry per task, as the task service writes it, without a round trip per entry).
   */
  async recordMany(actor: Principal | null, entries: readonly AuditEntry[], trx: Transaction<DB>): Promise<void> {
    if (entries.length === 0) return;
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    let prevHash = last?.hash ?? GENESIS;
    const at = this.clock.now().toISOString();
    const rows = entries.map((entry) => {
      const fields = {
        at,
        actorUserId: actor?.userId ?? null,
        actorApiKeyId: actor?.apiKeyId ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined ? null : String(entry.targetId),
        details: entry.details ?? {},
      };
      const hash = entryHash(prevHash, fields);
      const row = {
        at: fields.at,
        actor_user_id: fields.actorUserId,
        actor_api_key_id: fields.actorApiKeyId,
        action: fields.action,
        target_type: fields.targetType,
        target_id: fields.targetId,
        details: JSON.stringify(fields.details),
        ip: entry.ip ?? null,
        prev_hash: prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
    // The rows of one multi-row insert take their ids in order, so the chain reads back in order.
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + 1000))
        .execute();
  }

  /** Walks the chain; returns the id of the first entry that does not match, or null when intact. */
  async verifyChain(): Promise<number | null> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    let prev = GENESIS;
    for (const row of rows) {
      const fields = {
        at: new Date(row.at).toISOString(),
        actorUserId: row.actor_user_id,
        actorApiKeyId: row.actor_api_key_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        details: row.details,
      };
      if (row.prev_hash !== prev || row.hash !== entryHash(prev, fields)) return row.id;
      prev = row.hash;
    }
    return null;
  }

  /** Entries visible to the principal: all at the county root, else those by its subtree's people and keys. */
  async list(principal: Principal, options: { limit: number; offset: number }) {
    const root = (principal.scopePath ?? '').split('/').filter(Boolean).length === 1;
    let scoped = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .leftJoin('api_keys', 'api_keys.id', 'audit_log.actor_api_key_id')
      .leftJoin('orgs as uo', 'uo.id', 'users.org_id')
      .leftJoin('orgs as ko', 'ko.id', 'api_keys.org_id');
    if (!root) {
      const like = `${principal.scopePath ?? '∅'}%`;
      scoped = scoped.where((eb) => eb.or([eb('uo.path', 'like', like), eb('ko.path', 'like', like)]));
    }
    const [items, total] = await Promise.all([
      scoped
        .select([
          'audit_log.id',
          'audit_log.at',
          'audit_log.action',
          'audit_log.target_type',
          'audit_log.target_id',
          'audit_log.details',
          'audit_log.ip',
          'users.display_name as user_name',
          'api_keys.name as key_name',
        ])
        .orderBy('audit_log.id', 'desc')
        .limit(options.limit)
        .offset(options.offset)
        .execute(),
      scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: items.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.user_name ?? (r.key_name ? `API: ${r.key_name}` : '系统'),
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: r.details,
        ip: r.ip,
      })),
    };
  }
}
