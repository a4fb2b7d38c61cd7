// A unit registers with a residential community (单位到社区报到): a unit's own staff register their unit (the org of
// the county tree they belong to) and the community confirms; the community (or a level above) enters a named
// outside unit itself, confirmed at once. A unit registers once with a community.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { keepsCommunity, requireVillage } from './party-service-scope.js';
import { writePartyServiceChange } from './party-service-store.js';

export interface RegisterUnitInput {
  villageId: number;
  /** An outside unit's name (the community enters it); omitted: the principal's own unit registers. */
  name?: string;
  contactName?: string;
  contactPhone?: string;
}

async function communityOf(deps: PartyServiceDeps, principal: Principal, villageId: number) {
  const row = await deps.db
    .selectFrom('orgs')
    .select(['id', 'name', 'county_code'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row || (principal.countyCode && row.county_code !== principal.countyCode)) {
    throw new AppError('ORG_NOT_FOUND', { message: '社区不存在', details: { villageId } });
  }
  return row;
}

export async function registerUnit(
  deps: PartyServiceDeps,
  principal: Principal,
  input: RegisterUnitInput,
): Promise<{ id: number }> {
  const outside = input.name?.trim();
  let orgId: number | null = null;
  let name: string;
  let countyCode: string;
  if (outside) {
    // only the community keeps outside units; another town's community does not exist for the caller
    const village = await requireVillage(deps.db, principal, input.villageId);
    if (!keepsCommunity(principal, village.id)) {
      throw new AppError('FORBIDDEN', { message: '外部单位由社区登记；本单位报到请不填单位名称' });
    }
    name = outside;
    countyCode = village.countyCode;
  } else {
    if (principal.orgId === null) throw new AppError('FORBIDDEN');
    const own = await deps.db
      .selectFrom('orgs')
      .select(['id', 'name', 'kind'])
      .where('id', '=', principal.orgId)
      .executeTakeFirstOrThrow();
    if (['village', 'grid', 'county', 'town'].includes(own.kind)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '双报到由机关、部门、企事业等单位向社区报到；社区登记外部单位时请填写单位名称',
        details: { field: 'name' },
      });
    }
    countyCode = (await communityOf(deps, principal, input.villageId)).county_code;
    orgId = own.id;
    name = own.name;
  }
  const now = deps.clock.now();
  const state = outside ? 'confirmed' : 'pending';
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('party_service_units')
      .values({
        county_code: countyCode,
        village_id: input.villageId,
        org_id: orgId,
        name,
        contact_name: input.contactName?.trim() ?? '',
        contact_phone: input.contactPhone?.trim() ?? '',
        state,
        registered_by_user_id: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['village_id', 'name']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('PARTY_REGISTRATION_DUPLICATE', { details: { villageId: input.villageId, name } });
    await writePartyServiceChange(trx, deps.audit, principal, {
      kind: 'party_service_unit',
      id: row.id,
      type: 'register',
      villageId: input.villageId,
      version: 1,
      state,
      at: now,
      details: { name, orgId },
    });
    return { id: row.id };
  });
}
