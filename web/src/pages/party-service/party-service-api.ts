// The 双报到 and 物业亮星 API as the pages use it: the server's view types (type-only) and the shared queries.
import type {
  CompoundMonthView,
  CompoundView,
  MemberView,
  NeedDetail,
  NeedView,
  PublicCompoundView,
  PublicEnforcementItem,
  UnitReportView,
  UnitView,
} from '@server/modules/party-service/party-service-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type {
  CompoundMonthView,
  CompoundView,
  MemberView,
  NeedDetail,
  NeedView,
  PublicCompoundView,
  PublicEnforcementItem,
  UnitReportView,
  UnitView,
};

export const NEED_KINDS: { value: string; label: string }[] = [
  { value: 'wish', label: '微心愿' },
  { value: 'project', label: '服务项目' },
  { value: 'activity', label: '志愿活动' },
];
export const NEED_KIND_LABELS: Record<string, string> = Object.fromEntries(NEED_KINDS.map((k) => [k.value, k.label]));

export const NEED_STATES: Record<string, { label: string; color: string }> = {
  published: { label: '待认领', color: 'gold' },
  claimed: { label: '已认领', color: 'blue' },
  done: { label: '已完成', color: 'cyan' },
  rated: { label: '已评价', color: 'green' },
  cancelled: { label: '已撤销', color: 'default' },
};

export const REGISTRATION_STATES: Record<string, { label: string; color: string }> = {
  pending: { label: '待确认', color: 'gold' },
  confirmed: { label: '已报到', color: 'green' },
  declined: { label: '未通过', color: 'default' },
};

export interface Community {
  id: number;
  name: string;
  townName: string | null;
}

export function useCommunities() {
  return useQuery({
    queryKey: ['party-service', 'communities'],
    queryFn: () => api<{ items: Community[] }>('/api/party/service/communities'),
    staleTime: 300_000,
  });
}

export function useNeeds(query: { villageId?: number; state?: string; kind?: string } = {}) {
  return useQuery({
    queryKey: ['party-service', 'needs', query],
    queryFn: () => api<{ items: NeedView[] }>('/api/party/service/needs', { query }),
  });
}

export function useNeed(id: number | undefined, mine = false) {
  return useQuery({
    queryKey: ['party-service', mine ? 'my-need' : 'need', id],
    queryFn: () => api<NeedDetail>(`/api/party/service/${mine ? 'my/' : ''}needs/${id}`),
    enabled: id !== undefined,
  });
}

/** ★★★☆☆ for a 1–5 value (— when none). */
export function starText(stars: number | null | undefined): string {
  if (!stars) return '—';
  return '★'.repeat(stars) + '☆'.repeat(5 - stars);
}
