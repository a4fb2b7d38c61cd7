// The grid base data API as the pages use it: the kinds and their fields (from the server's field table), the
// records, one record, the dashboard (which also lists the grids one may register in).
import type { RecordView } from '@server/modules/grid-data/record-codec';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { RecordView };

export interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'int' | 'date' | 'enum' | 'tags' | 'idNumber' | 'phone' | 'lat' | 'lng';
  required?: boolean;
  options?: string[];
  masked?: boolean;
}
export interface KindInfo {
  kind: string;
  path: string;
  label: string;
  fields: FieldSpec[];
}
export interface RecordDetail extends RecordView {
  history: {
    action: string;
    at: string;
    actor: { userName: string | null; orgName: string | null };
    changes: { field: string; label: string; from: unknown; to: unknown }[];
  }[];
  members: RecordView[];
  alsoIn: { id: number; name: string }[];
  cases: { id: number; number: string; title: string; status: string; reportedAt: string }[];
}
export interface Dashboard {
  people: number;
  households: number;
  places: number;
  things: number;
  overdue: number;
  duplicates: number;
  byResidence: Record<string, number>;
  byTag: Record<string, number>;
  placesByCategory: Record<string, number>;
  thingsByCategory: Record<string, number>;
  grids: {
    gridId: number;
    name: string;
    code: string;
    /** the grid's centre, for the map's markers */
    lat?: number | null;
    lng?: number | null;
    people: number;
    households: number;
    places: number;
    things: number;
    overdue: number;
    duplicates: number;
  }[];
}

export const ACTION_LABELS: Record<string, string> = {
  create: '登记',
  edit: '修改',
  archive: '归档',
  restore: '恢复',
  import: '导入',
};

export function useKinds() {
  return useQuery({
    queryKey: ['grid-data', 'kinds'],
    queryFn: () => api<{ kinds: KindInfo[]; tags: { name: string; sensitive: boolean }[] }>('/api/grid-data/kinds'),
    staleTime: 300_000,
  });
}

export function useDashboard(orgId?: number, enabled = true) {
  return useQuery({
    queryKey: ['grid-data', 'dashboard', orgId ?? null],
    queryFn: () => api<Dashboard>('/api/grid-data/dashboard', { query: { orgId } }),
    enabled,
    retry: false,
  });
}

export function useRecords(path: string, query: Record<string, string | number | boolean | undefined>) {
  return useQuery({
    queryKey: ['grid-data', path, query],
    queryFn: () => api<{ items: RecordView[]; total: number }>(`/api/grid-data/${path}`, { query }),
  });
}

export function useRecord(path: string, id: number) {
  return useQuery({
    queryKey: ['grid-data', path, id],
    queryFn: () => api<RecordDetail>(`/api/grid-data/${path}/${id}`),
  });
}

export function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join('、') || '—';
  return String(value);
}
