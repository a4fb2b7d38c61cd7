// A station adopts items of the county's template: the ones named (or every item it can offer), each copied
// once (the unique index on (station, template item) makes a repeat add nothing) with the template version it
// copied; a chain brings its steps and its copy points at the station's copies of them. The domain decides
// what may be adopted (an item handled at the station's level or 可代办; a chain only where all its steps are).
// A copy behind its template item takes the new version when the station decides to (syncFromTemplate).
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { adoptionPlan, type StationKind } from '../../domain/service-item/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { loadItem } from './save-item.js';
import type { ServiceDeps } from './service-deps.js';
import { decided } from './service-errors.js';
import { type ItemRow, itemRef } from './service-rows.js';
import { loadStation } from './service-scope.js';
import { writeListChange } from './service-store.js';

/** What a station's copy takes from its template item (on adoption and on 同步). */
function copiedFields(t: ItemRow) {
  return {
    category: t.category,
    name: t.name,
    department: t.department,
    description: t.description,
    materials: t.materials,
    legal_limit_days: t.legal_limit_days,
    levels: t.levels,
    agent: t.agent,
  };
}

/** Copies the planned template items into the station's list (in the caller's transaction); their new ids. */
export async function copyIntoStation(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  station: { id: number; county_code: string; kind: string },
  requested: readonly number[] | undefined,
  now: Date,
): Promise<number[]> {
  const template = await trx
    .selectFrom('service_items')
    .selectAll()
    .where('county_code', '=', station.county_code)
    .where('station_id', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const own = await trx
    .selectFrom('service_items')
    .select(['id', 'template_item_id'])
    .where('station_id', '=', station.id)
    .where('template_item_id', 'is not', null)
    .execute();
  const copyOf = new Map(own.map((r) => [Number(r.template_item_id), Number(r.id)]));
  const plan = decided(
    adoptionPlan(template.map(itemRef), new Set(copyOf.keys()), station.kind as StationKind, requested),
  );
  const rows = new Map(template.map((t) => [Number(t.id), t]));
  const added: number[] = [];
  for (const item of plan.add) {
    const t = rows.get(item.id);
    if (!t) continue;
    const { id } = await trx
      .insertInto('service_items')
      .values({
        county_code: t.county_code,
        station_id: station.id,
        template_item_id: t.id,
        template_version: t.version,
        kind: t.kind,
        ...copiedFields(t),
        chain_item_ids: t.chain_item_ids.map((step) => copyOf.get(Number(step)) ?? 0),
        sort: t.sort,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    copyOf.set(Number(t.id), Number(id));
    added.push(Number(id));
  }
  if (added.length > 0) {
    await writeListChange(trx, audit, principal, {
      kind: 'service_station',
      id: station.id,
      type: 'adopt',
      at: now,
      details: { added: plan.add.map((i) => i.name) },
    });
  }
  return added;
}

export async function adoptTemplate(
  deps: ServiceDeps,
  principal: Principal,
  stationId: number,
  itemIds?: number[],
): Promise<{ added: number }> {
  const now = deps.clock.now();
  const added = await deps.db.transaction().execute(async (trx) => {
    // the station locked: two adoptions at once add each item once
    const station = await loadStation(trx, principal, stationId, true);
    return copyIntoStation(trx, deps.audit, principal, { ...station, id: Number(station.id) }, itemIds, now);
  });
  return { added: added.length };
}

/** The station's copy takes its template item's current text, materials, limit and levels. */
export async function syncFromTemplate(deps: ServiceDeps, principal: Principal, id: number, version: number) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const item = await loadItem(trx, principal, id, true);
    if (item.station_id === null || item.template_item_id === null) {
      throw new AppError('VALIDATION_FAILED', {
        message: '该事项不是从县级模板采用的，无需同步',
        details: { itemId: id },
      });
    }
    if (item.version !== version) {
      throw new AppError('SERVICE_VERSION_CONFLICT', { details: { itemId: id, yourVersion: version } });
    }
    const t = await trx
      .selectFrom('service_items')
      .selectAll()
      .where('id', '=', item.template_item_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('service_items')
      .set({
        ...copiedFields(t),
        template_version: t.version,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await writeListChange(trx, deps.audit, principal, {
      kind: 'service_item',
      id,
      type: 'sync',
      at: now,
      details: { templateItemId: Number(t.id), from: item.template_version, to: t.version },
    });
  });
}
