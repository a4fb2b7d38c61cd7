// What every change of a record with a clock writes besides itself, in the change's transaction: its running
// clock (one row per record), the notifications of the units (or users) concerned, and one outbox message on the
// record's topic (delivered by the outbox dispatcher). Tasks and disputes write theirs through these.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { announceChange } from '../modules/record-history/index.js';

export interface RecordRef {
  /** The record's id column in the clock table, notifications and outbox. */
  idColumn: 'task_id' | 'dispute_id' | 'psych_referral_id';
  id: number;
  number: string;
  title: string;
  /** The web page a notification opens, for records the bell has no column for (psychological referrals). */
  link?: string;
}

export interface RecordClock {
  kind: string;
  orgId: number;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
}

const CLOCK_TABLES = { task_id: 'task_deadlines', dispute_id: 'dispute_deadlines' } as const;

/** Replaces the record's running clock (none when the record no longer runs one). */
export async function writeRecordClock(
  trx: Transaction<DB>,
  record: RecordRef & { idColumn: keyof typeof CLOCK_TABLES },
  clock: RecordClock | null,
): Promise<void> {
  const table = CLOCK_TABLES[record.idColumn];
  await trx
    .deleteFrom(table)
    .where(record.idColumn as never, '=', record.id as never)
    .execute();
  if (!clock) return;
  await trx
    .insertInto(table)
    .values({
      [record.idColumn]: record.id,
      kind: clock.kind,
      org_id: clock.orgId,
      started_at: clock.startedAt,
      due_at: clock.dueAt,
      warn_at: clock.warnAt,
    } as never)
    .execute();
}

/** Notifies units or users of a change; each title names the record. */
export async function notifyOfRecord(
  trx: Transaction<DB>,
  record: RecordRef,
  kind: string,
  at: Date,
  notes: readonly { orgId: number | null; userId?: number | null; title: string }[],
): Promise<void> {
  if (notes.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      notes.map((n) => ({
        org_id: n.orgId,
        user_id: n.userId ?? null,
        case_id: null,
        [record.idColumn]: record.id,
        kind,
        title: `${n.title}（${record.number} ${record.title}）`,
        link: record.link ?? null,
        created_at: at,
      })),
    )
    .execute();
}

/** One outbox message on the record's topic; `changeId` is `<prefix>:<id>:<version>`, what receivers dedup on. */
export async function announceRecordChange(
  trx: Transaction<DB>,
  record: RecordRef,
  topic: 'task.changed' | 'dispute.changed' | 'psych.changed',
  version: number,
  at: Date,
  payload: Record<string, unknown>,
): Promise<void> {
  const prefix = topic.split('.')[0];
  await announceChange(trx, {
    topic,
    changeId: `${prefix}:${record.id}:${version}`,
    at,
    idColumn: { name: record.idColumn, id: record.id },
    payload: { [`${prefix}Id`]: record.id, number: record.number, version, ...payload },
  });
}
