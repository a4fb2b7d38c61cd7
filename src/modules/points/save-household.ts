// Registers a household of a village, or changes one (its fields, its grid, the village's record of an
// overdue debt, whether it is active). The village must be in the principal's subtree, the grid one of the
// village's; a door number is unique in the village and an active head's phone in the county (it links the
// citizen account). Row and audit entry in one transaction.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { checkHouseholdFields, duplicateMessage, type HouseholdFieldsInput } from './household-fields.js';
import type { PointsDeps } from './points-deps.js';
import { createAudited, loadInScope, saveVersioned } from './points-rows.js';
import { type Db, requireVillage } from './points-scope.js';

export interface CreateHouseholdInput extends HouseholdFieldsInput {
  villageId: number;
  gridId?: number | null;
}

export interface UpdateHouseholdInput extends HouseholdFieldsInput {
  version: number;
  gridId?: number | null;
  overdueDebt?: boolean;
  overdueDebtNote?: string | null;
  active?: boolean;
}

/** A grid of the village, or a 400 naming the field. */
export async function checkGrid(db: Db, villageId: number, gridId: number | null | undefined): Promise<number | null> {
  if (gridId === null || gridId === undefined) return null;
  const grid = await db
    .selectFrom('orgs')
    .select('id')
    .where('id', '=', gridId)
    .where('parent_id', '=', villageId)
    .where('kind', '=', 'grid')
    .executeTakeFirst();
  if (!grid)
    throw new AppError('VALIDATION_FAILED', { message: '所选网格不属于该村社区', details: { field: 'gridId' } });
  return grid.id;
}

function firstProblem(input: HouseholdFieldsInput) {
  const checked = checkHouseholdFields(input);
  const [problem] = checked.problems;
  if (problem) throw new AppError('VALIDATION_FAILED', { message: problem.message, details: { field: problem.field } });
  return checked.value;
}

async function unique<T>(write: () => Promise<T>, fields: { doorNo?: string; phone?: string | null }): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e.code === '23505') throw new AppError('DUPLICATE', { message: duplicateMessage(e.constraint, fields) });
    throw error;
  }
}

export async function createHousehold(
  deps: PointsDeps,
  principal: Principal,
  input: CreateHouseholdInput,
): Promise<number> {
  const village = await requireVillage(deps.db, principal, input.villageId);
  const fields = firstProblem(input);
  const gridId = await checkGrid(deps.db, village.id, input.gridId);
  const now = deps.clock.now();
  const values = {
    county_code: village.countyCode,
    village_id: village.id,
    grid_id: gridId,
    door_no: fields.doorNo,
    head_name: fields.headName,
    members: fields.members,
    address: fields.address,
    head_phone: fields.phone,
    created_at: now,
    updated_at: now,
  };
  return unique(
    () =>
      createAudited(
        deps,
        principal,
        { table: 'points_households', values },
        {
          action: 'points.household.create',
          targetType: 'points_household',
          details: { villageId: village.id, doorNo: fields.doorNo },
        },
      ),
    fields,
  );
}

export async function updateHousehold(
  deps: PointsDeps,
  principal: Principal,
  id: number,
  input: UpdateHouseholdInput,
): Promise<void> {
  const current = await loadInScope(deps.db, principal, 'points_households', id, 'POINTS_HOUSEHOLD_NOT_FOUND');
  const fields = firstProblem({
    doorNo: input.doorNo ?? current.door_no,
    headName: input.headName ?? current.head_name,
    members: input.members ?? current.members,
    address: input.address === undefined ? current.address : input.address,
    phone: input.phone === undefined ? current.head_phone : input.phone,
  });
  const gridId =
    input.gridId === undefined ? current.grid_id : await checkGrid(deps.db, current.village_id, input.gridId);
  const overdueDebt = input.overdueDebt ?? current.overdue_debt;
  const note = input.overdueDebtNote === undefined ? current.overdue_debt_note : input.overdueDebtNote?.trim() || null;
  if (overdueDebt && !note) {
    throw new AppError('VALIDATION_FAILED', {
      message: '登记逾期欠款须写明情况说明',
      details: { field: 'overdueDebtNote' },
    });
  }
  const set = {
    door_no: fields.doorNo,
    head_name: fields.headName,
    members: fields.members,
    address: fields.address,
    head_phone: fields.phone,
    grid_id: gridId,
    overdue_debt: overdueDebt,
    overdue_debt_note: overdueDebt ? note : null,
    active: input.active ?? current.active,
  };
  const changed = Object.keys(input).filter((k) => k !== 'version');
  await unique(
    () =>
      saveVersioned(
        deps,
        principal,
        { table: 'points_households', id, version: input.version, set },
        { action: 'points.household.update', targetType: 'points_household', details: { changed } },
      ),
    fields,
  );
}
