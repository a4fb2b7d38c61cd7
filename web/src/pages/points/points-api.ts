// The points API as the pages use it: the server's view types (type-only), the chosen village kept in the
// URL (?v=), and the queries every page shares.

import type { VillageOverview } from '@server/modules/points/points-views';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useCurrentUser } from '../../auth';

export type {
  CreditCandidate,
  CreditHouseholdView,
  EntryView,
  HouseholdView,
  ItemView,
  MyPointsView,
  ObjectionView,
  RankingView,
  RedemptionView,
  RequestView,
  RuleView,
  VillageOverview,
} from '@server/modules/points/points-views';

export const UNIT_LABELS: Record<string, string> = { time: '次', hour: '小时' };
export const CAP_LABELS: Record<string, string> = { month: '每月', year: '每年' };
export const KIND_COLORS: Record<string, string> = {
  award: 'green',
  deduct: 'red',
  correction: 'blue',
  redemption: 'orange',
  refund: 'cyan',
};

/** "+2 分/次", "−5 分/次" */
export function rulePoints(points: number, unit: string): string {
  return `${points > 0 ? '+' : '−'}${Math.abs(points)} 分/${UNIT_LABELS[unit] ?? unit}`;
}

export function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

export interface PointsVillage {
  id: number;
  name: string;
  households: number;
}

export function usePointsVillages() {
  return useQuery({
    queryKey: ['points', 'villages'],
    queryFn: () => api<{ items: PointsVillage[] }>('/api/points/villages'),
    staleTime: 60_000,
  });
}

/**
 * The village the pages work on: a village's staff their own; towns and the county pick one (?v=), the first
 * with households by default.
 */
export function useVillageId(): [number | undefined, (id: number) => void] {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const villages = usePointsVillages();
  const own = me.org?.kind === 'village' ? Number(me.org.id) : undefined;
  const chosen = Number(params.get('v')) || undefined;
  const fallback = villages.data?.items.find((v) => v.households > 0)?.id ?? villages.data?.items[0]?.id;
  const set = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('v', String(id));
    setParams(next, { replace: true });
  };
  return [own ?? chosen ?? fallback, set];
}

export function useVillageOverview(villageId: number | undefined) {
  return useQuery({
    queryKey: ['points', 'village', villageId],
    queryFn: () => api<VillageOverview>(`/api/points/villages/${villageId}`),
    enabled: villageId !== undefined,
  });
}

/** The China-time month and year of now ('2026-03', '2026'). */
export function currentPeriods(now: Date = new Date()): { month: string; year: string } {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return { month: day.slice(0, 7), year: day.slice(0, 4) };
}
