// Property companies (物业企业) of the county and their compounds (小区): a compound lies in one community, in one or
// more of its grids, kept by one company; a case outside its grids or of another category may be linked to it by
// hand. Kept by the platforms (community, town, county) within their scope; each change is audited (the compound's
// in its history).
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/index.js';
import { inStaffVillages, requireVillage } from '../orgs/village-scope.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { writePartyServiceChange } from './party-service-store.js';

const isDuplicate = (error: unknown) => (error as { code?: string })?.code === '23505';

export async function createCompany(
  deps: PartyServiceDeps,
  principal: Principal,
  input: { name: string; contactName?: string; phone?: string },
): Promise<{ id: number }> {
  const name = input.name.trim();
  if (!name || !principal.countyCode) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写物业企业名称', details: { field: 'name' } });
  }
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('property_companies')
        .values({
          county_code: principal.countyCode as string,
          name,
          contact_name: input.contactName?.trim() ?? '',
          phone: input.phone?.trim() ?? '',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await deps.audit.record(
        principal,
        { action: 'property.company.create', targetType: 'property_company', targetId: row.id, details: { name } },
        trx,
      );
      return { id: row.id };
    });
  } catch (error) {
    if (isDuplicate(error)) throw new AppError('PROPERTY_DUPLICATE', { details: { name } });
    throw error;
  }
}

export interface CompoundInput {
  villageId: number;
  companyId: number;
  name: string;
  gridIds: number[];
}

export async function createCompound(
  deps: PartyServiceDeps,
  principal: Principal,
  input: CompoundInput,
): Promise<{ id: number }> {
  const village = await requireVillage(deps.db, principal, input.villageId);
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写小区名称', details: { field: 'name' } });
  const company = await deps.db
    .selectFrom('property_companies')
    .select('id')
    .where('id', '=', input.companyId)
    .where('county_code', '=', village.countyCode)
    .executeTakeFirst();
  if (!company) throw new AppError('PROPERTY_COMPANY_NOT_FOUND', { details: { companyId: input.companyId } });
  const gridIds = [...new Set(input.gridIds)];
  const grids = gridIds.length
    ? await deps.db
        .selectFrom('orgs')
        .select('id')
        .where('id', 'in', gridIds)
        .where('parent_id', '=', village.id)
        .where('kind', '=', 'grid')
        .execute()
    : [];
  if (gridIds.length === 0 || grids.length !== gridIds.length) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请选择小区所在的网格（须为本社区的网格）',
      details: { field: 'gridIds' },
    });
  }
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('property_compounds')
        .values({
          county_code: village.countyCode,
          village_id: village.id,
          company_id: company.id,
          name,
          grid_ids: gridIds,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writePartyServiceChange(trx, deps.audit, principal, {
        kind: 'property_compound',
        id: row.id,
        type: 'create',
        villageId: village.id,
        version: 1,
        state: 'active',
        at: now,
        details: { name, companyId: company.id, gridIds },
      });
      return { id: row.id };
    });
  } catch (error) {
    if (isDuplicate(error)) throw new AppError('PROPERTY_DUPLICATE', { details: { name } });
    throw error;
  }
}

/** Links a case the principal sees to a compound in its scope (a repeat link changes nothing). */
export async function linkCase(
  deps: PartyServiceDeps,
  principal: Principal,
  compoundId: number,
  caseId: number,
): Promise<void> {
  const compound = await deps.db
    .selectFrom('property_compounds')
    .select(['id', 'village_id', 'version'])
    .where('id', '=', compoundId)
    .where(inStaffVillages(principal, 'property_compounds'))
    .executeTakeFirst();
  if (!compound) throw new AppError('PROPERTY_COMPOUND_NOT_FOUND', { details: { compoundId } });
  const found = await deps.db
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .where(casesVisibleTo(principal))
    .executeTakeFirst();
  if (!found) throw new AppError('CASE_NOT_FOUND', { details: { caseId } });
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const inserted = await trx
      .insertInto('property_case_links')
      .values({ compound_id: compoundId, case_id: caseId, linked_by_user_id: principal.userId, linked_at: now })
      .onConflict((oc) => oc.columns(['compound_id', 'case_id']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) return;
    await writePartyServiceChange(trx, deps.audit, principal, {
      kind: 'property_compound',
      id: compoundId,
      type: 'link_case',
      villageId: compound.village_id,
      version: compound.version,
      state: 'active',
      at: now,
      details: { caseId },
    });
  });
}
