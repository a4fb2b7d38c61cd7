// The dispute API as the pages use it: the shapes the server answers (type-only imports of
// src/modules/disputes/dispute-views.ts, erased at build) and the queries shared by several pages.

import type { DisputeState, RiskLevel } from '@server/domain/dispute/index';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type {
  DisputeActionType,
  DisputeState,
  HandlingLevel,
  IndicatorCounts,
  RiskLevel,
} from '@server/domain/dispute/index';
export type {
  AgreementView,
  DisputeBox,
  DisputeDetail,
  DisputeListItem,
  DisputeStats,
  OrgRef,
} from '@server/modules/disputes/dispute-views';
export type { Party } from '@server/modules/disputes/parties';

export const RISK_COLOURS: Record<RiskLevel, string> = { general: 'blue', serious: 'orange', major: 'red' };
export const STATE_COLOURS: Record<DisputeState, string> = {
  registered: 'gold',
  accepted: 'cyan',
  mediating: 'blue',
  agreed: 'geekblue',
  following_up: 'purple',
  closed: 'green',
  failed: 'default',
  rejected: 'default',
};

export function useDisputeTypes() {
  return useQuery({
    queryKey: ['disputes', 'types'],
    queryFn: () => api<{ items: { code: string; name: string }[] }>('/api/disputes/types'),
    staleTime: 300_000,
  });
}

export function useDisputeInbox() {
  return useQuery({
    queryKey: ['disputes', 'inbox'],
    queryFn: () => api<{ boxes: Record<string, number> }>('/api/disputes/inbox'),
    refetchInterval: 60_000,
  });
}
