// Follows the case timeline (case_events, whose ids only grow) for consumers that keep derived data — rollups,
// search indexes: each call hands the next batch of events to the handler inside one transaction that also
// moves the consumer's cursor, so a batch is applied exactly once even with several server processes.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CaseEventsTable, DB } from '../db/schema.js';

export type CaseEventRow = Selectable<CaseEventsTable>;

export interface ConsumeOptions {
  /** The consumer's name (its row in consumer_cursors). */
  name: string;
  batchSize?: number;
  /**
   * Wait for the cursor while another transaction holds it, instead of skipping (the background jobs skip: another
   * process is on it). A reader that catches up before it reads waits, or it would read what is not yet applied.
   */
  wait?: boolean;
  handle: (trx: Transaction<DB>, events: CaseEventRow[]) => Promise<void>;
}

/**
 * Creates a consumer's cursor at the newest entry of the timeline, when it has none: for a consumer that only
 * concerns new cases (the intelligence queue), added to a database that already holds history (an upgrade, a demo
 * seeded with its year). Called when the process starts, before it serves requests, so nothing new is skipped;
 * a cursor that exists is left where it is.
 */
export async function startCursorAtNewest(db: Kysely<DB>, name: string): Promise<void> {
  await db
    .insertInto('consumer_cursors')
    .columns(['name', 'last_id'])
    .expression(
      db
        .selectFrom('case_events')
        .select((eb) => [eb.val(name).as('name'), eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('last_id')]),
    )
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Processes one batch; returns how many events it handled (0 when caught up or another process holds it). */
export async function consumeCaseEvents(db: Kysely<DB>, options: ConsumeOptions): Promise<number> {
  await db
    .insertInto('consumer_cursors')
    .values({ name: options.name, last_id: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.transaction().execute(async (trx) => {
    const locked = trx.selectFrom('consumer_cursors').select('last_id').where('name', '=', options.name).forUpdate();
    const cursor = await (options.wait ? locked : locked.skipLocked()).executeTakeFirst();
    if (!cursor) return 0;
    const events = await trx
      .selectFrom('case_events')
      .selectAll()
      .where('id', '>', cursor.last_id)
      .orderBy('id')
      .limit(options.batchSize ?? 1000)
      .execute();
    if (events.length === 0) return 0;
    await options.handle(trx, events);
    await trx
      .updateTable('consumer_cursors')
      .set({ last_id: (events[events.length - 1] as CaseEventRow).id, updated_at: new Date() })
      .where('name', '=', options.name)
      .execute();
    return events.length;
  });
}

/**
 * Runs batches until the consumer has caught up (at start, by rebuild commands, and by readers that catch up before
 * they read), waiting for a batch another transaction is applying: a skip answered "caught up" while another
 * transaction held the cursor (test/case-event-consumer.test.ts) — the likely cause of a bulletin that read a month
 * of zeros on PostgreSQL in CI (stop 22).
 */
export async function drainCaseEvents(db: Kysely<DB>, options: ConsumeOptions): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await consumeCaseEvents(db, { ...options, wait: true });
    total += n;
    if (n === 0) return total;
  }
}
