// The convenience-service API as the pages use it: the server's view types (type-only), the labels of station
// kinds, modes, states and results, and the queries every page shares.
import type { Figures } from '@server/domain/service-item/figures';
import type { ApplicationView, ServiceItemView, StationView } from '@server/modules/service-items/service-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { ApplicationView, Figures, ServiceItemView, StationView };

export interface StationListItem extends StationView {
  itemCount: number;
  openCount: number;
}
export interface StationDetail extends StationView {
  items: ServiceItemView[];
}
export interface HistoryEntry {
  type: string;
  label: string;
  at: string;
  actor: { userName: string | null; orgName: string | null };
  details: Record<string, unknown>;
}
export interface ApplicationDetail extends ApplicationView {
  history: HistoryEntry[];
  bundle: ApplicationView[];
}
export interface ServiceStats {
  from: string;
  to: string;
  by: 'station' | 'town';
  lines: Figures[];
  total: Figures;
}
export interface PublicItemSummary {
  id: number;
  kind: string;
  category: string;
  name: string;
  department: string;
  legalLimitDays: number;
  agent: boolean;
  stations: number;
}
export interface PublicStation {
  id: number;
  name: string;
  kind: 'centre' | 'agency';
  orgName: string;
  address: string;
  phone: string;
  hours: string;
  staff: { name: string; duty: string }[];
  lat: number;
  lng: number;
  distanceM: number | null;
  handling: 'handled' | 'relayed';
}
export interface PublicItem {
  item: Omit<ServiceItemView, 'templateItemId' | 'templateVersion' | 'templateChanged' | 'version' | 'sort'>;
  origin: { basis: 'location' | 'village' | 'none'; village: { id: number; name: string } | null };
  stations: PublicStation[];
}

export const STATION_KIND_LABELS: Record<string, string> = { centre: '便民服务中心', agency: '代办点' };
export const MODE_LABELS: Record<string, string> = { handled: '受理办理', relayed: '代办' };
export const LEVEL_LABELS: Record<string, string> = { county: '县级', town: '镇街', village: '村社区' };
export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  in_progress: { label: '办理中', color: 'processing' },
  done: { label: '已办结', color: 'green' },
  refused: { label: '不予受理', color: 'default' },
  transferred: { label: '已转办', color: 'purple' },
};
export const RESULT_LABELS: Record<string, string> = { done: '办结', refused: '不予受理', transferred: '转办' };

export function useStations() {
  return useQuery({
    queryKey: ['service-items', 'stations'],
    queryFn: () => api<{ items: StationListItem[] }>('/api/service-items/stations'),
    staleTime: 30_000,
  });
}

export function useStation(id: number | undefined) {
  return useQuery({
    queryKey: ['service-items', 'station', id],
    queryFn: () => api<StationDetail>(`/api/service-items/stations/${id}`),
    enabled: !!id,
  });
}

/** 1.2 公里 / 350 米 */
export function distanceText(m: number | null): string {
  if (m === null) return '';
  return m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${m} 米`;
}
