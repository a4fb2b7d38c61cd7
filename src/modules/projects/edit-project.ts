// Edits a project's name, goal and indicator definitions at the version the editor saw. An indicator named by
// id is changed, one without an id is added; indicators are never removed (monthly reports refer to them).
import { AppError } from '../../core/errors.js';
import { checkIndicators, type IndicatorInput, PROJECT_LIMITS } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { commitProjectChange, type ProjectDeps, projectForChange } from './project-store.js';

export interface EditProjectInput {
  readonly version: number;
  readonly name?: string;
  readonly goal?: string;
  readonly indicators?: (IndicatorInput & { id?: number })[];
}

function text(value: string | undefined, field: string, label: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!v || v.length > max) {
    throw new AppError('VALIDATION_FAILED', { message: `请填写${label}（不超过 ${max} 字）`, details: { field } });
  }
  return v;
}

export async function editProject(
  deps: ProjectDeps,
  id: number,
  input: EditProjectInput,
  principal: Principal,
): Promise<void> {
  const name = text(input.name, 'name', '项目名称', PROJECT_LIMITS.name);
  const goal = text(input.goal, 'goal', '项目目标', PROJECT_LIMITS.goal);
  const indicators = input.indicators === undefined ? undefined : checkIndicators(input.indicators);
  if (indicators && !indicators.ok) throw ruleError(indicators.error);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const project = await projectForChange(trx, id, principal, { version: input.version, byKeeper: true });
    if (name !== undefined || goal !== undefined) {
      await trx.updateTable('projects').set({ name, goal }).where('id', '=', id).execute();
    }
    const existing = await trx.selectFrom('project_indicators').select('id').where('project_id', '=', id).execute();
    for (const [i, indicator] of (indicators?.ok ? indicators.value : []).entries()) {
      const given = input.indicators?.[i]?.id;
      const values = {
        name: indicator.name,
        unit: indicator.unit,
        baseline: indicator.baseline,
        target: indicator.target,
      };
      if (given === undefined) {
        await trx
          .insertInto('project_indicators')
          .values({ project_id: id, ...values, current_value: indicator.current ?? null, sort: existing.length + i })
          .execute();
      } else if (existing.some((e) => e.id === given)) {
        await trx.updateTable('project_indicators').set(values).where('id', '=', given).execute();
      } else {
        throw new AppError('VALIDATION_FAILED', {
          message: '指标不属于本项目，请刷新后重试',
          details: { field: `indicators[${i}].id` },
        });
      }
    }
    const fields = Object.entries({ name, goal, indicators: input.indicators })
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    await commitProjectChange(trx, deps.audit, principal, project, { type: 'edit', at: now, details: { fields } });
  });
}
