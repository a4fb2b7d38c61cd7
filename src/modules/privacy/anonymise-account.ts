// The last step of an erasure: the citizen's account keeps its id (the cases' link and the county's history stay
// whole) but nothing that identifies the person — the phone goes (not hashed: a hash of an 11-digit number is
// reversed in minutes), the name becomes 已注销用户, the account is disabled and its sessions end with their
// addresses and browsers forgotten, the phone's one-time codes deleted. The same phone may register again: the
// sign-in finds no account with it and opens a new one.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASED_ACCOUNT_NAME } from '../../domain/privacy/index.js';

export async function anonymiseAccount(trx: Transaction<DB>, userId: number, now: Date): Promise<void> {
  const before = await trx
    .selectFrom('users')
    .select('phone')
    .where('id', '=', userId)
    .where('role', '=', 'citizen')
    .forUpdate()
    .executeTakeFirst();
  if (!before) return;
  await trx
    .updateTable('users')
    .set((eb) => ({
      phone: null,
      display_name: ERASED_ACCOUNT_NAME,
      password_hash: null,
      active: false,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', userId)
    .execute();
  await trx
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`coalesce(sessions.revoked_at, ${now}::timestamptz)`, ip: null, user_agent: null })
    .where('user_id', '=', userId)
    .execute();
  if (before.phone) await trx.deleteFrom('login_codes').where('phone', '=', before.phone).execute();
}
