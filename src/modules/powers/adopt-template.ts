// A village adopts the county's template: each active template item not adopted before becomes an item of the
// village, a copy that records the template version it copied (the unique index on (village, template item)
// makes a second adoption add only what the county added since). The county's later edits never change the
// copy silently: the village sees that its copy is behind and takes the new version when it decides to
// (syncFromTemplate), which replaces the copy's text and steps with the template's.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PowerDeps } from './power-deps.js';
import { type Db, requireVillage } from './power-scope.js';
import { loadItem } from './save-item.js';

/** Copies the template's active items the village has not adopted yet (in the caller's transaction). */
export async function copyTemplateInto(
  trx: Db,
  village: { id: number; countyCode: string },
  now: Date,
): Promise<number[]> {
  const inserted = await trx
    .insertInto('power_items')
    .columns([
      'county_code',
      'village_id',
      'template_item_id',
      'template_version',
      'category',
      'name',
      'legal_basis',
      'description',
      'steps',
      'sort',
      'created_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('power_items as t')
        .select([
          't.county_code',
          sql.lit(village.id).as('village_id'),
          't.id',
          't.version',
          't.category',
          't.name',
          't.legal_basis',
          't.description',
          't.steps',
          't.sort',
          sql<Date>`${now}::timestamptz`.as('created_at'),
          sql<Date>`${now}::timestamptz`.as('updated_at'),
        ])
        .where('t.village_id', 'is', null)
        .where('t.county_code', '=', village.countyCode)
        .where('t.active', '=', true),
    )
    .onConflict((oc) =>
      oc.columns(['village_id', 'template_item_id']).where('template_item_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export async function adoptTemplate(
  deps: PowerDeps,
  principal: Principal,
  villageId: number,
): Promise<{ added: number }> {
  const village = await requireVillage(deps.db, principal, villageId);
  return deps.db.transaction().execute(async (trx) => {
    const ids = await copyTemplateInto(trx, village, deps.clock.now());
    await deps.audit.record(
      principal,
      { action: 'power.template.adopt', targetType: 'org', targetId: village.id, details: { added: ids.length } },
      trx,
    );
    return { added: ids.length };
  });
}

/** The village's copy takes the template item's current version (its text and steps). */
export async function syncFromTemplate(
  deps: PowerDeps,
  principal: Principal,
  id: number,
  version: number,
): Promise<void> {
  const item = await loadItem(deps.db, principal, id);
  if (item.village_id === null || item.template_item_id === null) {
    throw new AppError('VALIDATION_FAILED', {
      message: '该事项不是从县级模板采用的，无需同步',
      details: { itemId: id },
    });
  }
  const template = await deps.db
    .selectFrom('power_items')
    .selectAll()
    .where('id', '=', item.template_item_id)
    .executeTakeFirstOrThrow();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('power_items')
      .set({
        category: template.category,
        name: template.name,
        legal_basis: template.legal_basis,
        description: template.description,
        steps: JSON.stringify(template.steps),
        template_version: template.version,
        version: sql`version + 1`,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('POWER_VERSION_CONFLICT', { details: { itemId: id, yourVersion: version } });
    }
    await deps.audit.record(
      principal,
      {
        action: 'power.item.sync',
        targetType: 'power_item',
        targetId: id,
        details: { templateItemId: template.id, from: item.template_version, to: template.version },
      },
      trx,
    );
  });
}
