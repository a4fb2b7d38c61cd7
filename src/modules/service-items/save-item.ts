// Adds or edits an item of a list: the county's template (county platform) or a station's own list (the
// station's unit or above). The domain checks the fields against the list (a chain's steps are active single
// items of the same list); the row, its history entry and the audit entry are one transaction. Editing a
// template item raises its version, so the stations that adopted it see their copy is behind.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import {
  chainLimitDays,
  type ItemKind,
  type ServiceItemFields,
  type ServiceLevel,
  validateItem,
} from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServiceDeps } from './service-deps.js';
import { decided } from './service-errors.js';
import { itemRef } from './service-rows.js';
import { type Db, inServiceScope, loadStation, requireCountyLevel } from './service-scope.js';
import { writeListChange } from './service-store.js';

export interface ItemFields {
  kind?: ItemKind;
  category: string;
  name: string;
  department?: string;
  description?: string;
  materials: string[];
  legalLimitDays?: number;
  levels: ServiceLevel[];
  agent?: boolean;
  chainItemIds?: number[];
  active?: boolean;
  sort?: number;
}

/** An item the principal may read: a template item of its county, or an item of a station in its scope. */
export async function loadItem(db: Db, principal: Principal, id: number, lock = false) {
  let query = db
    .selectFrom('service_items as i')
    .leftJoin('service_stations as s', 's.id', 'i.station_id')
    .selectAll('i')
    .select(['s.kind as station_kind', 's.org_id'])
    .where('i.id', '=', id)
    .where('i.county_code', '=', principal.countyCode ?? '')
    .where((eb) => eb.or([eb('i.station_id', 'is', null), inServiceScope(principal, 's')]));
  if (lock) query = query.forUpdate('i');
  const row = await query.executeTakeFirst();
  if (!row || principal.role === 'citizen') throw new AppError('SERVICE_ITEM_NOT_FOUND', { details: { itemId: id } });
  return row;
}

/** The items of a list (template: station null), as the domain's references by id. */
async function listOf(db: Db, countyCode: string, stationId: number | null) {
  const rows = await db
    .selectFrom('service_items')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('station_id', stationId === null ? 'is' : '=', stationId)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), itemRef(r)]));
}

/** The fields as the domain sees them; a chain's limit is its longest step's. */
function fieldsOf(input: ItemFields, list: Awaited<ReturnType<typeof listOf>>): ServiceItemFields {
  const chainItemIds = input.chainItemIds ?? [];
  const kind = input.kind ?? 'single';
  const steps = chainItemIds.map((id) => list.get(id)).filter((s) => s !== undefined);
  return {
    kind,
    category: input.category,
    name: input.name.trim(),
    department: input.department?.trim() ?? '',
    materials: input.materials.map((m) => m.trim()),
    legalLimitDays:
      kind === 'chain' && input.legalLimitDays === undefined ? chainLimitDays(steps) : (input.legalLimitDays ?? 0),
    levels: input.levels,
    agent: input.agent ?? false,
    chainItemIds,
  };
}

export async function createItem(
  deps: ServiceDeps,
  principal: Principal,
  stationId: number | null,
  input: ItemFields,
): Promise<number> {
  if (stationId === null) requireCountyLevel(principal);
  else await loadStation(deps.db, principal, stationId);
  const countyCode = principal.countyCode as string;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const list = await listOf(trx, countyCode, stationId);
    const fields = fieldsOf(input, list);
    decided(validateItem(fields, list));
    const { id } = await trx
      .insertInto('service_items')
      .values({
        county_code: countyCode,
        station_id: stationId,
        template_item_id: null,
        template_version: null,
        kind: fields.kind,
        category: fields.category.trim(),
        name: fields.name,
        department: fields.department,
        description: input.description?.trim() ?? '',
        materials: [...fields.materials],
        legal_limit_days: fields.legalLimitDays,
        levels: [...fields.levels],
        agent: fields.agent,
        chain_item_ids: [...fields.chainItemIds],
        active: input.active ?? true,
        sort: input.sort ?? (list.size + 1) * 10,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeListChange(trx, deps.audit, principal, {
      kind: 'service_item',
      id: Number(id),
      type: 'create',
      at: now,
      details: { name: fields.name, stationId },
    });
    return Number(id);
  });
}

export async function updateItem(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: Partial<ItemFields> & { version: number },
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, principal, id, true);
    if (row.station_id === null) requireCountyLevel(principal);
    if (row.version !== input.version) {
      throw new AppError('SERVICE_VERSION_CONFLICT', {
        details: { itemId: id, yourVersion: input.version, current: { version: row.version } },
      });
    }
    const list = await listOf(trx, row.county_code, row.station_id === null ? null : Number(row.station_id));
    list.delete(id);
    const current = itemRef(row);
    const merged: ItemFields = {
      kind: current.kind,
      category: input.category ?? current.category,
      name: input.name ?? current.name,
      department: input.department ?? current.department,
      materials: input.materials ?? [...current.materials],
      legalLimitDays: input.legalLimitDays ?? current.legalLimitDays,
      levels: input.levels ?? [...current.levels],
      agent: input.agent ?? current.agent,
      chainItemIds: input.chainItemIds ?? [...current.chainItemIds],
    };
    const fields = fieldsOf(merged, list);
    decided(validateItem(fields, list));
    await trx
      .updateTable('service_items')
      .set({
        category: fields.category.trim(),
        name: fields.name,
        department: fields.department,
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        materials: [...fields.materials],
        legal_limit_days: fields.legalLimitDays,
        levels: [...fields.levels],
        agent: fields.agent,
        chain_item_ids: [...fields.chainItemIds],
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const { version: _v, ...changed } = input;
    await writeListChange(trx, deps.audit, principal, {
      kind: 'service_item',
      id,
      type: 'edit',
      at: now,
      details: { fields: Object.keys(changed) },
    });
  });
}
