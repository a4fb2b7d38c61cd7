// Adopts a proposal of the month as a governance topic (未诉先办): a county or town platform names the lead unit
// and the tasks (owners and deadlines). The proposal is recomputed (its key names it; a client cannot hand in
// its own rule), then one transaction writes the topic with its signature and the volumes seen at adoption, its
// tasks through the task capability, the history and audit entries and the outbox message.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, recordChange } from '../record-history/index.js';
import { proposalsOf } from './propose-topics.js';
import { monthFrom, resolveArea } from './topic-cases.js';
import type { TopicDeps } from './topic-deps.js';

export const MAX_TOPIC_TASKS = 20;

export interface AdoptTopicInput {
  orgId: number;
  month: string;
  proposalKey: string;
  title?: string;
  description?: string;
  leadOrgId: number;
  tasks: { title: string; description?: string; ownerOrgId: number; dueAt: string }[];
}

function invalid(message: string, field: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { field } });
}

export async function adoptTopic(
  deps: TopicDeps,
  principal: Principal,
  input: AdoptTopicInput,
): Promise<{ id: number }> {
  if (principal.orgKind !== 'county' && principal.orgKind !== 'town') {
    throw new AppError('FORBIDDEN', { message: '只有县级和镇街平台可以采纳每月一题议题' });
  }
  const now = deps.clock.now();
  const month = monthFrom(input.month, now);
  if (input.tasks.length === 0) throw invalid('请至少交办一项任务（责任单位和完成期限）', 'tasks');
  if (input.tasks.length > MAX_TOPIC_TASKS) throw invalid(`任务不能超过 ${MAX_TOPIC_TASKS} 项`, 'tasks');
  input.tasks.forEach((t, i) => {
    if (!t.title.trim()) throw invalid(`第 ${i + 1} 项任务缺少任务内容`, `tasks.${i}.title`);
    const due = new Date(t.dueAt);
    if (Number.isNaN(due.getTime())) throw invalid(`第 ${i + 1} 项任务的完成期限不是有效日期`, `tasks.${i}.dueAt`);
    if (due <= now) throw invalid(`第 ${i + 1} 项任务的完成期限须晚于现在`, `tasks.${i}.dueAt`);
  });
  const area = await resolveArea(deps.db, principal, input.orgId);
  const lead = await deps.db
    .selectFrom('orgs')
    .select(['id'])
    .where('id', '=', input.leadOrgId)
    .where('county_code', '=', area.countyCode)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!lead) throw invalid('牵头单位不存在、已停用或不属于本县，请重新选择', 'leadOrgId');
  const proposal = (await proposalsOf(deps, area, month, now)).find((p) => p.key === input.proposalKey);
  if (!proposal) throw new AppError('TOPIC_PROPOSAL_GONE');
  if (proposal.adoptedTopicId !== null) {
    throw new AppError('TOPIC_ALREADY_ADOPTED', { details: { topicId: proposal.adoptedTopicId } });
  }
  const title = (input.title?.trim() || proposal.title).slice(0, 200);
  const owners = input.tasks.map((t) => t.ownerOrgId);
  const unitIds = [...new Set([area.id, input.leadOrgId, principal.orgId as number, ...owners])];

  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('governance_topics')
      .values({
        county_code: area.countyCode,
        area_org_id: area.id,
        month,
        proposal_key: proposal.key,
        title,
        description: (input.description ?? '').trim(),
        lead_org_id: input.leadOrgId,
        signature: JSON.stringify(proposal.signature),
        baseline: JSON.stringify({ months: proposal.months, series: proposal.series, trend: proposal.trend }),
        case_ids: proposal.caseIds,
        unit_ids: unitIds,
        adopted_by_user_id: principal.userId,
        adopted_by_org_id: principal.orgId,
        adopted_at: now,
      })
      .onConflict((oc) => oc.columns(['county_code', 'proposal_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('TOPIC_ALREADY_ADOPTED');
    const id = Number(inserted.id);
    const taskIds: number[] = [];
    for (const [i, t] of input.tasks.entries()) {
      const created = await deps.tasks.create(
        {
          title: t.title,
          description: t.description ?? '',
          sourceKind: 'governance_topic',
          sourceId: String(id),
          sourceLabel: `每月一题：${title}`.slice(0, 200),
          sourceKey: `governance_topic:${id}:${i}`,
          ownerOrgId: t.ownerOrgId,
          dueAt: t.dueAt,
        },
        principal,
        trx,
      );
      taskIds.push(created.id);
    }
    await recordChange(trx, deps.audit, principal, {
      kind: 'governance_topic',
      id,
      type: 'adopt',
      at: now,
      details: { title, month, areaOrgId: area.id, leadOrgId: input.leadOrgId, taskIds, proposalKey: proposal.key },
    });
    await announceChange(trx, {
      topic: 'topic.changed',
      changeId: `governance_topic:${id}:1`,
      at: now,
      payload: { id, event: 'adopted', state: 'active', month, areaOrgId: area.id, leadOrgId: input.leadOrgId },
    });
    return { id };
  });
}
