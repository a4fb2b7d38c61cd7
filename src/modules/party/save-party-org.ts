// Sets up and keeps a party organisation along the grid: the rules of src/domain/party decide which level may
// sit under which and where (a branch on a grid of its 党总支's village, a 楼院党小组 on its branch's grid, a
// 党员中心户's households from that grid); the database's unique keys keep one 党(工)委 per town, one 党总支 per
// village and one branch per grid or compound, also when two people create one at once. Each change is one
// versioned transaction with its history, audit entry and outbox message.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import {
  type HouseholdRef,
  PARTY_LEVEL_LABELS,
  type PartyLevel,
  type PartyOrgRef,
  placePartyOrg,
} from '../../domain/party/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartyDeps } from './party-deps.js';
import { decided, uniquePlace } from './party-errors.js';
import { type Db, inPartyScope, type Place, requirePlace } from './party-scope.js';
import { changedFields, requireUpdated, writePartyChange } from './party-store.js';

export interface PartyOrgFields {
  name?: string;
  compound?: string | null;
  buildings?: string[];
  householdRecordId?: number | null;
  linkedHouseholdIds?: number[];
  duties?: string;
  officePhone?: string | null;
}

export interface CreatePartyOrgInput extends PartyOrgFields {
  level: PartyLevel;
  parentId?: number | null;
  /** the town, village or grid it is tied to; below a branch the parent's grid by default */
  placeId?: number;
  /** the organisation-tree row of the same body, if any */
  orgId?: number | null;
}

/** A party organisation in the principal's scope (PARTY_ORG_NOT_FOUND otherwise). */
export async function loadPartyOrg(db: Db, principal: Principal, id: number) {
  const row = await db
    .selectFrom('party_orgs')
    .selectAll()
    .where('id', '=', id)
    .where(inPartyScope(principal, 'party_orgs', true))
    .executeTakeFirst();
  if (!row) throw new AppError('PARTY_ORG_NOT_FOUND', { details: { partyOrgId: id } });
  return row;
}

const refOf = (row: { level: PartyLevel; town_id: number; village_id: number | null; grid_id: number | null }) =>
  ({ level: row.level, townId: row.town_id, villageId: row.village_id, gridId: row.grid_id }) satisfies PartyOrgRef;

/** The office phone of the grid's public card: a landline or service number, never a personal mobile. */
export function officePhoneOf(phone: string | null | undefined): string | null {
  const value = phone?.trim() ?? '';
  if (!value) return null;
  if (!/^[0-9-]{5,20}$/.test(value) || /^1\d{10}$/.test(value)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '办公电话请填写座机或服务热线（如 0570-1234567），不要填写个人手机号',
      details: { field: 'officePhone' },
    });
  }
  return value;
}

async function householdsOf(db: Db, countyCode: string, ids: readonly number[]): Promise<HouseholdRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('grid_records')
    .select(['id', 'grid_id'])
    .where('id', 'in', [...new Set(ids)])
    .where('kind', '=', 'household')
    .where('archived', '=', false)
    .where('county_code', '=', countyCode)
    .execute();
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '所选住户不存在或已归档（请从网格底数中选择）',
      details: { field: 'linkedHouseholdIds', householdIds: missing },
    });
  }
  return rows.map((r) => ({ id: r.id, gridId: r.grid_id }));
}

function defaultName(level: PartyLevel, place: Place, buildings: readonly string[]): string {
  if (level === 'town_committee') return `${place.name}党${place.name.endsWith('街道') ? '工' : ''}委`;
  if (level === 'village_committee') return `${place.name}党总支`;
  if (level === 'grid_branch') return `${place.name}党支部`;
  if (level === 'building_group') return `${place.name}${buildings[0] ?? ''}党小组`;
  return `${place.name}${PARTY_LEVEL_LABELS[level]}`;
}

const cleanList = (list: readonly string[] | undefined) => (list ?? []).map((b) => b.trim()).filter(Boolean);

export async function createPartyOrg(
  deps: PartyDeps,
  principal: Principal,
  input: CreatePartyOrgInput,
): Promise<{ id: number }> {
  const parent = input.parentId ? await loadPartyOrg(deps.db, principal, input.parentId) : null;
  if (parent && !parent.active) throw new AppError('PARTY_ORG_NOT_FOUND', { details: { partyOrgId: parent.id } });
  const placeId = input.placeId ?? parent?.grid_id ?? null;
  if (placeId === null) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请选择所在的镇街、村社区或网格',
      details: { field: 'placeId' },
    });
  }
  const place = await requirePlace(deps.db, principal, placeId);
  const buildings = cleanList(input.buildings);
  const own = input.householdRecordId ? await householdsOf(deps.db, place.countyCode, [input.householdRecordId]) : [];
  const linked = await householdsOf(deps.db, place.countyCode, input.linkedHouseholdIds ?? []);
  decided(
    placePartyOrg({
      level: input.level,
      parent: parent ? refOf(parent) : null,
      place,
      buildings,
      household: own[0] ?? null,
      linkedHouseholds: linked,
    }),
  );
  const officePhone = officePhoneOf(input.officePhone);
  const name = input.name?.trim() || defaultName(input.level, place, buildings);
  const now = deps.clock.now();
  return uniquePlace(() =>
    deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('party_orgs')
        .values({
          county_code: place.countyCode,
          level: input.level,
          name,
          parent_id: parent?.id ?? null,
          town_id: place.townId,
          village_id: place.villageId,
          grid_id: place.gridId,
          org_id: input.orgId ?? null,
          compound: input.compound?.trim() || null,
          buildings,
          household_record_id: own[0]?.id ?? null,
          linked_household_ids: linked.map((h) => h.id),
          duties: input.duties?.trim() ?? '',
          office_phone: officePhone,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writePartyChange(trx, deps.audit, principal, {
        kind: 'party_org',
        id,
        type: 'create',
        version: 1,
        at: now,
        details: { level: input.level, name, parentId: parent?.id ?? null, placeId: place.id },
      });
      return { id };
    }),
  );
}

export interface UpdatePartyOrgInput extends PartyOrgFields {
  version: number;
  secretaryMemberId?: number | null;
}

export async function updatePartyOrg(
  deps: PartyDeps,
  principal: Principal,
  id: number,
  input: UpdatePartyOrgInput,
): Promise<void> {
  const row = await loadPartyOrg(deps.db, principal, id);
  if (!row.active) throw new AppError('PARTY_ORG_NOT_FOUND', { details: { partyOrgId: id } });
  const parent = row.parent_id
    ? await deps.db.selectFrom('party_orgs').selectAll().where('id', '=', row.parent_id).executeTakeFirstOrThrow()
    : null;
  const buildings = input.buildings ? cleanList(input.buildings) : row.buildings;
  const ownId = input.householdRecordId === undefined ? row.household_record_id : input.householdRecordId;
  const linkedIds = input.linkedHouseholdIds ?? row.linked_household_ids;
  const own = ownId ? await householdsOf(deps.db, row.county_code, [ownId]) : [];
  const linked = await householdsOf(deps.db, row.county_code, linkedIds);
  const placeKind = row.level === 'town_committee' ? 'town' : row.level === 'village_committee' ? 'village' : 'grid';
  decided(
    placePartyOrg({
      level: row.level,
      parent: parent ? refOf(parent) : null,
      place: {
        kind: placeKind,
        id: row.grid_id ?? row.village_id ?? row.town_id,
        townId: row.town_id,
        villageId: row.village_id,
        gridId: row.grid_id,
      },
      buildings,
      household: own[0] ?? null,
      linkedHouseholds: linked,
    }),
  );
  const secretary = input.secretaryMemberId === undefined ? row.secretary_member_id : input.secretaryMemberId;
  if (secretary !== null && secretary !== row.secretary_member_id) {
    const member = await deps.db
      .selectFrom('party_members')
      .select('id')
      .where('id', '=', secretary)
      .where('party_org_id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!member) {
      throw new AppError('VALIDATION_FAILED', {
        message: '书记须是本党组织的在册党员',
        details: { field: 'secretaryMemberId' },
      });
    }
  }
  const set = {
    name: input.name?.trim() || row.name,
    compound: input.compound === undefined ? row.compound : input.compound?.trim() || null,
    buildings,
    household_record_id: own[0]?.id ?? null,
    linked_household_ids: linked.map((h) => h.id),
    duties: input.duties === undefined ? row.duties : input.duties.trim(),
    office_phone: input.officePhone === undefined ? row.office_phone : officePhoneOf(input.officePhone),
    secretary_member_id: secretary,
  };
  const now = deps.clock.now();
  await uniquePlace(() =>
    deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('party_orgs')
        .set({ ...set, version: sql`version + 1`, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      requireUpdated(updated, { partyOrgId: id, yourVersion: input.version });
      const changed = changedFields(input);
      await writePartyChange(trx, deps.audit, principal, {
        kind: 'party_org',
        id,
        type: 'edit',
        version: input.version + 1,
        at: now,
        details: { fields: changed },
      });
    }),
  );
}

/** Dissolves (撤销) an organisation without live sub-organisations or members; the row stays for history. */
export async function dissolvePartyOrg(deps: PartyDeps, principal: Principal, id: number, version: number) {
  const row = await loadPartyOrg(deps.db, principal, id);
  if (!row.active) throw new AppError('PARTY_ORG_NOT_FOUND', { details: { partyOrgId: id } });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const child = await trx
      .selectFrom('party_orgs')
      .select('id')
      .where('parent_id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    const member = await trx
      .selectFrom('party_members')
      .select('id')
      .where('party_org_id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (child || member) throw new AppError('PARTY_ORG_HAS_CHILDREN', { details: { partyOrgId: id } });
    const updated = await trx
      .updateTable('party_orgs')
      .set({ active: false, version: sql`version + 1`, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    requireUpdated(updated, { partyOrgId: id, yourVersion: version });
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'party_org',
      id,
      type: 'dissolve',
      version: version + 1,
      at: now,
      details: { name: row.name },
    });
  });
}
