// Rows of the capability as the domain's values and as the API's views (a resident's name and phone masked).
import type { Selectable } from 'kysely';
import type { ServiceApplicationsTable, ServiceItemsTable, ServiceStationsTable } from '../../db/schema.js';
import { maskPhone } from '../../domain/grid-data/index.js';
import {
  type ApplicationMode,
  type ApplicationState,
  type ItemKind,
  materialsMissing,
  type ServiceItemRef,
  type ServiceLevel,
  type StationKind,
} from '../../domain/service-item/index.js';
import { maskName } from '../home/home-service.js';
import type { ApplicationView, ServiceItemView, StaffMember, StationView } from './service-views.js';

export type { ApplicationView, ServiceItemView, StaffMember, StationView };

export type ItemRow = Selectable<ServiceItemsTable>;
export type ApplicationRow = Selectable<ServiceApplicationsTable>;

export function itemRef(row: ItemRow): ServiceItemRef {
  return {
    id: Number(row.id),
    kind: row.kind as ItemKind,
    category: row.category,
    name: row.name,
    department: row.department,
    materials: row.materials,
    legalLimitDays: row.legal_limit_days,
    levels: row.levels as ServiceLevel[],
    agent: row.agent,
    chainItemIds: row.chain_item_ids.map(Number),
    active: row.active,
  };
}

/** Views of a list's items; chain steps are named from the same list, template versions from `templates`. */
export function itemViews(
  rows: readonly ItemRow[],
  templates: ReadonlyMap<number, number> = new Map(),
): ServiceItemView[] {
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return rows.map((row) => {
    const current = row.template_item_id === null ? null : (templates.get(Number(row.template_item_id)) ?? null);
    return {
      ...itemRef(row),
      stationId: row.station_id === null ? null : Number(row.station_id),
      description: row.description,
      materials: [...row.materials],
      levels: row.levels as ServiceLevel[],
      chainItemIds: row.chain_item_ids.map(Number),
      chainSteps: row.chain_item_ids.map((id) => {
        const step = byId.get(Number(id));
        return { id: Number(id), name: step?.name ?? '', legalLimitDays: step?.legal_limit_days ?? 0 };
      }),
      sort: row.sort,
      version: row.version,
      templateItemId: row.template_item_id === null ? null : Number(row.template_item_id),
      templateVersion: row.template_version,
      templateChanged: current !== null && row.template_version !== null && current > row.template_version,
    };
  });
}

export function staffOf(value: unknown): StaffMember[] {
  const list = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? (list as StaffMember[]) : [];
}

export function stationView(row: Selectable<ServiceStationsTable> & { org_name: string }): StationView {
  return {
    id: Number(row.id),
    orgId: row.org_id,
    orgName: row.org_name,
    kind: row.kind as StationKind,
    name: row.name,
    address: row.address,
    phone: row.phone,
    hours: row.hours,
    staff: staffOf(row.staff),
    lat: row.lat,
    lng: row.lng,
    active: row.active,
    version: row.version,
  };
}

export function applicationView(row: ApplicationRow & { station_name: string }, now: Date): ApplicationView {
  return {
    id: Number(row.id),
    number: row.number,
    station: { id: Number(row.station_id), name: row.station_name },
    orgId: row.org_id,
    item: { id: Number(row.item_id), name: row.item_name },
    department: row.department,
    chain:
      row.chain_item_id === null
        ? null
        : { itemId: Number(row.chain_item_id), bundleNumber: row.bundle_number ?? '', seq: row.chain_seq ?? 0 },
    mode: row.mode as ApplicationMode,
    residentName: maskName(row.resident_name) ?? '',
    residentPhone: row.resident_phone ? maskPhone(row.resident_phone) : '',
    materialsRequired: [...row.materials_required],
    materialsReceived: [...row.materials_received],
    materialsMissing: materialsMissing(row.materials_required, row.materials_received),
    visits: row.visits,
    state: row.state as ApplicationState,
    legalLimitDays: row.legal_limit_days,
    acceptedAt: new Date(row.accepted_at).toISOString(),
    dueAt: new Date(row.due_at).toISOString(),
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    onTime: row.on_time,
    overdue: row.state === 'in_progress' && new Date(row.due_at).getTime() < now.getTime(),
    resultNote: row.result_note,
    transferredTo: row.transferred_to,
    taskId: row.task_id === null ? null : Number(row.task_id),
    version: row.version,
  };
}
