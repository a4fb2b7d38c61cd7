// The walk every key rotation shares (`npm run keys:rotate`): a table read once by id in batches; the rows of a
// batch that are not under the current key are rotated in one transaction (the caller reads them again under
// lock, so a row changed since the scan is rotated from what it holds then). Nothing holds a lock for long, and a
// rotation stopped half-way is started again: rows already under the current key are skipped.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

export interface RotationProgress {
  table: string;
  scanned: number;
  rotated: number;
}

export interface BatchRotation<Row extends { id: number }> {
  table: string;
  /** The batch of rows with an id above `after`, in id order. */
  scan: (db: Kysely<DB>, after: number, limit: number) => Promise<Row[]>;
  /** Whether a scanned row holds a value not under the current key. */
  stale: (row: Row) => boolean;
  /** Rotates these rows (locked and read again by the callee) and answers how many it rewrote. */
  rotate: (trx: Transaction<DB>, ids: number[]) => Promise<number>;
}

export async function rotateInBatches<Row extends { id: number }>(
  db: Kysely<DB>,
  rotation: BatchRotation<Row>,
  progress: (p: RotationProgress) => void,
  batch: number,
): Promise<RotationProgress> {
  const state: RotationProgress = { table: rotation.table, scanned: 0, rotated: 0 };
  let after = 0;
  for (;;) {
    const rows = await rotation.scan(db, after, batch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    state.scanned += rows.length;
    const todo = rows.filter(rotation.stale).map((r) => r.id);
    if (todo.length > 0) state.rotated += await db.transaction().execute((trx) => rotation.rotate(trx, todo));
    progress({ ...state });
    if (rows.length < batch) break;
  }
  return state;
}
