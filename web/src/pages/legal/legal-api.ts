// The legal-adviser API as the pages use it: the shapes the server answers (type-only imports of
// src/modules/legal/legal-views.ts, erased at build) and the queries shared by several pages.
import type { LegalEntryKind, VillageServiceStatus } from '@server/domain/legal/index';
import type { EntryView, MyAdvising } from '@server/modules/legal/legal-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { LegalEntryKind, VillageServiceStatus } from '@server/domain/legal/index';
export type {
  AdviserDetail,
  AdviserView,
  AssignmentView,
  EntryDetail,
  EntryView,
  MonthlyReport,
  MonthlyRow,
  MyAdvising,
} from '@server/modules/legal/legal-views';

export const KIND_LABELS: Record<LegalEntryKind, string> = {
  consultation: '法律咨询',
  on_site: '驻村服务',
  lecture: '普法讲座',
  legal_review: '法律审核',
  dispute: '参与调解',
};
export const KIND_COLOURS: Record<LegalEntryKind, string> = {
  consultation: 'blue',
  on_site: 'green',
  lecture: 'purple',
  legal_review: 'orange',
  dispute: 'red',
};
export const STATUS_COLOURS: Record<VillageServiceStatus, string> = {
  no_adviser: 'default',
  no_service: 'red',
  below: 'orange',
  met: 'green',
};

export function useLegalMe() {
  return useQuery({ queryKey: ['legal', 'me'], queryFn: () => api<MyAdvising>('/api/legal/me') });
}

export interface EntryQuery {
  villageId?: number;
  adviserId?: number;
  kind?: LegalEntryKind;
  month?: string;
  disputeId?: number;
  page?: number;
  pageSize?: number;
}

export function useLegalEntries(query: EntryQuery, enabled = true) {
  return useQuery({
    queryKey: ['legal', 'entries', query],
    queryFn: () =>
      api<{ items: EntryView[]; total: number }>('/api/legal/entries', {
        query: { ...query },
      }),
    enabled,
  });
}
