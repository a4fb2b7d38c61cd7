// A governance topic's page: the topic, the monthly volume of its kind of case from half a year before adoption
// to now (counted by the signature kept at adoption), the months before against the months after, its tasks
// and its history.
import { AppError } from '../../core/errors.js';
import { addMonths, monthOf } from '../../domain/assessment/periods.js';
import {
  type BeforeAfter,
  beforeAfter,
  monthlyVolume,
  monthsBetween,
  type TopicSignature,
} from '../../domain/topic/index.js';
import type { Principal } from '../auth/principal.js';
import { type HistoryEntry, historyOf } from '../record-history/index.js';
import type { TaskListItem } from '../tasks/task-views.js';
import { areaById, monthRange, readAreaCases } from './topic-cases.js';
import type { TopicDeps } from './topic-deps.js';
import { topicsVisibleTo } from './topic-scope.js';

/** Months shown before the adoption month. */
export const MONTHS_BEFORE = 6;

const HISTORY_LABELS = { adopt: '采纳为议题', close: '议题结项' };

export interface TopicDetail {
  id: number;
  title: string;
  description: string;
  month: string;
  state: 'active' | 'closed';
  version: number;
  area: { id: number; name: string };
  lead: { id: number; name: string };
  adoptedAt: string;
  adoptedMonth: string;
  adoptedBy: { userName: string | null; orgName: string | null };
  closedAt: string | null;
  closeNote: string | null;
  terms: string[];
  categories: { id: number; name: string }[];
  caseCount: number;
  months: string[];
  series: number[];
  effect: BeforeAfter;
  tasks: TaskListItem[];
  history: HistoryEntry[];
}

export async function getTopic(deps: TopicDeps, principal: Principal, id: number): Promise<TopicDetail> {
  const row = await deps.db
    .selectFrom('governance_topics')
    .innerJoin('orgs as a', 'a.id', 'governance_topics.area_org_id')
    .innerJoin('orgs as l', 'l.id', 'governance_topics.lead_org_id')
    .leftJoin('users as u', 'u.id', 'governance_topics.adopted_by_user_id')
    .leftJoin('orgs as b', 'b.id', 'governance_topics.adopted_by_org_id')
    .selectAll('governance_topics')
    .select(['a.name as area_name', 'l.name as lead_name', 'u.display_name as adopter_name', 'b.name as adopter_org'])
    .where(topicsVisibleTo(principal))
    .where('governance_topics.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('GOVERNANCE_TOPIC_NOT_FOUND');
  const signature = row.signature as TopicSignature;
  const now = deps.clock.now();
  const adoptedMonth = monthOf(new Date(row.adopted_at));
  const months = monthsBetween(addMonths(adoptedMonth, -MONTHS_BEFORE), monthOf(now));
  const area = await areaById(deps.db, row.area_org_id);
  const candidates = await readAreaCases(deps.db, area, monthRange(months[0] as string).start, now, {
    signature,
    members: row.case_ids,
  });
  const series = monthlyVolume(signature, candidates, months, new Set(row.case_ids));
  const [tasks, history, categories] = await Promise.all([
    deps.tasks.queries.ofSources('governance_topic', [String(id)]),
    historyOf(deps.db, 'governance_topic', id, HISTORY_LABELS),
    signature.categoryIds.length
      ? deps.db.selectFrom('categories').select(['id', 'name']).where('id', 'in', signature.categoryIds).execute()
      : Promise.resolve([]),
  ]);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    month: row.month,
    state: row.state as 'active' | 'closed',
    version: row.version,
    area: { id: row.area_org_id, name: row.area_name },
    lead: { id: row.lead_org_id, name: row.lead_name },
    adoptedAt: new Date(row.adopted_at).toISOString(),
    adoptedMonth,
    adoptedBy: { userName: row.adopter_name, orgName: row.adopter_org },
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    closeNote: row.close_note,
    terms: signature.terms
      .map(([t]) => t)
      .filter((t) => t.length > 1)
      .slice(0, 8),
    categories,
    caseCount: row.case_ids.length,
    months,
    series,
    effect: beforeAfter(months, series, adoptedMonth),
    tasks,
    history,
  };
}
