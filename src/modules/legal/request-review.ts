// A village (or the town or county above it) asks its adviser for a legal review of a decision or a contract
// (法律审核): a task of the source 'legal_review' owned by the adviser's law firm, due in working days on the
// holiday calendar, supervised and escalated by the task machine like any task. When the adviser records the
// review (a 'legal_review' entry naming the task), the task is signed and completed with the entry.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { TaskListItem, TaskService } from '../tasks/index.js';
import type { LegalDeps } from './legal-deps.js';
import { legalReach } from './legal-scope.js';

export interface ReviewRequestInput {
  villageId: number;
  documentTitle: string;
  note?: string | null;
  /** working days for the opinion (5 by default) */
  dueDays?: number;
  attachmentIds?: string[];
}

export type LegalTasks = Pick<TaskService, 'create' | 'act' | 'ofSources'>;

export async function requestReview(
  deps: LegalDeps & { tasks: LegalTasks },
  input: ReviewRequestInput,
  principal: Principal,
): Promise<{ taskId: number; number: string }> {
  const reach = await legalReach(deps.db, principal);
  if (!reach || !(reach.countyWide || reach.orgIds.includes(input.villageId))) {
    throw new AppError('ORG_NOT_FOUND', { details: { field: 'villageId', villageId: input.villageId } });
  }
  const title = input.documentTitle.trim();
  if (!title) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请填写需审核的决策或合同',
      details: { field: 'documentTitle' },
    });
  }
  const serving = await deps.db
    .selectFrom('legal_assignments as la')
    .innerJoin('legal_advisers as ad', 'ad.id', 'la.adviser_id')
    .innerJoin('orgs as v', 'v.id', 'la.village_id')
    .select(['la.firm_org_id', 'ad.name as adviser_name', 'v.name as village_name'])
    .where('la.village_id', '=', input.villageId)
    .where('la.county_code', '=', reach.countyCode)
    .where('la.ended_on', 'is', null)
    .executeTakeFirst();
  if (!serving) {
    throw new AppError('LEGAL_NOT_ASSIGNED', {
      message: '该村（社区）当前没有受聘的法律顾问，请先联系县司法局聘任',
      details: { field: 'villageId' },
    });
  }
  const now = deps.clock.now();
  const created = await deps.tasks.create(
    {
      title: `法律审核：${title}`,
      description: [
        `请${serving.village_name}法律顾问${serving.adviser_name}出具书面审核意见。`,
        input.note?.trim() ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      sourceKind: 'legal_review',
      sourceId: String(input.villageId),
      sourceLabel: `${serving.village_name}法律审核`,
      sourceKey: `legal_review:${input.villageId}:${now.getTime()}:${principal.userId ?? 0}`,
      ownerOrgId: serving.firm_org_id,
      limit: { amount: input.dueDays ?? 5, unit: 'working_days' },
      attachmentIds: input.attachmentIds ?? [],
    },
    principal,
  );
  return { taskId: created.id, number: created.number };
}

/** The open review requests of these villages (for the adviser's phone). */
export async function openReviews(tasks: LegalTasks, villageIds: readonly number[]): Promise<TaskListItem[]> {
  if (villageIds.length === 0) return [];
  const items = await tasks.ofSources('legal_review', villageIds.map(String));
  return items.filter((t) => ['pending_sign', 'in_progress', 'overdue'].includes(t.state));
}

/** After the review is recorded, its task is done too (signed and completed by the firm; best effort). */
export async function completeReviewTask(
  tasks: LegalTasks,
  task: TaskListItem,
  entryId: number,
  principal: Principal,
): Promise<void> {
  if (task.ownerOrg.id !== principal.orgId) return;
  try {
    let version = task.version;
    if (!task.signed) version = (await tasks.act(task.id, { version, action: { type: 'sign' } }, principal)).version;
    await tasks.act(
      task.id,
      { version, action: { type: 'complete', result: `已出具法律审核意见（服务记录 #${entryId}）` } },
      principal,
    );
  } catch {
    // left open: the firm completes it from the task page
  }
}
