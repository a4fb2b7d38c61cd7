// Takes one action on a case: load it (outside the principal's scope it does not exist), let the state machine
// decide, and write the outcome in one statement guarded by the version the caller saw (persistOutcome; a merge, which
// changes two cases, in one transaction). Two people acting at once: the first wins, the second gets
// CASE_VERSION_CONFLICT with the current state.
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
import { persistOutcome, WRITTEN_COLUMNS, type WrittenCase } from './case-store.js';

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
): Promise<{ c: Case; version: number; countyCode: string; row: WrittenCase }> {
  let query = db
    .selectFrom('cases')
    .select(['id', 'machine', 'version', ...WRITTEN_COLUMNS])
    .where('id', '=', id);
  if (principal) query = query.where(casesVisibleTo(principal));
  if (lock) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId: id } });
  if (!row.machine) throw new AppError('CASE_READ_ONLY', { details: { caseId: id } });
  const { id: _id, machine, version, ...written } = row;
  return { c: deserializeCase(machine), version, countyCode: row.county_code, row: written };
}

/**
 * The units an action names (the lead, assisting and summoned units) must be active organisations of the
 * case's county: a case is worked within its county, which is what lets case-scope.ts bound every scope by it.
 */
async function checkNamedUnits(db: Kysely<DB>, action: CaseAction, countyCode: string): Promise<void> {
  const a = action as { leadOrgId?: unknown; assistingOrgIds?: unknown; orgIds?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const named = [...(a.leadOrgId === undefined ? [] : [a.leadOrgId]), ...list(a.assistingOrgIds), ...list(a.orgIds)];
  if (named.length === 0) return;
  const ids = named.map(Number);
  const known = ids.every((n) => Number.isSafeInteger(n) && n > 0)
    ? await db
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
  const outcome =
    action.type === 'merge'
      ? await mergeInto(deps, id, expectedVersion, action, actor, actorUserId, principal, ctx)
      : await act();
  deps.onChanged?.(id);
  return outcome;

  // No transaction and no lock: the case is read, the machine decides, and persistOutcome writes the outcome in one
  // statement guarded by the version read. A concurrent writer that committed first makes that statement write
  // nothing (CASE_VERSION_CONFLICT), exactly as the locking read's version check did.
  async function act(): Promise<CaseOutcome> {
    const { c, countyCode, row } = await loadCase(deps.db, id, principal);
    checkVersion(c, id, expectedVersion);
    if (action.type === 'attachDuplicate') {
      throw new AppError('VALIDATION_FAILED', { message: '请在重复案件上执行“合并”，主案件会自动记录' });
    }
    await checkNamedUnits(deps.db, action, countyCode);
    const result = applyCaseAction(c, action, actor, ctx);
    if (!result.ok) throw domainToAppError(result.error, c, action);
    await persistOutcome(deps.db, c, result.value, { expectedVersion, actorUserId, row });
    return result.value;
  }
}

function checkVersion(c: Case, id: number, expectedVersion: number): void {
  if (c.version !== expectedVersion) {
    throw new AppError('CASE_VERSION_CONFLICT', {
      details: { caseId: id, current: { version: c.version, state: c.state }, yourVersion: expectedVersion },
    });
  }
}

/** A merge changes two cases: both are locked and written in one transaction, the duplicate following the main case. */
async function mergeInto(
  deps: ActDeps,
  id: number,
  expectedVersion: number,
  action: CaseAction & { type: 'merge' },
  actor: Actor,
  actorUserId: number | null,
  principal: Principal | null,
  ctx: CaseContext,
): Promise<CaseOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const { c, row } = await loadCase(trx, id, principal, true);
    checkVersion(c, id, expectedVersion);
    const mainId = Number(action.mainCaseId);
    if (!Number.isInteger(mainId) || mainId === id) {
      throw new AppError('VALIDATION_FAILED', { message: '主案件不正确', details: { field: 'mainCaseId' } });
    }
    const main = await loadCase(trx, mainId, principal, true);
    const merged = mergeCases(c, main.c, actor, ctx);
    if (!merged.ok) throw domainToAppError(merged.error, c, action);
    await persistOutcome(trx, c, merged.value.duplicate, { expectedVersion, actorUserId, row });
    await persistOutcome(trx, main.c, merged.value.main, {
      expectedVersion: main.c.version,
      actorUserId,
      row: main.row,
    });
    return merged.value.duplicate;
  });
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
