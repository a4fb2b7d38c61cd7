// Shapes of the Gongzhi HTTP API as the web app uses them.

import type { FeatureCollection, Geometry } from 'geojson';

/** Database ids arrive as numbers; treat them as opaque. */
export type Id = number | string;

export type Role =
  | 'admin'
  | 'leader'
  | 'county_operator'
  | 'town_operator'
  | 'village_operator'
  | 'grid_worker'
  | 'department_handler'
  | 'third_party'
  | 'citizen';

export type OrgKind = 'county' | 'town' | 'village' | 'grid' | 'department' | 'office' | 'third_party' | 'party';
export type Participant = 'party' | 'government' | 'legal' | 'residents' | 'schools' | 'research' | 'social' | 'media';

export interface OrgRef {
  id: Id;
  code?: string;
  name: string;
  kind?: OrgKind;
}

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  phone: string | null;
  org: { id: Id; code: string; name: string; kind: OrgKind } | null;
  permissions: string[];
}

export interface LoginResult {
  token: string;
  user: Me;
}

export interface ClockState {
  now: string;
  adjustable: boolean;
  offsetMs: number;
  mode: string;
}

export interface OrgSummary {
  id: Id;
  code: string;
  name: string;
  kind: OrgKind;
  subkind: string | null;
  participant: Participant | null;
  parentId: Id | null;
  depth: number;
  households: number | null;
  population: number | null;
  gridWorker: { id: Id; displayName: string } | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  centerLat: number | null;
  centerLng: number | null;
}

export interface OrgTreeNode extends OrgSummary {
  children: OrgTreeNode[];
}

export interface OrgDetail extends OrgSummary {
  boundary: Geometry | null;
  ancestors: { id: Id; name: string; kind: OrgKind }[];
  counts: { children: number; users: number };
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface GridProps {
  id: Id;
  code: string;
  name: string;
  villageId: Id;
  villageName: string;
  townId: Id;
  townName: string;
  households: number | null;
  gridWorkerName: string | null;
}

export interface LocateResult {
  county: OrgRef;
  town: OrgRef;
  village: OrgRef;
  grid: OrgRef;
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}

export interface ImportError {
  row: number;
  column?: string;
  message: string;
}

export interface UserSummary {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  phone: string | null;
  org: { id: Id; name: string; kind: OrgKind } | null;
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
}

export interface ApiKey {
  id: Id;
  name: string;
  prefix: string;
  org: { id: Id; name: string } | null;
  permissions: string[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface Category {
  id: Id;
  code: string;
  name: string;
  parentId: Id | null;
  level: number;
  family: 'hotline' | 'governance';
  responsibleOrg: { id: Id; name: string } | null;
  active: boolean;
}

export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CaseSummary {
  id: Id;
  number: string;
  title: string;
  categoryName: string | null;
  state: string;
  channel: string;
  reportedAt: string;
  townName: string | null;
  villageName: string | null;
  gridName: string | null;
}

export interface AuditEntry {
  id: Id;
  at: string;
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: Id | null;
  details: unknown;
}

export type GridCollection = FeatureCollection<Geometry, GridProps>;
