// Keeps the list of powers: the county platform keeps the template (village_id NULL); a village keeps its own
// list — copies adopted from the template (adopt-template.ts) or powers of its own — and may change its copies
// (legal basis, steps, limits) without touching the template. A power in use is never deleted: it is
// deactivated, and each exercise keeps the procedure it started with. Each save is guarded by the version
// the page saw; the row and the audit entry are one transaction.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { type ProcedureStep, validateProcedure } from '../../domain/power/index.js';
import type { Principal } from '../auth/principal.js';
import type { PowerDeps } from './power-deps.js';
import { decided } from './power-errors.js';
import { type Db, inPowerScope, requireCountyLevel, requireVillage } from './power-scope.js';

export interface ItemFields {
  category: string;
  name: string;
  legalBasis?: string;
  description?: string;
  steps: ProcedureStep[];
  active?: boolean;
  sort?: number;
}

/** Steps as stored: every field present, names trimmed (the API's schema has checked the shapes). */
export function normaliseSteps(steps: readonly ProcedureStep[]): ProcedureStep[] {
  const normalised = steps.map((s) => ({
    key: s.key.trim(),
    name: s.name.trim(),
    actor: s.actor,
    documents: s.documents.map((d) => d.trim()).filter(Boolean),
    publicityDays: s.publicityDays ?? null,
    limitDays: s.limitDays ?? null,
    optional: s.optional ?? false,
    canReject: s.canReject ?? false,
    ...(s.description?.trim() ? { description: s.description.trim() } : {}),
  }));
  decided(validateProcedure(normalised));
  return normalised;
}

/** An item the principal may see: the county's template, or an item of its villages. */
export async function loadItem(db: Db, principal: Principal, id: number) {
  const row = await db
    .selectFrom('power_items')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('village_id', 'is', null), eb('county_code', '=', principal.countyCode ?? '∅')]),
        inPowerScope(principal, 'power_items'),
      ]),
    )
    .executeTakeFirst();
  if (!row || principal.role === 'citizen') throw new AppError('POWER_ITEM_NOT_FOUND', { details: { itemId: id } });
  return row;
}

/** Adds a power to the county template (villageId null) or to a village's list. */
export async function createItem(
  deps: PowerDeps,
  principal: Principal,
  villageId: number | null,
  input: ItemFields,
): Promise<number> {
  const village = villageId === null ? null : await requireVillage(deps.db, principal, villageId);
  if (!village) requireCountyLevel(principal);
  const steps = normaliseSteps(input.steps);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('power_items')
      .values({
        county_code: village?.countyCode ?? (principal.countyCode as string),
        village_id: village?.id ?? null,
        template_item_id: null,
        template_version: null,
        category: input.category.trim(),
        name: input.name.trim(),
        legal_basis: input.legalBasis?.trim() ?? '',
        description: input.description?.trim() ?? '',
        steps: JSON.stringify(steps),
        active: input.active ?? true,
        sort: input.sort ?? 100,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      principal,
      { action: 'power.item.create', targetType: 'power_item', targetId: id, details: { villageId, name: input.name } },
      trx,
    );
    return id;
  });
}

/** Changes a power of the template (county platform) or of a village in scope. */
export async function updateItem(
  deps: PowerDeps,
  principal: Principal,
  id: number,
  input: Partial<ItemFields> & { version: number },
): Promise<void> {
  const item = await loadItem(deps.db, principal, id);
  if (item.village_id === null) requireCountyLevel(principal);
  const set = {
    category: input.category?.trim() ?? item.category,
    name: input.name?.trim() ?? item.name,
    legal_basis: input.legalBasis?.trim() ?? item.legal_basis,
    description: input.description?.trim() ?? item.description,
    steps: JSON.stringify(input.steps ? normaliseSteps(input.steps) : item.steps),
    active: input.active ?? item.active,
    sort: input.sort ?? item.sort,
  };
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('power_items')
      .set({ ...set, version: sql`version + 1`, updated_at: deps.clock.now() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('POWER_VERSION_CONFLICT', { details: { itemId: id, yourVersion: input.version } });
    }
    await deps.audit.record(
      principal,
      {
        action: 'power.item.update',
        targetType: 'power_item',
        targetId: id,
        details: { name: set.name, active: set.active, stepsChanged: input.steps !== undefined },
      },
      trx,
    );
  });
}
