// Records a decision (决定事项) on an agenda item: its text and one or more tasks — owner unit, assisting units,
// a due day on the holiday calendar or a limit in working days — assigned in the organising unit's name. The
// decision and its tasks are written in ONE transaction: a task the task service refuses (an owner unit that
// does not exist, a day already past) leaves no decision behind.
import type { DurationUnit } from '../../domain/calendar/index.js';
import { decisionDue, type TaskDue } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { commitMeetingChange, invalid, type MeetingDeps, meetingForChange, ruleToAppError } from './meeting-store.js';
import { itemOf } from './record-discussion.js';

export const MAX_DECISION_TEXT = 2000;
export const MAX_DECISION_TASKS = 10;

export interface DecisionTaskInput {
  /** The task's title (the decision's text by default). */
  title?: string;
  description?: string;
  ownerOrgId: number;
  assistingOrgIds?: number[];
  /** A working day, 'YYYY-MM-DD' (due at the end of its office hours) … */
  dueDate?: string;
  /** … or a limit on the working calendar from now. */
  limit?: { amount: number; unit: DurationUnit };
}

export interface RecordDecisionInput {
  version: number;
  text: string;
  tasks: DecisionTaskInput[];
}

export interface RecordedDecision {
  version: number;
  decisionId: number;
  tasks: { id: number; number: string }[];
}

export async function recordDecision(
  deps: MeetingDeps,
  id: number,
  itemId: number,
  input: RecordDecisionInput,
  principal: Principal,
): Promise<RecordedDecision> {
  const text = input.text.trim();
  if (!text) throw invalid('请填写决定事项的内容', { field: 'text' });
  if (text.length > MAX_DECISION_TEXT) throw invalid(`决定事项不能超过 ${MAX_DECISION_TEXT} 字`, { field: 'text' });
  if (input.tasks.length === 0) throw invalid('每项决定至少交办一项任务（责任单位和完成期限）', { field: 'tasks' });
  if (input.tasks.length > MAX_DECISION_TASKS) {
    throw invalid(`一项决定最多交办 ${MAX_DECISION_TASKS} 项任务`, { field: 'tasks' });
  }
  // The calendar, read before the transaction (the task service reads the same cache inside it).
  const ctx = await deps.cases.contexts.context();
  const dues: TaskDue[] = input.tasks.map((t, i) => {
    const due = decisionDue({ dueDate: t.dueDate, limit: t.limit }, ctx.calendar, ctx.now);
    if (!due.ok) {
      const error = ruleToAppError(due.error);
      throw invalid(input.tasks.length > 1 ? `任务 ${i + 1}：${error.message}` : error.message, {
        ...(due.error.details as Record<string, unknown>),
        field: `tasks/${i}/${due.error.details.field ?? 'dueDate'}`,
      });
    }
    return due.value;
  });
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, 'recordDecision');
    const item = await itemOf(trx, id, itemId);
    const before = await trx
      .selectFrom('meeting_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meeting_id', '=', id)
      .where('position', '<=', item.position)
      .executeTakeFirstOrThrow();
    const now = deps.clock.now();
    const decision = await trx
      .insertInto('meeting_decisions')
      .values({ meeting_id: id, item_id: itemId, text, created_by: principal.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tasks: { id: number; number: string }[] = [];
    for (const [i, t] of input.tasks.entries()) {
      const due = dues[i] as TaskDue;
      const created = await deps.tasks.create(
        {
          title: (t.title?.trim() || text).slice(0, 200),
          description: t.description?.trim() || (t.title?.trim() ? text : ''),
          sourceKind: 'meeting_decision',
          sourceId: String(decision.id),
          sourceLabel: `${meeting.title} · 议题${Number(before.n)}`,
          caseId: item.case_id,
          ownerOrgId: t.ownerOrgId,
          assistingOrgIds: t.assistingOrgIds ?? [],
          assignedByOrgId: meeting.organiser_org_id,
          ...('dueAt' in due ? { dueAt: due.dueAt } : { limit: due.limit }),
        },
        principal,
        trx,
      );
      tasks.push({ id: created.id, number: created.number });
    }
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: 'decision',
      details: { itemId, decisionId: decision.id, taskIds: tasks.map((t) => t.id) },
    });
    return { version, decisionId: decision.id, tasks };
  });
}
