// The task API as the pages use it.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { TaskBox, TaskListItem } from '../../api-types';
import type { Page } from '../../types';

export type TaskInbox = Record<Exclude<TaskBox, 'done' | 'all'>, number>;

export function useTaskInbox() {
  return useQuery({
    queryKey: ['tasks', 'inbox'],
    queryFn: () => api<{ boxes: TaskInbox }>('/api/tasks/inbox'),
    refetchInterval: 60_000,
  });
}

/** The tasks a source record assigned (a meeting decision, a team, a project milestone …). */
export function useTasksOfSource(sourceKind: string, sourceId: string | number | undefined) {
  return useQuery({
    queryKey: ['tasks', 'source', sourceKind, String(sourceId)],
    queryFn: () =>
      api<Page<TaskListItem>>('/api/tasks', {
        query: { box: 'all', sourceKind, sourceId: String(sourceId), pageSize: 200 },
      }),
    enabled: sourceId !== undefined,
  });
}
