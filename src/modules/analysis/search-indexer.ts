// Fills cases.search_vector (jieba words + Han bigrams of title, body and address) for rows that have none:
// new cases, imported or seeded history, and cases whose text changed (a trigger empties the column). Runs as
// a background job in batches; rows are locked with SKIP LOCKED so several server processes share the work.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { searchDocument } from '../../domain/analysis/index.js';
import { jiebaSegmenter } from '../../domain/text/index.js';

export const SEARCH_INDEX_BATCH = 500;

/** Indexes one batch; returns how many rows it wrote. */
export async function indexSearchBatch(db: Kysely<DB>, batchSize = SEARCH_INDEX_BATCH): Promise<number> {
  const seg = jiebaSegmenter();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'title', 'body', 'address'])
      .where('search_vector', 'is', null)
      .orderBy('id')
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    const docs = rows.map((r) => searchDocument([r.title, r.body, r.address], seg));
    await sql`UPDATE cases SET search_vector = to_tsvector('simple', d.doc)
      FROM unnest(${ids}::bigint[], ${docs}::text[]) AS d(id, doc)
      WHERE cases.id = d.id`.execute(trx);
    return rows.length;
  });
}

/** Indexes until nothing is left (start-up pass, tests, bench). */
export async function indexAllPending(db: Kysely<DB>, onProgress?: (done: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await indexSearchBatch(db);
    total += n;
    if (n > 0) onProgress?.(total);
    if (n < SEARCH_INDEX_BATCH) return total;
  }
}
