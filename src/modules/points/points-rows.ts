// The moves every editable record of the capability makes: create it with its audit entry; load a row of
// the principal's villages (outside them it does not exist); save a change guarded by the version the page
// saw — the row and the audit entry in one transaction; of two people saving at once the second gets
// POINTS_VERSION_CONFLICT.
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { AppError, type ErrorCode } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { type Db, inVillageScope } from './points-scope.js';

type EditableTable = 'points_households' | 'points_items' | 'points_rules';

export async function loadInScope<T extends EditableTable>(
  db: Db,
  principal: Principal,
  table: T,
  id: number,
  missing: ErrorCode,
): Promise<Selectable<DB[T]>> {
  const row = await db
    .selectFrom(table as EditableTable)
    .selectAll()
    .where('id', '=', id)
    .where(inVillageScope(principal, table))
    .executeTakeFirst();
  if (!row) throw new AppError(missing, { details: { id } });
  return row as Selectable<DB[T]>;
}

export async function saveVersioned<T extends EditableTable>(
  deps: PointsDeps,
  principal: Principal,
  change: { table: T; id: number; version: number; set: Updateable<DB[T]> },
  audit: { action: string; targetType: string; details?: Record<string, unknown> },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable(change.table as 'points_items')
      .set({
        ...(change.set as Updateable<DB['points_items']>),
        version: sql`version + 1`,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', change.id)
      .where('version', '=', change.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('POINTS_VERSION_CONFLICT', { details: { id: change.id, yourVersion: change.version } });
    }
    await deps.audit.record(principal, { ...audit, targetId: change.id }, trx);
  });
}

export async function createAudited<T extends EditableTable>(
  deps: PointsDeps,
  principal: Principal,
  row: { table: T; values: Insertable<DB[T]> },
  audit: { action: string; targetType: string; details?: Record<string, unknown> },
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto(row.table as 'points_items')
      .values(row.values as Insertable<DB['points_items']>)
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(principal, { ...audit, targetId: id }, trx);
    return id;
  });
}
