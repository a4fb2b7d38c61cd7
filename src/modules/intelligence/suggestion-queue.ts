// The intelligence consumer's first half: follows the case timeline (case_events, as the rollups and the
// assessment facts do) and queues, in the same transaction as its cursor, every new case that needs the
// classifier — one that arrived without a category, whatever the channel, or with only the hotline's guess —
// and every case with an address but no point (地址匹配), and counts the returns of automatically dispatched cases. Nothing here runs inside an intake transaction.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CaseEventRow, consumeCaseEvents, startCursorAtNewest } from '../../jobs/case-event-consumer.js';

export const INTELLIGENCE_CONSUMER = 'intelligence';

const detailsOf = (e: CaseEventRow): Record<string, unknown> =>
  (typeof e.details === 'string' ? JSON.parse(e.details) : (e.details ?? {})) as Record<string, unknown>;

/** Whether an 'opened' entry leaves the category to be found: none given, or only the classifier's guess. */
export function needsSuggestion(categoryId: number | null, openedDetails: Record<string, unknown>): boolean {
  return categoryId === null || openedDetails.categorySource === 'suggested';
}

async function handle(trx: Transaction<DB>, events: CaseEventRow[]): Promise<void> {
  const opened = events.filter((e) => e.type === 'opened');
  if (opened.length > 0) {
    const cases = await trx
      .selectFrom('cases')
      .select(['id', 'county_code', 'channel', 'category_id', 'lat', 'address'])
      .where(
        'id',
        'in',
        opened.map((e) => Number(e.case_id)),
      )
      .execute();
    const byId = new Map(cases.map((c) => [Number(c.id), c]));
    const rows = [];
    for (const e of opened) {
      const c = byId.get(Number(e.case_id));
      if (!c || !needsSuggestion(c.category_id, detailsOf(e))) continue;
      rows.push({ case_id: Number(c.id), county_code: c.county_code, channel: c.channel });
    }
    // 地址匹配: an address without a point (a hotline order without coordinates).
    const located = cases
      .filter((c) => c.lat === null && (c.address ?? '').trim() !== '')
      .map((c) => ({ case_id: Number(c.id), county_code: c.county_code, address: c.address as string }));
    if (located.length > 0) {
      await trx
        .insertInto('case_locations')
        .values(located)
        .onConflict((oc) => oc.column('case_id').doNothing())
        .execute();
    }
    if (rows.length > 0) {
      await trx
        .insertInto('case_suggestions')
        .values(rows)
        .onConflict((oc) => oc.column('case_id').doNothing())
        .execute();
    }
  }
  // 退单 of a case the consumer dispatched: counted on its suggestion (per category in the statistics).
  const returned = events.filter((e) => e.type === 'returnCase').map((e) => Number(e.case_id));
  for (const caseId of returned) {
    await trx
      .updateTable('case_suggestions')
      .set({ return_count: sql`return_count + 1`, updated_at: new Date() })
      .where('case_id', '=', caseId)
      .where('auto_dispatched', '=', true)
      .execute();
  }
}

/** One batch of new timeline entries; returns how many it took (0 when caught up). */
export function queueFromEvents(db: Kysely<DB>, batchSize = 1000): Promise<number> {
  return consumeCaseEvents(db, { name: INTELLIGENCE_CONSUMER, batchSize, handle });
}

/** The queue concerns new cases only: on a database that already holds history it starts at the newest entry. */
export function startQueueCursor(db: Kysely<DB>): Promise<void> {
  return startCursorAtNewest(db, INTELLIGENCE_CONSUMER);
}
