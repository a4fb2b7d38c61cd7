// The 工作专班 API as the pages use it: the shapes from the server's own views (type-only) and the queries.

import type {
  TeamOverview as Overview,
  WorkTeamDetail,
  WorkTeamListItem,
} from '@server/modules/work-teams/work-team-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Json } from '../../api-types';
import type { Page, UserSummary } from '../../types';

export type WorkTeamRow = Json<WorkTeamListItem>;
export type WorkTeam = Json<WorkTeamDetail>;
export type TeamOverview = Json<Overview>;

export function useWorkTeam(id: string | undefined) {
  return useQuery({
    queryKey: ['work-teams', 'detail', id],
    queryFn: () => api<WorkTeam>(`/api/work-teams/${id}`),
    enabled: !!id,
  });
}

export function useTeamOverview(id: string | undefined) {
  return useQuery({
    queryKey: ['work-teams', 'overview', id],
    queryFn: () => api<TeamOverview>(`/api/work-teams/${id}/overview`),
    enabled: !!id,
  });
}

/** County leaders, who may lead a team. */
export function useLeaders() {
  return useQuery({
    queryKey: ['users', 'leaders'],
    queryFn: () => api<Page<UserSummary>>('/api/users', { query: { role: 'leader', limit: 200 } }),
    staleTime: 60_000,
  });
}
