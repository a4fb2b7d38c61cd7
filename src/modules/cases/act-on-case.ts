// Takes one action on a case: load it (outside the principal's scope it does not exist), let the state machine
// decide, and write the outcome in one transaction guarded by the version the caller saw. Two people acting
// at once: the first wins, the second gets CASE_VERSION_CONFLICT with the current state.
import type { Kysely, Transaction } from 'kysely';
import { AppError, type ErrorCode } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  type Actor,
  applyCaseAction,
  type Case,
  type CaseAction,
  type CaseContext,
  type CaseOutcome,
  type DomainError,
  mergeCases,
} from '../../domain/case/index.js';
import type { Principal } from '../auth/principal.js';
import { actorOf } from './case-actor.js';
import { ACTION_LABELS, STATE_LABELS } from './case-labels.js';
import { casesVisibleTo } from './case-scope.js';
import { deserializeCase } from './case-snapshot.js';
import { persistOutcome } from './case-store.js';

const ID_FIELDS = ['leadOrgId', 'mainCaseId', 'duplicateCaseId'] as const;
const ID_LIST_FIELDS = ['assistingOrgIds', 'orgIds'] as const;

/** The API takes ids as numbers; the machine keeps them as strings. */
export function toDomainAction(input: Record<string, unknown>): CaseAction {
  const action: Record<string, unknown> = { ...input };
  for (const f of ID_FIELDS) if (typeof action[f] === 'number') action[f] = String(action[f]);
  for (const f of ID_LIST_FIELDS) {
    if (Array.isArray(action[f])) action[f] = (action[f] as unknown[]).map((v) => String(v));
  }
  return action as unknown as CaseAction;
}

export function domainToAppError(error: DomainError, c: Case, action: CaseAction): AppError {
  const code: ErrorCode = error.code === 'VALIDATION' ? 'VALIDATION_FAILED' : error.code;
  if (error.code === 'ACTION_NOT_ALLOWED_IN_STATE') {
    return new AppError(code, {
      message: `案件当前状态为“${STATE_LABELS[c.state]}”，不能${ACTION_LABELS[action.type] ?? action.type}`,
      details: { ...error.details, state: c.state, version: c.version },
    });
  }
  return new AppError(code, {
    message: error.message,
    details: { ...error.details, state: c.state, version: c.version },
  });
}

export async function loadCase(
  db: Kysely<DB> | Transaction<DB>,
  id: number,
  principal: Principal | null,
  lock = false,
): Promise<{ c: Case; version: number; countyCode: string }> {
  let query = db.selectFrom('cases').select(['id', 'machine', 'version', 'county_code']).where('id', '=', id);
  if (principal) query = query.where(casesVisibleTo(principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
  if (!row.machine) throw new AppError('CASE_READ_ONLY', { details: { caseId: id } });
  return { c: deserializeCase(row.machine), version: row.version, countyCode: row.county_code };
}

/**
 * The units an action names (the lead, assisting and summoned units) must be active organisations of the
 * case's county: a case is worked within its county, which is what lets case-scope.ts bound every scope by it.
 */
async function checkNamedUnits(trx: Transaction<DB>, action: CaseAction, countyCode: string): Promise<void> {
  const a = action as { leadOrgId?: unknown; assistingOrgIds?: unknown; orgIds?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const named = [...(a.leadOrgId === undefined ? [] : [a.leadOrgId]), ...list(a.assistingOrgIds), ...list(a.orgIds)];
  if (named.length === 0) return;
  const ids = named.map(Number);
  const known = ids.every((n) => Number.isSafeInteger(n) && n > 0)
    ? await trx
        .selectFrom('orgs')
        .select('id')
        .where('id', 'in', ids)
        .where('county_code', '=', countyCode)
        .where('active', '=', true)
        .execute()
    : [];
  const unknown = named.filter((_, i) => !known.some((o) => o.id === ids[i]));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '所选单位不存在、已停用或不属于本县，请重新选择',
      details: { orgIds: unknown },
    });
  }
}

export interface ActDeps {
  db: Kysely<DB>;
  context: () => Promise<CaseContext>;
  /** Called after the transaction commits (live updates). */
  onChanged?: (caseId: number) => void;
}

/** Applies the action as `actor` and persists it; the principal's scope has been checked by the caller. */
export async function applyAndPersist(
  deps: ActDeps,
  id: number,
  expectedVersion: number,
  action: CaseAction,
  actor: Actor,
  actorUserId: number | null,
  principal: Principal | null,
): Promise<CaseOutcome> {
  const ctx = await deps.context();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const { c, countyCode } = await loadCase(trx, id, principal, true);
    if (c.version !== expectedVersion) {
      throw new AppError('CASE_VERSION_CONFLICT', {
        details: { caseId: id, current: { version: c.version, state: c.state }, yourVersion: expectedVersion },
      });
    }
    if (action.type === 'attachDuplicate') {
      throw new AppError('VALIDATION_FAILED', { message: '请在重复案件上执行“合并”，主案件会自动记录' });
    }
    if (action.type === 'merge') {
      // Both cases change in this transaction: the duplicate follows the main case, which records it.
      const mainId = Number(action.mainCaseId);
      if (!Number.isInteger(mainId) || mainId === id) {
        throw new AppError('VALIDATION_FAILED', { message: '主案件不正确', details: { field: 'mainCaseId' } });
      }
      const main = (await loadCase(trx, mainId, principal, true)).c;
      const merged = mergeCases(c, main, actor, ctx);
      if (!merged.ok) throw domainToAppError(merged.error, c, action);
      await persistOutcome(trx, c, merged.value.duplicate, { expectedVersion, actorUserId });
      await persistOutcome(trx, main, merged.value.main, { expectedVersion: main.version, actorUserId });
      return merged.value.duplicate;
    }
    await checkNamedUnits(trx, action, countyCode);
    const result = applyCaseAction(c, action, actor, ctx);
    if (!result.ok) throw domainToAppError(result.error, c, action);
    await persistOutcome(trx, c, result.value, { expectedVersion, actorUserId });
    return result.value;
  });
  deps.onChanged?.(id);
  return outcome;
}

export async function actOnCase(
  deps: ActDeps,
  id: number,
  input: { version: number; action: Record<string, unknown> },
  principal: Principal,
): Promise<CaseOutcome> {
  const action = toDomainAction(input.action);
  try {
    return await applyAndPersist(deps, id, input.version, action, actorOf(principal), principal.userId, principal);
  } catch (error) {
    // A concurrent writer committed first (the version guard or the timeline's unique version caught it):
    // answer with the state it left.
    const lostRace =
      (error instanceof AppError &&
        error.code === 'CASE_VERSION_CONFLICT' &&
        !(error.details as { current?: unknown })?.current) ||
      (error as { code?: string })?.code === '23505';
    if (lostRace) {
      const now = await deps.db
        .selectFrom('cases')
        .select(['version', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError('CASE_VERSION_CONFLICT', {
        details: { caseId: id, current: now ? { version: now.version, state: now.status } : null },
      });
    }
    throw error;
  }
}
