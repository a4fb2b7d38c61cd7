// Opens or edits a service station: a town's 便民服务中心 or a village's 代办点, with its address, hours, the
// people on duty and its point on the map (for "the nearest station"). The unit must be a town (centre) or a
// village (agency) of the principal's subtree; the row, its history entry and the audit entry are one
// transaction; an edit names the version it saw.
import { AppError } from '../../core/errors.js';
import type { StationKind } from '../../domain/service-item/index.js';
import { isGeoPoint } from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import type { ServiceDeps } from './service-deps.js';
import type { StaffMember } from './service-rows.js';
import { type Db, loadStation } from './service-scope.js';
import { writeListChange } from './service-store.js';

export interface StationFields {
  orgId: number;
  kind: StationKind;
  name: string;
  address?: string;
  phone?: string;
  hours?: string;
  staff?: StaffMember[];
  lat: number;
  lng: number;
  active?: boolean;
}

const ORG_KIND: Record<StationKind, 'town' | 'village'> = { centre: 'town', agency: 'village' };

async function requireStationOrg(db: Db, principal: Principal, orgId: number, kind: StationKind): Promise<string> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'kind', 'county_code'])
    .where('id', '=', orgId)
    .where('active', '=', true)
    .executeTakeFirst();
  const visible =
    org &&
    org.county_code === principal.countyCode &&
    (isCountyRoot(principal) || principal.scopeOrgIds.includes(org.id));
  if (!org || !visible) throw new AppError('ORG_NOT_FOUND', { details: { orgId } });
  if (org.kind !== ORG_KIND[kind]) {
    throw new AppError('VALIDATION_FAILED', {
      message: kind === 'centre' ? '便民服务中心须设在镇（街道）' : '代办点须设在村（社区）',
      details: { field: 'orgId' },
    });
  }
  return org.county_code;
}

function checkFields(input: Partial<StationFields>): void {
  if (input.name !== undefined && !input.name.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写站点名称', details: { field: 'name' } });
  }
  if ((input.lat !== undefined || input.lng !== undefined) && !isGeoPoint({ lat: input.lat, lng: input.lng })) {
    throw new AppError('VALIDATION_FAILED', { message: '站点位置不是有效的经纬度', details: { field: 'lat' } });
  }
  if (input.staff?.some((s) => !s.name.trim())) {
    throw new AppError('VALIDATION_FAILED', { message: '工作人员须填写姓名', details: { field: 'staff' } });
  }
}

const cleanStaff = (staff: StaffMember[]) =>
  JSON.stringify(staff.map((s) => ({ name: s.name.trim(), duty: s.duty?.trim() ?? '', phone: s.phone?.trim() ?? '' })));

export async function createStation(deps: ServiceDeps, principal: Principal, input: StationFields): Promise<number> {
  checkFields(input);
  const countyCode = await requireStationOrg(deps.db, principal, input.orgId, input.kind);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('service_stations')
      .values({
        county_code: countyCode,
        org_id: input.orgId,
        kind: input.kind,
        name: input.name.trim(),
        address: input.address?.trim() ?? '',
        phone: input.phone?.trim() ?? '',
        hours: input.hours?.trim() ?? '',
        staff: cleanStaff(input.staff ?? []),
        lat: input.lat,
        lng: input.lng,
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeListChange(trx, deps.audit, principal, {
      kind: 'service_station',
      id: Number(id),
      type: 'create',
      at: now,
      details: { name: input.name.trim(), kind: input.kind, orgId: input.orgId },
    });
    return Number(id);
  });
}

export async function updateStation(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: Partial<Omit<StationFields, 'orgId' | 'kind'>> & { version: number },
): Promise<void> {
  checkFields(input);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const station = await loadStation(trx, principal, id, true);
    if (station.version !== input.version) {
      throw new AppError('SERVICE_VERSION_CONFLICT', {
        details: { stationId: id, yourVersion: input.version, current: { version: station.version } },
      });
    }
    const { version: _v, ...changed } = input;
    await trx
      .updateTable('service_stations')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.address !== undefined ? { address: input.address.trim() } : {}),
        ...(input.phone !== undefined ? { phone: input.phone.trim() } : {}),
        ...(input.hours !== undefined ? { hours: input.hours.trim() } : {}),
        ...(input.staff !== undefined ? { staff: cleanStaff(input.staff) } : {}),
        ...(input.lat !== undefined ? { lat: input.lat } : {}),
        ...(input.lng !== undefined ? { lng: input.lng } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: station.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await writeListChange(trx, deps.audit, principal, {
      kind: 'service_station',
      id,
      type: 'edit',
      at: now,
      details: { fields: Object.keys(changed) },
    });
  });
}
