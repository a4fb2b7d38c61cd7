// A village adopts the county's template: each active template rule not adopted before becomes a rule of
// the village (the unique index on (village, template rule) makes a second adoption add only what the
// county added since). The village may then change its copies without touching the template.
import { sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { requireVillage } from './points-scope.js';
import { settingsRow } from './update-settings.js';

export async function adoptTemplate(
  deps: PointsDeps,
  principal: Principal,
  villageId: number,
): Promise<{ added: number }> {
  const village = await requireVillage(deps.db, principal, villageId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('points_rules')
      .columns([
        'county_code',
        'village_id',
        'template_rule_id',
        'category',
        'name',
        'points',
        'unit',
        'cap_points',
        'cap_period',
        'sort',
        'created_at',
        'updated_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('points_rules as t')
          .select([
            't.county_code',
            sql.lit(village.id).as('village_id'),
            't.id',
            't.category',
            't.name',
            't.points',
            't.unit',
            't.cap_points',
            't.cap_period',
            't.sort',
            sql<Date>`${now}::timestamptz`.as('created_at'),
            sql<Date>`${now}::timestamptz`.as('updated_at'),
          ])
          .where('t.village_id', 'is', null)
          .where('t.county_code', '=', village.countyCode)
          .where('t.active', '=', true),
      )
      .onConflict((oc) =>
        oc.columns(['village_id', 'template_rule_id']).where('template_rule_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .execute();
    const settings = await settingsRow(trx, village.id, village.countyCode, now);
    await trx
      .updateTable('points_settings')
      .set({ template_adopted_at: now, version: settings.version + 1, updated_at: now })
      .where('village_id', '=', village.id)
      .execute();
    await deps.audit.record(
      principal,
      { action: 'points.template.adopt', targetType: 'org', targetId: village.id, details: { added: inserted.length } },
      trx,
    );
    return { added: inserted.length };
  });
}
