// The convenience services as the API shows them (also the web pages' types: this file imports only types of
// the domain, so the web build does not type-check server code).
import type {
  ApplicationMode,
  ApplicationState,
  ItemKind,
  ServiceLevel,
  StationKind,
} from '../../domain/service-item/index.js';

export interface StaffMember {
  name: string;
  duty: string;
  phone: string;
}

export interface ServiceItemView {
  id: number;
  stationId: number | null;
  kind: ItemKind;
  category: string;
  name: string;
  department: string;
  description: string;
  materials: string[];
  legalLimitDays: number;
  levels: ServiceLevel[];
  agent: boolean;
  chainItemIds: number[];
  /** a chain's steps in order, by name */
  chainSteps: { id: number; name: string; legalLimitDays: number }[];
  active: boolean;
  sort: number;
  version: number;
  templateItemId: number | null;
  templateVersion: number | null;
  /** the template item was edited after this copy was taken */
  templateChanged: boolean;
}

export interface StationView {
  id: number;
  orgId: number;
  orgName: string;
  kind: StationKind;
  name: string;
  address: string;
  phone: string;
  hours: string;
  staff: StaffMember[];
  lat: number;
  lng: number;
  active: boolean;
  version: number;
}

export interface ApplicationView {
  id: number;
  number: string;
  station: { id: number; name: string };
  orgId: number;
  item: { id: number; name: string };
  department: string;
  chain: { itemId: number; bundleNumber: string; seq: number } | null;
  mode: ApplicationMode;
  residentName: string;
  residentPhone: string;
  materialsRequired: string[];
  materialsReceived: string[];
  materialsMissing: string[];
  visits: number;
  state: ApplicationState;
  legalLimitDays: number;
  acceptedAt: string;
  dueAt: string;
  completedAt: string | null;
  onTime: boolean | null;
  /** open past its due time */
  overdue: boolean;
  resultNote: string;
  transferredTo: string;
  taskId: number | null;
  version: number;
}
