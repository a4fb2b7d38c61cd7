// Incubation (孵化 → 培育 → 成熟): the supervising unit records the support given (场地, 资金, 培训, 指导 …) at
// the stage the organisation is in, and moves it on one stage at a time (src/domain/social-org says which).
import { AppError } from '../../core/errors.js';
import { advanceStage, type IncubationStage, type SupportKind } from '../../domain/social-org/index.js';
import type { Principal } from '../auth/principal.js';
import { ruleError } from '../record-history/index.js';
import { requireKeeper } from './social-org-scope.js';
import { checkVersion, commitSocialOrgChange, loadSocialOrg, type SocialOrgDeps } from './social-org-store.js';

export interface SupportInput {
  kind: SupportKind;
  description: string;
  amount?: number | null;
  givenOn: string;
}

export async function addSupport(
  deps: SocialOrgDeps,
  principal: Principal,
  id: number,
  input: SupportInput,
): Promise<{ id: number }> {
  const description = input.description.trim();
  if (!description || description.length > 500) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请填写扶持内容（500 字以内）',
      details: { field: 'description' },
    });
  }
  if (input.amount !== undefined && input.amount !== null && (!Number.isFinite(input.amount) || input.amount < 0)) {
    throw new AppError('VALIDATION_FAILED', { message: '扶持金额须不小于 0', details: { field: 'amount' } });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadSocialOrg(trx, id, principal, true);
    requireKeeper(principal, row);
    const support = await trx
      .insertInto('social_org_supports')
      .values({
        social_org_id: id,
        stage: row.stage,
        kind: input.kind,
        description,
        amount: input.amount ?? null,
        given_on: input.givenOn,
        given_by_org_id: principal.orgId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await commitSocialOrgChange(trx, deps.audit, principal, row, {
      type: 'support',
      at: now,
      details: { kind: input.kind, description, amount: input.amount ?? null, stage: row.stage },
    });
    return { id: support.id };
  });
}

export async function moveStage(
  deps: SocialOrgDeps,
  principal: Principal,
  id: number,
  input: { stage: IncubationStage; version: number; note?: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadSocialOrg(trx, id, principal, true);
    requireKeeper(principal, row);
    checkVersion(row, input.version);
    const next = advanceStage(row.stage as IncubationStage, input.stage);
    if (!next.ok) throw ruleError(next.error);
    await commitSocialOrgChange(trx, deps.audit, principal, row, {
      type: 'advance_stage',
      at: now,
      set: { stage: next.value },
      details: { from: row.stage, to: next.value, note: input.note?.trim() ?? '' },
    });
  });
}
