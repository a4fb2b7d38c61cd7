// The 突破项目 API as the pages use it: the shapes from the server's own views (type-only), the queries, and one
// mutation that sends a change to a project and puts the answer (the project afterwards) into the cache.

import type {
  ProjectDetail,
  ProjectEvaluations,
  ProjectList,
  ProjectListItem,
} from '@server/modules/projects/project-views';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Json } from '../../api-types';

export type Project = Json<ProjectDetail>;
export type ProjectRow = Json<ProjectListItem>;
export type Projects = Json<ProjectList>;
export type Evaluations = Json<ProjectEvaluations>;
export type ProjectStatus = ProjectRow['status'];

export const STATUS_COLOURS: Record<ProjectStatus, string> = {
  on_track: '#389e0d',
  at_risk: '#d48806',
  late: '#cf1322',
};
export const STATUS_TAGS: Record<ProjectStatus, string> = { on_track: 'green', at_risk: 'orange', late: 'red' };
export const STATUS_LABELS: Record<ProjectStatus, string> = { on_track: '正常推进', at_risk: '存在风险', late: '滞后' };

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'detail', id],
    queryFn: () => api<Project>(`/api/projects/${id}`),
    enabled: !!id,
  });
}

/** A change to the project: `path` below /api/projects/:id; the answer is the project afterwards. */
export function useProjectChange(project: Project, onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'POST' | 'PUT' | 'PATCH'; path: string; body: object }) =>
      api<Project>(`/api/projects/${project.id}${path}`, { method, body }),
    onSuccess: (next) => {
      qc.setQueryData(['projects', 'detail', String(project.id)], next);
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      onDone();
    },
  });
}
