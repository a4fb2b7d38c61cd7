// The deadline sweeper of the records that keep one running clock each in a table of their own (tasks,
// disputes …), the cases' pattern made generic: clocks that ran out are claimed with FOR UPDATE SKIP LOCKED and
// handed to the record's escalation (which asks its state machine and writes the outcome in the same
// transaction, or declines, and the clock is then marked so it is not retried forever); a record that a person's
// action holds is skipped, its clock left for the next pass (see lockFree); clocks past their
// yellow point warn their unit once. With several server processes each clock is handled by one of them, and
// one that passed while no server ran fires at the next start.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

const BATCH = 50;

export interface RecordClockTable {
  /** The clock table, one row per record: `<id column>`, org_id, due_at, warn_at, warned_at, escalated_at. */
  clocks: 'task_deadlines' | 'dispute_deadlines';
  /** The records' table (for the number and title of a warning). */
  records: 'tasks' | 'disputes';
  /** The record's id column in the clock table and in notifications. */
  idColumn: 'task_id' | 'dispute_id';
  /** notifications.kind of a warning, and its title. */
  warningKind: string;
  warningTitle: (record: { number: string; title: string }) => string;
}

export interface RecordSweepResult {
  escalated: number;
  warned: number;
  more: boolean;
}

/**
 * Locks the records of the claimed clocks that nobody holds, in id order, and answers their ids. The others are
 * being acted on: that action locked its record first and will then replace its clock, which this pass holds —
 * waiting for the record here closed the circle (a deadlock in PostgreSQL's log, stop 23: the sweeper's
 * `SELECT … FROM tasks … FOR UPDATE` against an action's `DELETE FROM task_deadlines`). Their clocks are left
 * as they are; the next pass sees them again if the action did not replace them. FOR NO KEY UPDATE, the lock an
 * UPDATE takes anyway: the rows that refer to a record (a notice) check it with FOR KEY SHARE, which it lets by.
 */
export async function lockFree(
  trx: Transaction<DB>,
  records: RecordClockTable['records'],
  ids: number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM ${sql.table(records)} WHERE id = any(${sql.val(ids)}::bigint[])
    ORDER BY id FOR NO KEY UPDATE SKIP LOCKED`.execute(trx);
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * One pass. `escalate` is called inside the claiming transaction with the record id and the parent of the unit
 * whose clock ran out (the next level up; null at the top) and answers whether the record changed; `finish`, if
 * given, runs in the same transaction after the batch (to write what the escalations collected).
 */
export async function sweepRecordClocks(
  db: Kysely<DB>,
  table: RecordClockTable,
  now: Date,
  escalate: (trx: Transaction<DB>, recordId: number, parentOrgId: number | null) => Promise<boolean>,
  finish?: (trx: Transaction<DB>) => Promise<void>,
): Promise<RecordSweepResult & { changed: number[] }> {
  const clocks = sql.table(table.clocks);
  const id = sql.ref(`c.${table.idColumn}`);
  const changed: number[] = [];
  const fullBatch = await db.transaction().execute(async (trx) => {
    const rows = await sql<{ record_id: number; parent_id: number | null }>`
      SELECT ${id} AS record_id, o.parent_id
      FROM ${clocks} c JOIN orgs o ON o.id = c.org_id
      WHERE c.escalated_at IS NULL AND c.due_at <= ${now}
      ORDER BY c.due_at
      LIMIT ${BATCH}
      FOR UPDATE OF c SKIP LOCKED`.execute(trx);
    const free = await lockFree(trx, table.records, [...new Set(rows.rows.map((r) => Number(r.record_id)))]);
    for (const row of rows.rows) {
      const recordId = Number(row.record_id);
      if (!free.has(recordId)) continue;
      if (await escalate(trx, recordId, row.parent_id)) changed.push(recordId);
      else {
        await sql`UPDATE ${clocks} SET escalated_at = ${now} WHERE ${sql.ref(table.idColumn)} = ${recordId}`.execute(
          trx,
        );
      }
    }
    if (finish) await finish(trx);
    // A full batch goes on at once, unless every record in it was held (then the holders finish first).
    return rows.rows.length === BATCH && free.size > 0;
  });

  const warned = await db.transaction().execute(async (trx) => {
    const rows = await sql<{ record_id: number; org_id: number; number: string; title: string }>`
      SELECT ${id} AS record_id, c.org_id, r.number, r.title
      FROM ${clocks} c JOIN ${sql.table(table.records)} r ON r.id = ${id}
      WHERE c.warned_at IS NULL AND c.warn_at <= ${now} AND c.due_at > ${now}
      LIMIT ${BATCH * 4}
      FOR UPDATE OF c SKIP LOCKED`.execute(trx);
    if (rows.rows.length === 0) return 0;
    const ids = rows.rows.map((r) => Number(r.record_id));
    await sql`UPDATE ${clocks} SET warned_at = ${now} WHERE ${sql.ref(table.idColumn)} = any(${sql.val(ids)}::bigint[])`.execute(
      trx,
    );
    await trx
      .insertInto('notifications')
      .values(
        rows.rows.map((r) => ({
          org_id: r.org_id,
          user_id: null,
          case_id: null,
          [table.idColumn]: Number(r.record_id),
          kind: table.warningKind,
          title: table.warningTitle(r),
          created_at: now,
        })),
      )
      .execute();
    return rows.rows.length;
  });
  return { escalated: changed.length, warned, changed, more: fullBatch || warned === BATCH * 4 };
}
