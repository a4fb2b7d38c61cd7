// The county's year-end evaluation of a project (年终评价): a score 0–100, a grade (by the score unless the
// evaluator judges otherwise) and a comment, from 1 December of the project's year; evaluating again revises it.
// Assessment reads the evaluations per unit (GET /api/projects/evaluations).
import { AppError } from '../../core/errors.js';
import { checkEvaluation, type EvaluationInput } from '../../domain/project/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { ruleError } from '../record-history/index.js';
import { commitProjectChange, type ProjectDeps, projectForChange } from './project-store.js';

export async function evaluateProject(
  deps: ProjectDeps,
  id: number,
  input: EvaluationInput & { version: number },
  principal: Principal,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const project = await projectForChange(trx, id, principal, { version: input.version, byKeeper: false });
    if (!isCountyRoot(principal)) {
      throw new AppError('FORBIDDEN', { message: '突破项目的年终评价由县级进行' });
    }
    const checked = checkEvaluation(input, project.year, now);
    if (!checked.ok) {
      if (checked.error.notOpen) {
        throw new AppError('PROJECT_EVALUATION_NOT_OPEN', {
          message: checked.error.message,
          details: { year: project.year },
        });
      }
      throw ruleError(checked.error);
    }
    const { score, grade, comment } = checked.value;
    await trx
      .updateTable('projects')
      .set({
        eval_score: score,
        eval_grade: grade,
        eval_comment: comment,
        evaluated_at: now,
        evaluated_by: principal.userId,
      })
      .where('id', '=', id)
      .execute();
    const details = { score, grade, revised: project.evaluated_at !== null };
    await commitProjectChange(trx, deps.audit, principal, project, { type: 'evaluate', at: now, details });
  });
}
