// `npm run audit:verify` (issue 18 §5): walks the hash-chained audit log (src/modules/audit) in id order, in
// batches, and reports the first broken link — an entry whose content no longer gives its hash (edited) or whose
// prev_hash is not the hash of the entry before it (an entry deleted or inserted). Exit code 0: intact; 1: broken.
// Reads DATABASE_URL or the embedded database under DATA_DIR; safe while servers run (read only).
import type { Kysely } from 'kysely';
import { loadConfig } from '../core/config.js';
import { openDatabase } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { entryHash, GENESIS } from '../modules/audit/audit-service.js';
import { runAsCli } from './run-cli.js';

export interface AuditVerification {
  checked: number;
  /** The first broken link, or null when the chain is intact. */
  broken: null | { id: number; at: string; action: string; problem: 'edited' | 'unlinked' };
}

export async function verifyAuditLog(
  db: Kysely<DB>,
  progress: (checked: number) => void = () => {},
  batch = 5000,
): Promise<AuditVerification> {
  let prev = GENESIS;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
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
      const at = fields.at;
      if (row.prev_hash !== prev)
        return { checked, broken: { id: row.id, at, action: row.action, problem: 'unlinked' } };
      if (row.hash !== entryHash(prev, fields))
        return { checked, broken: { id: row.id, at, action: row.action, problem: 'edited' } };
      prev = row.hash;
      checked++;
    }
    progress(checked);
    if (rows.length < batch) return { checked, broken: null };
    after = rows[rows.length - 1]?.id ?? after;
  }
}

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await verifyAuditLog(database.db, (n) =>
      process.stdout.write(`\r[audit] ${n.toLocaleString()} entries checked`),
    );
    process.stdout.write('\n');
    if (!result.broken) {
      console.log(`[audit] OK: the chain of ${result.checked.toLocaleString()} entries is intact`);
      return 0;
    }
    const { id, at, action, problem } = result.broken;
    console.log(
      `[audit] BROKEN at entry ${id} (${at}, ${action}): ${
        problem === 'edited'
          ? 'its content no longer gives its hash — the entry was changed'
          : 'its prev_hash is not the hash of the entry before it — an entry was deleted or inserted'
      }; ${result.checked.toLocaleString()} entries before it are intact`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

runAsCli(import.meta.url, main);
