// The governance topics the principal sees, newest first, with their tasks' progress.
import type { Principal } from '../auth/principal.js';
import type { TaskCounts } from '../tasks/task-views.js';
import type { TopicDeps } from './topic-deps.js';
import { topicsVisibleTo } from './topic-scope.js';

export interface TopicListItem {
  id: number;
  title: string;
  month: string;
  state: 'active' | 'closed';
  areaName: string;
  leadName: string;
  adoptedAt: string;
  tasks: TaskCounts;
}

export async function listTopics(
  deps: TopicDeps,
  principal: Principal,
  query: { state?: 'active' | 'closed'; page?: number; pageSize?: number },
): Promise<{ items: TopicListItem[]; total: number }> {
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 20));
  let base = deps.db.selectFrom('governance_topics').where(topicsVisibleTo(principal));
  if (query.state) base = base.where('governance_topics.state', '=', query.state);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('orgs as a', 'a.id', 'governance_topics.area_org_id')
      .innerJoin('orgs as l', 'l.id', 'governance_topics.lead_org_id')
      .select([
        'governance_topics.id',
        'governance_topics.title',
        'governance_topics.month',
        'governance_topics.state',
        'governance_topics.adopted_at',
        'a.name as area_name',
        'l.name as lead_name',
      ])
      .orderBy('governance_topics.adopted_at', 'desc')
      .orderBy('governance_topics.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = await deps.tasks.queries.countsBySource(
    'governance_topic',
    rows.map((r) => String(r.id)),
  );
  const none: TaskCounts = { total: 0, open: 0, overdue: 0, done: 0, doneOnTime: 0, cancelled: 0 };
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      month: r.month,
      state: r.state as 'active' | 'closed',
      areaName: r.area_name,
      leadName: r.lead_name,
      adoptedAt: new Date(r.adopted_at).toISOString(),
      tasks: counts.get(String(r.id)) ?? none,
    })),
  };
}
