// The step of an exercise that is waiting, as a task (source 'power_step'): anything with an owner unit and a
// deadline runs on the one task capability. After every change of an exercise, in its transaction:
// - the next required step with a time limit has one open task, owned and assigned by the village, due at the end
//   of the step's due day on the working calendar (the day the exercise page shows: standingsOf);
// - recording that step (done, or 否决 where the procedure allows it) signs for and completes its task;
// - an exercise that ends without it (否决 at an earlier, optional step), or a step's due day that moved (an
//   optional step recorded before it restarts its clock), cancels it; the new due day gets a new task.
// A step without a time limit, an optional step, or a step whose due day has already passed when it opens (a step
// recorded after the fact) gets no task: the town's list of exercises shows the latter as overdue.
// The village acts on its own task; a town or county operator who records a step does so in the village's name
// (the task's history names the user).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import {
  addDays,
  type DayCalendar,
  type Procedure,
  progressOf,
  type RecordedStep,
  standingsOf,
} from '../../domain/power/index.js';
import { OPEN_TASK_STATES } from '../../domain/task/index.js';
import type { Principal } from '../auth/principal.js';
import type { TaskService } from '../tasks/index.js';

export type PowerTasks = Pick<TaskService, 'create' | 'actWithin'>;

/** What a change of an exercise needs to keep its step task in line (the demo seed passes none). */
export interface StepTaskSync {
  tasks: PowerTasks;
  calendar: DayCalendar;
}

export interface StepTaskExercise {
  id: number;
  number: string;
  title: string;
  itemName: string;
  villageId: number;
  startedOn: string;
}

/** The step the exercise waits for, with its due day; null when none has a time limit (or the exercise ended). */
export function waitingStep(
  procedure: Procedure,
  recorded: readonly RecordedStep[],
  startedOn: string,
  today: string,
  calendar: DayCalendar,
): { key: string; name: string; dueOn: string } | null {
  const progress = progressOf(procedure, recorded);
  if (progress.ended || !progress.expected) return null;
  const step = procedure.find((s) => s.key === progress.expected);
  const standing = standingsOf(procedure, recorded, startedOn, today, calendar).find(
    (s) => s.key === progress.expected,
  );
  if (!step || !standing?.dueOn) return null;
  return { key: step.key, name: step.name, dueOn: standing.dueOn };
}

const taskKey = (exerciseId: number, stepKey: string, dueOn: string) => `power_step:${exerciseId}:${stepKey}:${dueOn}`;
const stepOfKey = (key: string | null) => key?.split(':')[2] ?? null;

/** The village as the acting unit of its own step tasks (the user who acted stays named). */
async function villageActor(trx: Transaction<DB>, villageId: number, principal: Principal | null): Promise<Principal> {
  const village = await trx
    .selectFrom('orgs')
    .select(['id', 'kind', 'path', 'county_code'])
    .where('id', '=', villageId)
    .executeTakeFirstOrThrow();
  if (principal?.orgId === villageId) return principal;
  return {
    kind: 'user',
    userId: principal?.userId ?? null,
    apiKeyId: null,
    role: principal?.role ?? 'api_client',
    displayName: principal?.displayName ?? '',
    orgId: village.id,
    orgKind: village.kind,
    scopePath: village.path,
    scopeOrgIds: [village.id],
    countyCode: village.county_code,
    permissions: new Set(),
  };
}

/** Brings the exercise's step task in line with its steps (see the file's comment); in the change's transaction. */
export async function syncStepTask(
  trx: Transaction<DB>,
  tasks: PowerTasks,
  principal: Principal | null,
  exercise: StepTaskExercise,
  procedure: Procedure,
  recorded: readonly RecordedStep[],
  ctx: { now: Date; calendar: DayCalendar },
): Promise<void> {
  const today = chinaDayOf(ctx.now);
  const waiting = waitingStep(procedure, recorded, exercise.startedOn, today, ctx.calendar);
  const wanted = waiting ? taskKey(exercise.id, waiting.key, waiting.dueOn) : null;
  const open = await trx
    .selectFrom('tasks')
    .select(['id', 'version', 'signed', 'source_key'])
    .where('source_kind', '=', 'power_step')
    .where('source_id', '=', String(exercise.id))
    .where('state', 'in', [...OPEN_TASK_STATES])
    .execute();
  let actor: Principal | null = null;
  const act = async () => {
    actor ??= await villageActor(trx, exercise.villageId, principal);
    return actor;
  };
  const last = recorded[recorded.length - 1];
  const ended = progressOf(procedure, recorded).ended;
  let keep = false;
  for (const task of open) {
    if (task.source_key === wanted) {
      keep = true;
      continue;
    }
    const stepKey = stepOfKey(task.source_key);
    const recordedStep = recorded.find((r) => r.key === stepKey);
    if (recordedStep) {
      let version = task.version;
      if (!task.signed) {
        await tasks.actWithin(trx, task.id, { version, action: { type: 'sign' } }, await act());
        version++;
      }
      const name = procedure.find((s) => s.key === stepKey)?.name ?? stepKey;
      const verdict = recordedStep.outcome === 'rejected' ? '（否决）' : '';
      await tasks.actWithin(
        trx,
        task.id,
        {
          version,
          action: { type: 'complete', result: `已记录「${name}」${verdict}，办理日期 ${recordedStep.doneOn}` },
        },
        await act(),
      );
    } else {
      const reason =
        ended === 'rejected'
          ? `该事项已于「${procedure.find((s) => s.key === last?.key)?.name ?? ''}」否决，此步骤不再办理`
          : ended === 'completed'
            ? '该事项已办结'
            : '前序可选步骤已记录，此步骤的期限自该步骤起重新计算';
      await tasks.actWithin(trx, task.id, { version: task.version, action: { type: 'cancel', reason } }, await act());
    }
  }
  if (!waiting || keep) return;
  // the end of the due day, China time; a due day already past opens no task (the step shows as overdue)
  const dueAt = chinaTime(addDays(waiting.dueOn, 1), '00:00');
  if (dueAt <= ctx.now) return;
  await tasks.create(
    {
      title: `${exercise.itemName}：${waiting.name}`.slice(0, 200),
      description: `小微权力运行「${exercise.title}」（${exercise.number}）待办理「${waiting.name}」，请于 ${waiting.dueOn} 前办理，并在小微权力页面记录该步骤。`,
      sourceKind: 'power_step',
      sourceId: String(exercise.id),
      sourceLabel: `${exercise.number} ${exercise.title}`.slice(0, 200),
      sourceKey: wanted,
      ownerOrgId: exercise.villageId,
      assignedByOrgId: exercise.villageId,
      dueAt,
    },
    await act(),
    trx,
  );
}
