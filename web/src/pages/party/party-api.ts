// The party-organisation API as the pages use it: the shapes the server answers (type-only imports of
// src/modules/party/party-views.ts, erased at build), labels, and the queries several pages share.
import type { PartyLevel } from '@server/domain/party/index';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';

export type { PartyLevel } from '@server/domain/party/index';
export type {
  CommitteeMemberView,
  CoverageView,
  GridCard,
  PartyMemberView,
  PartyOrgDetail,
  PartyOrgView,
  SecretaryDetail,
  SecretaryMonthlyReport,
  SecretaryView,
  UncoveredGrid,
} from '@server/modules/party/party-views';

export const LEVEL_LABELS: Record<PartyLevel, string> = {
  town_committee: '镇街党(工)委',
  village_committee: '村社区党总支',
  grid_branch: '网格（小区）党支部',
  building_group: '楼院党小组',
  member_household: '党员中心户',
};
export const LEVEL_COLOURS: Record<PartyLevel, string> = {
  town_committee: 'red',
  village_committee: 'volcano',
  grid_branch: 'orange',
  building_group: 'gold',
  member_household: 'magenta',
};
/** What may be set up under each level (the server's rules decide; the page only offers these). */
export const CHILD_LEVELS: Record<PartyLevel, PartyLevel[]> = {
  town_committee: ['village_committee'],
  village_committee: ['grid_branch'],
  grid_branch: ['building_group', 'member_household'],
  building_group: ['member_household'],
  member_household: [],
};
export const DUTIES = ['书记', '副书记', '委员', '组长', '党员'] as const;
export const TERM_STATUS: Record<string, { label: string; color: string }> = {
  current: { label: '在任', color: 'green' },
  expired: { label: '已到期', color: 'default' },
  upcoming: { label: '未开始', color: 'blue' },
};

export function usePartyOrgs(query: Record<string, string | number | undefined>, enabled = true) {
  return useQuery({
    queryKey: ['party', 'orgs', query],
    queryFn: () =>
      api<{ items: import('@server/modules/party/party-views').PartyOrgView[] }>('/api/party/orgs', { query }),
    enabled,
  });
}

/** A term picked as a date range, as the API takes it. */
export function termOf(range: [Dayjs, Dayjs]): { termStart: string; termEnd: string } {
  return { termStart: range[0].format('YYYY-MM-DD'), termEnd: range[1].format('YYYY-MM-DD') };
}
