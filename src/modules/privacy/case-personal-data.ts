// Which cases still carry a reporter's personal data, and claiming a batch of them. The predicate is written with
// literals, exactly as the partial index of 0043 (cases_reporter_retention_idx), so the planner can use it.
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASABLE_STATES, ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';

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

/** A citizen's cases: reported from their account, or under the phone number the account proved by SMS. */
export function reportedBy(userId: number | Expression<number>): Expression<SqlBool> {
  return sql<SqlBool>`(cases.reporter_user_id = ${userId} OR cases.reporter_phone = (
    SELECT u.phone FROM users u WHERE u.id = ${userId} AND u.role = 'citizen' AND u.phone IS NOT NULL))`;
}

/** Locks up to BATCH finished cases of the citizen that still carry their data (others' locks are skipped). */
export async function claimErasableCasesOf(trx: Transaction<DB>, userId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('cases')
    .select('cases.id')
    .where(reportedBy(userId))
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
export async function casesStillCarrying(db: Db, userId: number): Promise<{ open: number; all: number }> {
  const row = await db
    .selectFrom('cases')
    .select([sql<number>`count(*) FILTER (WHERE NOT ${isFinished})`.as('open'), sql<number>`count(*)`.as('all')])
    .where(reportedBy(userId))
    .where(carriesReporterData)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), all: Number(row.all) };
}
