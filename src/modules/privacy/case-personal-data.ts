// Which cases still carry a reporter's personal data, and claiming a batch of them. The predicate is written with
// literals, exactly as the partial index of 0043 (cases_reporter_retention_idx), so the planner can use it.
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { ERASABLE_STATES, ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';
import { reporterPhoneHashes } from '../cases/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The most cases one transaction anonymises, so no sweep holds the database long. */
export const BATCH = 500;

/** The case row still names or reaches its reporter: a name not yet replaced, a mobile, a hotline landline. */
export const carriesReporterData: Expression<SqlBool> = sql<SqlBool>`(cases.reporter_phone IS NOT NULL
  OR (cases.reporter_name IS NOT NULL AND cases.reporter_name <> ${sql.lit(ERASED_REPORTER_NAME)})
  OR (cases.extra -> 'hotline' ->> 'callerLandline') IS NOT NULL)`;

/** The case is finished (nothing more happens to it), so its reporter's data may go. */
export const isFinished: Expression<SqlBool> = sql<SqlBool>`cases.status IN (${sql.join(
  ERASABLE_STATES.map((s) => sql.lit(s)),
)})`;

/** When a finished case finished: closed_at, or its last change for a rejected or merged case. */
export const finishedAt = sql<Date>`coalesce(cases.closed_at, cases.updated_at)`;

/**
 * The blind indexes of citizens' phones (the numbers their accounts proved by SMS), as pairs in two parallel
 * lists: the reporter's phone is stored encrypted, so a case is found by its phone's hash, which only the server
 * can compute (under the current key, and the previous one while a rotation runs).
 */
export interface CitizenPhoneHashes {
  userIds: number[];
  hashes: string[];
}

/** The phone hashes of one citizen, or of every citizen with a pending erasure. */
export async function citizenPhoneHashes(
  db: Db,
  crypto: FieldCrypto,
  who: number | 'pending erasures',
): Promise<CitizenPhoneHashes> {
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.phone'])
    .where('u.role', '=', 'citizen')
    .where('u.phone', 'is not', null);
  query =
    who === 'pending erasures'
      ? query.where('u.id', 'in', db.selectFrom('privacy_erasures').select('user_id').where('completed_at', 'is', null))
      : query.where('u.id', '=', who);
  const out: CitizenPhoneHashes = { userIds: [], hashes: [] };
  for (const u of await query.execute()) {
    for (const hash of reporterPhoneHashes(crypto, u.phone as string)) {
      out.userIds.push(u.id);
      out.hashes.push(hash);
    }
  }
  return out;
}

/**
 * A citizen's cases: reported from their account, or under the phone number the account proved by SMS (matched
 * through its blind index: `phones` from citizenPhoneHashes). `userId` may be a column of an outer query.
 */
export function reportedBy(userId: number | Expression<number>, phones: CitizenPhoneHashes): Expression<SqlBool> {
  if (typeof userId === 'number') {
    const hashes = phones.hashes.filter((_, i) => phones.userIds[i] === userId);
    if (hashes.length === 0) return sql<SqlBool>`cases.reporter_user_id = ${userId}`;
    return sql<SqlBool>`(cases.reporter_user_id = ${userId} OR cases.reporter_phone_hash IN (${sql.join(hashes)}))`;
  }
  if (phones.hashes.length === 0) return sql<SqlBool>`cases.reporter_user_id = ${userId}`;
  return sql<SqlBool>`(cases.reporter_user_id = ${userId} OR cases.reporter_phone_hash IN (
    SELECT x.hash FROM unnest(${sql.val(phones.userIds)}::int[], ${sql.val(phones.hashes)}::text[]) AS x(user_id, hash)
    WHERE x.user_id = ${userId}))`;
}

/** Locks up to BATCH finished cases of the citizen that still carry their data (others' locks are skipped). */
export async function claimErasableCasesOf(
  trx: Transaction<DB>,
  userId: number,
  phones: CitizenPhoneHashes,
): Promise<number[]> {
  const rows = await trx
    .selectFrom('cases')
    .select('cases.id')
    .where(reportedBy(userId, phones))
    .where(isFinished)
    .where(carriesReporterData)
    .orderBy('cases.id')
    .limit(BATCH)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** Locks up to BATCH finished cases that finished before `cutoff` and still carry their reporter's data. */
export async function claimExpiredCases(trx: Transaction<DB>, cutoff: Date): Promise<number[]> {
  const rows = await trx
    .selectFrom('cases')
    .select('cases.id')
    .where(isFinished)
    .where(carriesReporterData)
    .where(finishedAt, '<', cutoff)
    .orderBy(finishedAt)
    .limit(BATCH)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => r.id);
}

/** The citizen's cases that still carry their data: those not finished, and all of them (finished or not). */
export async function casesStillCarrying(
  db: Db,
  userId: number,
  phones: CitizenPhoneHashes,
): Promise<{ open: number; all: number }> {
  const row = await db
    .selectFrom('cases')
    .select([sql<number>`count(*) FILTER (WHERE NOT ${isFinished})`.as('open'), sql<number>`count(*)`.as('all')])
    .where(reportedBy(userId, phones))
    .where(carriesReporterData)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), all: Number(row.all) };
}
