// The small-power API as the pages use it: the server's view types (type-only), the chosen village kept in the
// URL (?v=), the labels of actors, states and step statuses, and the queries every page shares.
import type {
  ExerciseDetail,
  ExerciseListItem,
  PowerItemView,
  PowerVillageView,
  PublicPowersView,
} from '@server/modules/powers/power-views';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useCurrentUser } from '../../auth';

export type { ExerciseDetail, ExerciseListItem, PowerItemView, PowerVillageView, PublicPowersView };
export type ProcedureStep = PowerItemView['steps'][number];

export const ACTOR_LABELS: Record<string, string> = {
  village_party: '村党组织',
  village_committees: '村两委',
  party_members: '党员大会',
  representatives: '村民代表会议',
  village_committee: '村民委员会',
  group_meeting: '村民小组会议',
  supervision: '村务监督委员会',
  town_review: '镇街审核',
  county_department: '县级部门',
  applicant: '申请人',
  seal_keeper: '管章人',
};

export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  in_progress: { label: '办理中', color: 'processing' },
  publicity: { label: '公示中', color: 'gold' },
  completed: { label: '已办结', color: 'green' },
  rejected: { label: '已否决', color: 'default' },
};

export const STEP_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  done: { label: '已完成', color: 'green' },
  done_late: { label: '超时完成', color: 'red' },
  rejected: { label: '否决', color: 'default' },
  skipped: { label: '未经过', color: 'default' },
  overdue: { label: '超时未办', color: 'red' },
  due: { label: '待办理', color: 'blue' },
  not_reached: { label: '未开始', color: 'default' },
  closed: { label: '已终止', color: 'default' },
};

export function usePowerVillages() {
  return useQuery({
    queryKey: ['powers', 'villages'],
    queryFn: () => api<{ items: PowerVillageView[] }>('/api/powers/villages'),
    staleTime: 30_000,
  });
}

/** The village the pages work on: a village's staff their own; towns and the county pick one (?v=). */
export function usePowerVillageId(): [number | undefined, (id: number | undefined) => void] {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const villages = usePowerVillages();
  const own = me.org?.kind === 'village' ? Number(me.org.id) : undefined;
  const chosen = Number(params.get('v')) || undefined;
  const fallback = villages.data?.items.find((v) => v.items > 0)?.id ?? villages.data?.items[0]?.id;
  const set = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id === undefined) next.delete('v');
    else next.set('v', String(id));
    setParams(next, { replace: true });
  };
  return [own ?? chosen ?? fallback, set];
}

export function useVillageItems(villageId: number | undefined) {
  return useQuery({
    queryKey: ['powers', 'items', villageId],
    queryFn: () => api<{ items: PowerItemView[] }>(`/api/powers/villages/${villageId}/items`),
    enabled: villageId !== undefined,
  });
}

export function useTemplate() {
  return useQuery({
    queryKey: ['powers', 'template'],
    queryFn: () => api<{ items: PowerItemView[] }>('/api/powers/template'),
  });
}

export function useExercises(query: { villageId?: number; flagged?: boolean; state?: string }) {
  return useQuery({
    queryKey: ['powers', 'exercises', query],
    queryFn: () =>
      api<{ items: ExerciseListItem[]; total: number }>('/api/powers/exercises', {
        query: {
          villageId: query.villageId,
          flagged: query.flagged || undefined,
          state: query.state,
        },
      }),
  });
}

export function useExercise(id: number) {
  return useQuery({
    queryKey: ['powers', 'exercise', id],
    queryFn: () => api<ExerciseDetail>(`/api/powers/exercises/${id}`),
  });
}
