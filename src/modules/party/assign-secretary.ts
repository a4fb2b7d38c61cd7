// Sends a first secretary (第一书记) to a village: a county department (or the county platform on its behalf)
// names the person, the village and the term; the department sees its secretaries wherever they serve, the
// village and its town see theirs. A change of term or an early end is a versioned edit.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { checkTerm } from '../../domain/party/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import type { PartyDeps } from './party-deps.js';
import { decided } from './party-errors.js';
import { type Db, placeOf, secretariesInScope } from './party-scope.js';
import { changedFields, requireUpdated, writePartyChange } from './party-store.js';

export interface AssignSecretaryInput {
  name: string;
  phone?: string | null;
  userId?: number | null;
  villageId: number;
  /** the sending department; the principal's own unit by default */
  sendingOrgId?: number;
  termStart: string;
  termEnd: string;
}

/** A secretary the principal may see, or FIRST_SECRETARY_NOT_FOUND. */
export async function loadSecretary(db: Db, principal: Principal, id: number) {
  const row = await db
    .selectFrom('first_secretaries')
    .selectAll()
    .where('id', '=', id)
    .where(secretariesInScope(principal, 'first_secretaries'))
    .executeTakeFirst();
  if (!row) throw new AppError('FIRST_SECRETARY_NOT_FOUND', { details: { secretaryId: id } });
  return row;
}

/** The sending side may change the assignment: the county platform, or the department that sent them. */
export function requireSender(principal: Principal, sendingOrgId: number): void {
  if (!isCountyRoot(principal) && !principal.scopeOrgIds.includes(sendingOrgId)) {
    throw new AppError('FORBIDDEN', { message: '第一书记由派出单位或县平台管理' });
  }
}

async function sendingDepartment(db: Db, principal: Principal, orgId: number) {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'county_code'])
    .where('id', '=', orgId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!org || org.county_code !== principal.countyCode || !['department', 'county'].includes(org.kind)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '派出单位须为本县的县级部门',
      details: { field: 'sendingOrgId' },
    });
  }
  requireSender(principal, org.id);
  return org;
}

async function villageOf(db: Db, principal: Principal, villageId: number) {
  const row = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'county_code'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row || row.county_code !== principal.countyCode) throw new AppError('ORG_NOT_FOUND', { details: { villageId } });
  return placeOf(row);
}

export async function assignSecretary(
  deps: PartyDeps,
  principal: Principal,
  input: AssignSecretaryInput,
): Promise<{ id: number }> {
  if (!input.name.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写第一书记姓名', details: { field: 'name' } });
  }
  decided(checkTerm(input.termStart, input.termEnd, true));
  const sender = await sendingDepartment(deps.db, principal, input.sendingOrgId ?? (principal.orgId as number));
  const village = await villageOf(deps.db, principal, input.villageId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('first_secretaries')
      .values({
        county_code: village.countyCode,
        town_id: village.townId,
        village_id: village.id,
        sending_org_id: sender.id,
        name: input.name.trim(),
        phone: input.phone?.trim() || null,
        user_id: input.userId ?? null,
        term_start: input.termStart,
        term_end: input.termEnd,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'first_secretary',
      id,
      type: 'create',
      version: 1,
      at: now,
      details: { villageId: village.id, sendingOrgId: sender.id, termStart: input.termStart, termEnd: input.termEnd },
    });
    return { id };
  });
}

export async function updateSecretary(
  deps: PartyDeps,
  principal: Principal,
  id: number,
  input: {
    version: number;
    name?: string;
    phone?: string | null;
    userId?: number | null;
    termEnd?: string;
    active?: boolean;
  },
): Promise<void> {
  const row = await loadSecretary(deps.db, principal, id);
  requireSender(principal, row.sending_org_id);
  const termEnd = input.termEnd ?? row.term_end;
  decided(checkTerm(row.term_start, termEnd, true));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('first_secretaries')
      .set({
        name: input.name?.trim() || row.name,
        phone: input.phone === undefined ? row.phone : input.phone?.trim() || null,
        user_id: input.userId === undefined ? row.user_id : input.userId,
        term_end: termEnd,
        active: input.active ?? row.active,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    requireUpdated(updated, { secretaryId: id, yourVersion: input.version });
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'first_secretary',
      id,
      type: 'edit',
      version: input.version + 1,
      at: now,
      details: { fields: changedFields(input), termEnd },
    });
  });
}
