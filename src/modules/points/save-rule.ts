// Keeps the rules: the county platform keeps the template (what earns or costs points, how many, with caps
// per period); a village keeps its own — adopted from the template (adopt-template.ts) or added — and may
// change points, caps and whether a rule is active. A rule in use is never deleted: it is deactivated, so
// the entries that name it keep their meaning.
import { AppError } from '../../core/errors.js';
import type { CapPeriod, RuleUnit } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { createAudited, saveVersioned } from './points-rows.js';
import { inVillageScope, requireCountyLevel, requireVillage } from './points-scope.js';

export interface RuleFields {
  category: string;
  name: string;
  points: number;
  unit: RuleUnit;
  capPoints?: number | null;
  capPeriod?: CapPeriod | null;
  active?: boolean;
  sort?: number;
}

function checkCapFields(f: { capPoints?: number | null; capPeriod?: CapPeriod | null; points: number }) {
  if (((f.capPoints ?? null) === null) !== ((f.capPeriod ?? null) === null)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '上限分值与上限周期须同时填写或同时留空',
      details: { field: 'capPoints' },
    });
  }
  if (f.points === 0)
    throw new AppError('VALIDATION_FAILED', { message: '分值不能为 0', details: { field: 'points' } });
}

/** Adds a rule to the county template (villageId null) or to a village. */
export async function createRule(
  deps: PointsDeps,
  principal: Principal,
  villageId: number | null,
  input: RuleFields,
): Promise<number> {
  const village = villageId === null ? null : await requireVillage(deps.db, principal, villageId);
  if (!village) requireCountyLevel(principal);
  checkCapFields(input);
  const now = deps.clock.now();
  return createAudited(
    deps,
    principal,
    {
      table: 'points_rules',
      values: {
        county_code: village?.countyCode ?? (principal.countyCode as string),
        village_id: village?.id ?? null,
        template_rule_id: null,
        category: input.category.trim(),
        name: input.name.trim(),
        points: input.points,
        unit: input.unit,
        cap_points: input.capPoints ?? null,
        cap_period: input.capPeriod ?? null,
        active: input.active ?? true,
        sort: input.sort ?? 100,
        created_at: now,
        updated_at: now,
      },
    },
    {
      action: 'points.rule.create',
      targetType: 'points_rule',
      details: { villageId, name: input.name, points: input.points },
    },
  );
}

/** Changes a rule of the template (county platform) or of a village in scope. */
export async function updateRule(
  deps: PointsDeps,
  principal: Principal,
  id: number,
  input: Partial<RuleFields> & { version: number },
): Promise<void> {
  const rule = await deps.db
    .selectFrom('points_rules')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('village_id', 'is', null), eb('county_code', '=', principal.countyCode ?? '∅')]),
        inVillageScope(principal, 'points_rules'),
      ]),
    )
    .executeTakeFirst();
  if (!rule) throw new AppError('POINTS_RULE_NOT_FOUND', { details: { ruleId: id } });
  if (rule.village_id === null) requireCountyLevel(principal);
  const merged = {
    category: input.category?.trim() ?? rule.category,
    name: input.name?.trim() ?? rule.name,
    points: input.points ?? rule.points,
    unit: input.unit ?? rule.unit,
    cap_points: input.capPoints === undefined ? rule.cap_points : input.capPoints,
    cap_period: input.capPeriod === undefined ? rule.cap_period : input.capPeriod,
    active: input.active ?? rule.active,
    sort: input.sort ?? rule.sort,
  };
  checkCapFields({
    points: merged.points,
    capPoints: merged.cap_points,
    capPeriod: merged.cap_period as CapPeriod | null,
  });
  await saveVersioned(
    deps,
    principal,
    { table: 'points_rules', id, version: input.version, set: merged },
    { action: 'points.rule.update', targetType: 'points_rule', details: { ...merged } },
  );
}
