// Keeps the members of a party organisation (name, phone, join date, duty, the user account if any, 在职党员
// and their unit). The phone is masked on every list; reveal-member.ts shows it with an audit entry. A user
// account belongs to one live member at most (the badge 党员亮相 looks members up by account).
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartyDeps } from './party-deps.js';
import { type Db, inPartyScope } from './party-scope.js';
import { changedFields, requireUpdated, writePartyChange } from './party-store.js';
import { loadPartyOrg } from './save-party-org.js';

export interface MemberFields {
  name: string;
  phone?: string | null;
  joinedOn?: string | null;
  duty?: string;
  userId?: number | null;
  inService?: boolean;
  workUnit?: string | null;
}

/** A member in the principal's scope (through the organisation's place), or PARTY_MEMBER_NOT_FOUND. */
export async function loadMember(db: Db, principal: Principal, id: number) {
  const row = await db
    .selectFrom('party_members as m')
    .innerJoin('party_orgs as po', 'po.id', 'm.party_org_id')
    .selectAll('m')
    .where('m.id', '=', id)
    .where(inPartyScope(principal, 'po', true))
    .executeTakeFirst();
  if (!row) throw new AppError('PARTY_MEMBER_NOT_FOUND', { details: { memberId: id } });
  return row;
}

function checkFields(input: Partial<MemberFields>, today: string): void {
  if (input.name !== undefined && !input.name.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写党员姓名', details: { field: 'name' } });
  }
  if (input.phone && !/^1\d{10}$/.test(input.phone.trim()) && !/^[0-9-]{7,20}$/.test(input.phone.trim())) {
    throw new AppError('VALIDATION_FAILED', { message: '联系电话格式不正确', details: { field: 'phone' } });
  }
  if (input.joinedOn && input.joinedOn > today) {
    throw new AppError('VALIDATION_FAILED', { message: '入党日期不能晚于今天', details: { field: 'joinedOn' } });
  }
  if (input.inService && !input.workUnit?.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '在职党员请填写工作单位', details: { field: 'workUnit' } });
  }
}

async function requireUser(db: Db, principal: Principal, userId: number, memberId: number | null) {
  const user = await db
    .selectFrom('users')
    .leftJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'orgs.county_code'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || (user.county_code !== null && user.county_code !== principal.countyCode)) {
    throw new AppError('VALIDATION_FAILED', { message: '所选用户账号不存在', details: { field: 'userId' } });
  }
  const taken = await db
    .selectFrom('party_members')
    .select('id')
    .where('user_id', '=', userId)
    .where('active', '=', true)
    .where('id', '!=', memberId ?? -1)
    .executeTakeFirst();
  if (taken) {
    throw new AppError('VALIDATION_FAILED', {
      message: '该用户账号已关联其他党员',
      details: { field: 'userId', memberId: taken.id },
    });
  }
}

const today = (deps: PartyDeps) => chinaDayOf(deps.clock.now());

export async function createMember(
  deps: PartyDeps,
  principal: Principal,
  partyOrgId: number,
  input: MemberFields,
): Promise<{ id: number }> {
  const org = await loadPartyOrg(deps.db, principal, partyOrgId);
  if (!org.active) throw new AppError('PARTY_ORG_NOT_FOUND', { details: { partyOrgId } });
  checkFields(input, today(deps));
  if (input.userId) await requireUser(deps.db, principal, input.userId, null);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('party_members')
      .values({
        county_code: org.county_code,
        town_id: org.town_id,
        village_id: org.village_id,
        party_org_id: org.id,
        name: input.name.trim(),
        phone: input.phone?.trim() || null,
        joined_on: input.joinedOn ?? null,
        duty: input.duty?.trim() || '党员',
        user_id: input.userId ?? null,
        in_service: input.inService ?? false,
        work_unit: input.workUnit?.trim() || null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'party_member',
      id,
      type: 'create',
      version: 1,
      at: now,
      details: { partyOrgId: org.id, duty: input.duty ?? '党员', inService: input.inService ?? false },
    });
    return { id };
  });
}

export async function updateMember(
  deps: PartyDeps,
  principal: Principal,
  id: number,
  input: Partial<MemberFields> & { version: number; active?: boolean; partyOrgId?: number },
): Promise<void> {
  const row = await loadMember(deps.db, principal, id);
  checkFields(
    { ...input, inService: input.inService ?? row.in_service, workUnit: input.workUnit ?? row.work_unit },
    today(deps),
  );
  if (input.userId) await requireUser(deps.db, principal, input.userId, id);
  const moveTo =
    input.partyOrgId && input.partyOrgId !== row.party_org_id
      ? await loadPartyOrg(deps.db, principal, input.partyOrgId)
      : null;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('party_members')
      .set({
        name: input.name?.trim() ?? row.name,
        phone: input.phone === undefined ? row.phone : input.phone?.trim() || null,
        joined_on: input.joinedOn === undefined ? row.joined_on : input.joinedOn,
        duty: input.duty?.trim() || row.duty,
        user_id: input.userId === undefined ? row.user_id : input.userId,
        in_service: input.inService ?? row.in_service,
        work_unit: input.workUnit === undefined ? row.work_unit : input.workUnit?.trim() || null,
        active: input.active ?? row.active,
        ...(moveTo ? { party_org_id: moveTo.id, town_id: moveTo.town_id, village_id: moveTo.village_id } : {}),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    requireUpdated(updated, { memberId: id, yourVersion: input.version });
    if (input.active === false) {
      await trx
        .updateTable('party_orgs')
        .set({ secretary_member_id: null })
        .where('secretary_member_id', '=', id)
        .execute();
    }
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'party_member',
      id,
      type: 'edit',
      version: input.version + 1,
      at: now,
      // the phone never enters the history in full
      details: {
        fields: changedFields(input),
        partyOrgId: moveTo?.id ?? row.party_org_id,
      },
    });
  });
}

/** The member's phone in full: pii.view (the route checks it), the member in scope, and an audit entry. */
export async function revealMember(deps: PartyDeps, principal: Principal, id: number, ip?: string) {
  const row = await loadMember(deps.db, principal, id);
  await deps.audit.record(principal, {
    action: 'pii.view',
    targetType: 'party_member',
    targetId: id,
    details: { fields: ['phone'] },
    ip,
  });
  return { phone: row.phone };
}
