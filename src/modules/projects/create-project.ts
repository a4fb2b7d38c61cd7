// Registers a unit's breakthrough project for a year (申报突破项目): goal, indicators with target values, and
// milestones — each a task with its due date on the working calendar. The project, its indicators, milestones
// and their tasks, the history entry and the audit entry commit together.
import { AppError } from '../../core/errors.js';
import { checkProject, type IndicatorInput, type MilestoneInput } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { recordChange, ruleError } from '../record-history/index.js';
import { addMilestoneTask, type ProjectDeps } from './project-store.js';

/** A project is a department's, a town office's or a town's. */
const OWNER_KINDS = ['department', 'town', 'office'] as const;

export interface CreateProjectInput {
  readonly year: number;
  /** The owner unit; the principal's own by default. */
  readonly ownerOrgId?: number;
  readonly name: string;
  readonly goal: string;
  readonly indicators?: IndicatorInput[];
  readonly milestones?: MilestoneInput[];
}

export async function createProject(
  deps: ProjectDeps,
  input: CreateProjectInput,
  principal: Principal,
): Promise<{ id: number }> {
  const ownerOrgId = input.ownerOrgId ?? principal.orgId;
  const { now, calendar } = await deps.contexts.context();
  const checked = checkProject(
    { ...input, indicators: input.indicators ?? [], milestones: input.milestones ?? [] },
    now,
    calendar,
  );
  if (!checked.ok) throw ruleError(checked.error);
  const { indicators, milestones } = checked.value;
  return deps.db.transaction().execute(async (trx) => {
    const owner =
      ownerOrgId === null || !principal.scopeOrgIds.includes(ownerOrgId)
        ? undefined
        : await trx
            .selectFrom('orgs')
            .select(['id', 'county_code'])
            .where('id', '=', ownerOrgId)
            .where('kind', 'in', OWNER_KINDS)
            .where('active', '=', true)
            .executeTakeFirst();
    if (!owner) {
      throw new AppError('VALIDATION_FAILED', {
        message: '项目责任单位须为本单位或下级的县级部门、镇街或镇街科室',
        details: { field: 'ownerOrgId' },
      });
    }
    const name = input.name.trim();
    const goal = input.goal.trim();
    const project = await trx
      .insertInto('projects')
      .values({
        county_code: owner.county_code,
        year: input.year,
        owner_org_id: owner.id,
        name,
        goal,
        unit_ids: [owner.id],
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (indicators.length > 0) {
      await trx
        .insertInto('project_indicators')
        .values(
          indicators.map((i, sort) => ({
            project_id: project.id,
            name: i.name,
            unit: i.unit,
            baseline: i.baseline,
            target: i.target,
            current_value: i.current ?? null,
            sort,
          })),
        )
        .execute();
    }
    const owners = new Set([owner.id]);
    for (const [sort, milestone] of milestones.entries()) {
      owners.add((await addMilestoneTask(deps, trx, project, milestone, principal, sort)).ownerOrgId);
    }
    if (owners.size > 1) {
      await trx
        .updateTable('projects')
        .set({ unit_ids: [...owners] })
        .where('id', '=', project.id)
        .execute();
    }
    const details = { year: input.year, name, ownerOrgId: owner.id, milestones: milestones.length };
    await recordChange(trx, deps.audit, principal, {
      kind: 'project',
      id: project.id,
      type: 'create',
      at: now,
      details,
    });
    return { id: project.id };
  });
}
