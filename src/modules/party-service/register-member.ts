// An in-service party member (在职党员) registers from the phone with the community they live in, naming the unit
// they work for (a unit registered in the county, or any name) and their party organisation; the phone number is
// the citizen account's. The community confirms. One registration per person and community.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { writePartyServiceChange } from './party-service-store.js';

export interface RegisterMemberInput {
  villageId: number;
  name: string;
  unitName: string;
  branch?: string;
}

export async function registerMember(
  deps: PartyServiceDeps,
  principal: Principal,
  input: RegisterMemberInput,
): Promise<{ id: number }> {
  if (principal.role !== 'citizen' || principal.userId === null) {
    throw new AppError('FORBIDDEN', { message: '在职党员请用手机登录后报到' });
  }
  const name = input.name.trim();
  const unitName = input.unitName.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写姓名', details: { field: 'name' } });
  if (!unitName) throw new AppError('VALIDATION_FAILED', { message: '请填写工作单位', details: { field: 'unitName' } });
  const village = await deps.db
    .selectFrom('orgs')
    .select(['id', 'county_code'])
    .where('id', '=', input.villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!village) throw new AppError('ORG_NOT_FOUND', { message: '社区不存在', details: { villageId: input.villageId } });
  const user = await deps.db
    .selectFrom('users')
    .select('phone')
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  // the unit's registration in the county, when it registered under this name
  const unit = await deps.db
    .selectFrom('party_service_units')
    .select('id')
    .where('county_code', '=', village.county_code)
    .where('name', '=', unitName)
    .where('state', '=', 'confirmed')
    .orderBy('id')
    .executeTakeFirst();
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('party_service_members')
      .values({
        county_code: village.county_code,
        village_id: village.id,
        unit_name: unitName,
        unit_id: unit?.id ?? null,
        user_id: principal.userId,
        name,
        phone: user.phone ?? '',
        branch: input.branch?.trim() ?? '',
        state: 'pending',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['village_id', 'user_id']).where('user_id', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('PARTY_REGISTRATION_DUPLICATE', { details: { villageId: village.id } });
    await writePartyServiceChange(trx, deps.audit, principal, {
      kind: 'party_service_member',
      id: row.id,
      type: 'register',
      villageId: village.id,
      version: 1,
      state: 'pending',
      at: now,
      details: { unitName },
    });
    return { id: row.id };
  });
}
