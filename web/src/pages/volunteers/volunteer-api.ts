// The volunteer API as the pages use it: the server's view types (type-only) and the queries the pages share.
import type {
  ActivityDetail,
  ActivityListItem,
  MyVolunteering,
  TeamItem,
  VolunteerItem,
  VolunteerRecord,
  VolunteerStats,
} from '@server/modules/volunteers/volunteer-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type {
  ActivityDetail,
  ActivityListItem,
  MyVolunteering,
  TeamItem,
  VolunteerItem,
  VolunteerRecord,
  VolunteerStats,
};

export const ACTIVITY_STATE_COLORS: Record<string, string> = {
  draft: 'default',
  open: 'green',
  running: 'blue',
  finished: 'purple',
  cancelled: 'red',
};

export const ACTION_LABELS: Record<string, string> = {
  publish: '发布报名',
  start: '开始活动',
  finish: '结束活动',
  cancel: '取消活动',
};

export const SOURCE_LABELS: Record<string, string> = { case: '案件', task: '任务', dispute: '矛盾纠纷' };

export function useActivity(id: string | number | undefined) {
  return useQuery({
    queryKey: ['volunteers', 'activity', String(id)],
    queryFn: () => api<ActivityDetail>(`/api/volunteers/activities/${id}`),
    enabled: !!id,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['volunteers', 'teams'],
    queryFn: () => api<{ items: TeamItem[] }>('/api/volunteers/teams'),
  });
}
