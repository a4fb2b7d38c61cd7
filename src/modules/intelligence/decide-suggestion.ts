// The dispatcher's one click on a suggestion: accept it (the suggested category) or correct it (another one).
// In one transaction guarded by the version the dispatcher saw: the case's category is set through the case
// module's writer (an 'amended' entry naming the change) and the decision is kept on the suggestion, where the
// corrections are counted and from where the retraining reads the county's own labelled cases.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { CaseContext } from '../../domain/case/index.js';
import type { Principal } from '../auth/principal.js';
import { loadCase } from '../cases/act-on-case.js';
import { actorOf } from '../cases/case-actor.js';
import { setCaseCategory } from './case-category.js';

export interface DecideInput {
  version: number;
  categoryId: number;
}

export interface DecideResult {
  status: 'accepted' | 'corrected';
  version: number;
}

export async function decideSuggestion(
  deps: { db: Kysely<DB>; context: () => Promise<CaseContext>; onChanged?: (caseId: number) => void },
  caseId: number,
  input: DecideInput,
  principal: Principal,
): Promise<DecideResult> {
  const ctx = await deps.context();
  const result = await deps.db.transaction().execute(async (trx) => {
    const { c } = await loadCase(trx, caseId, principal, true);
    const suggestion = await trx
      .selectFrom('case_suggestions')
      .select(['status', 'category_id'])
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!suggestion || suggestion.status === 'pending' || suggestion.status === 'failed') {
      throw new AppError('NOT_FOUND', { message: '该案件没有智能分类建议', details: { caseId } });
    }
    if (c.version !== input.version) {
      throw new AppError('CASE_VERSION_CONFLICT', {
        details: { caseId, current: { version: c.version, state: c.state }, yourVersion: input.version },
      });
    }
    if (['closed', 'rejected', 'merged'].includes(c.state)) {
      throw new AppError('VALIDATION_FAILED', { message: '案件已办结，不能再更改分类' });
    }
    const category = await trx
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('id', '=', input.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!category) throw new AppError('CATEGORY_NOT_FOUND', { details: { categoryId: input.categoryId } });
    const status = suggestion.category_id === input.categoryId ? 'accepted' : 'corrected';
    let version = c.version;
    if (c.categoryId !== String(input.categoryId)) {
      const outcome = await setCaseCategory(trx, c, input.categoryId, actorOf(principal), principal.userId, ctx, {
        kind: status === 'accepted' ? 'suggestion_accepted' : 'suggestion_corrected',
        note: status === 'accepted' ? `采纳智能分类建议：${category.name}` : `纠正智能分类建议：改为 ${category.name}`,
      });
      version = outcome.case.version;
    }
    await trx
      .updateTable('case_suggestions')
      .set({
        status,
        final_category_id: input.categoryId,
        decided_by: principal.userId,
        decided_at: ctx.now,
        updated_at: new Date(),
      })
      .where('case_id', '=', caseId)
      .execute();
    return { status, version } as DecideResult;
  });
  deps.onChanged?.(caseId);
  return result;
}
