// The deliberation API as the pages use it: the server's view types (type-only) and the queries the pages share.
import type {
  MyDeliberationsView,
  PublicBoardView,
  StationView,
  TopicBox,
  TopicDetail,
  TopicListItem,
} from '@server/modules/deliberations/deliberation-views';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type { MyDeliberationsView, PublicBoardView, StationView, TopicBox, TopicDetail, TopicListItem };

export const STATE_COLORS: Record<string, string> = {
  proposed: 'gold',
  accepted: 'blue',
  scheduled: 'geekblue',
  voting: 'purple',
  voted: 'cyan',
  decided: 'green',
  implementing: 'orange',
  done: 'default',
  rejected: 'red',
  withdrawn: 'default',
};

export const STATION_KINDS: { value: string; label: string }[] = [
  { value: 'wulao', label: '五老议事站' },
  { value: 'shuoshi', label: '说事评理站' },
  { value: 'pingyi', label: '群众评议站' },
  { value: 'other', label: '其他议事组织' },
];

export interface TopicPage {
  items: TopicListItem[];
  total: number;
  page: number;
  pageSize: number;
  boxes: Record<TopicBox, number>;
}

export function useStations(villageId?: number) {
  return useQuery({
    queryKey: ['deliberations', 'stations', villageId ?? null],
    queryFn: () => api<{ items: StationView[] }>('/api/deliberations/stations', { query: { villageId } }),
  });
}

export function useTopic(id: number | string | undefined, mine = false) {
  return useQuery({
    queryKey: ['deliberations', mine ? 'mine' : 'staff', 'topic', String(id)],
    queryFn: () => api<TopicDetail>(`/api${mine ? '/my' : ''}/deliberations/topics/${id}`),
    enabled: id !== undefined,
  });
}
