// Adds a milestone to a project (a step found along the way): its task starts at once; its owner unit, when
// another than the project's, comes to see the project.
import { AppError } from '../../core/errors.js';
import { checkMilestone, type MilestoneInput, PROJECT_LIMITS } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { addMilestoneTask, commitProjectChange, type ProjectDeps, projectForChange } from './project-store.js';

export async function addMilestone(
  deps: ProjectDeps,
  id: number,
  input: MilestoneInput,
  principal: Principal,
): Promise<{ milestoneId: number; taskId: number }> {
  const { now, calendar } = await deps.contexts.context();
  return deps.db.transaction().execute(async (trx) => {
    const project = await projectForChange(trx, id, principal, { byKeeper: true });
    const checked = checkMilestone(input, project.year, now, calendar);
    if (!checked.ok) throw ruleError(checked.error);
    const { count } = await trx
      .selectFrom('project_milestones')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count) >= PROJECT_LIMITS.milestones) {
      throw new AppError('VALIDATION_FAILED', {
        message: `里程碑不能超过 ${PROJECT_LIMITS.milestones} 个`,
        details: { field: 'milestones' },
      });
    }
    const added = await addMilestoneTask(deps, trx, project, checked.value, principal, Number(count));
    const details = {
      milestoneId: added.milestoneId,
      taskId: added.taskId,
      title: checked.value.title,
      dueDate: input.dueDate,
    };
    await commitProjectChange(trx, deps.audit, principal, project, {
      type: 'add_milestone',
      at: now,
      details,
      addUnits: [added.ownerOrgId],
    });
    return { milestoneId: added.milestoneId, taskId: added.taskId };
  });
}
