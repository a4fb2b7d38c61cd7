// Reads of the small-power list: the template, a village's list (with whether the county changed a copied item
// since), the villages of the principal's scope with their counts, exercises with where each step stands today
// on the holiday calendar (the town's view of missing and late steps), one exercise's detail, and the village's
// public page (no sign-in: the powers with their procedures and the exercises' published steps — no subject,
// amount, approver or note).
import type { Selectable } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { PowerExerciseStepsTable, PowerExercisesTable } from '../../db/schema.js';
import {
  addDays,
  type DayCalendar,
  type ExerciseState,
  exerciseStateOf,
  flagsOf,
  progressOf,
  standingsOf,
} from '../../domain/power/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { itemView, procedureOf, recordedOf } from './power-rows.js';
import { type Db, inPowerScope, requireVillage } from './power-scope.js';
import type {
  ExerciseDetail,
  ExerciseListItem,
  PowerItemView,
  PowerVillageView,
  PublicPowersView,
} from './power-views.js';

export interface Today {
  today: string;
  calendar: DayCalendar;
}

export async function templateItems(db: Db, principal: Principal): Promise<PowerItemView[]> {
  const rows = await db
    .selectFrom('power_items')
    .selectAll()
    .where('village_id', 'is', null)
    .where('county_code', '=', principal.countyCode ?? '∅')
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map((r) => itemView(r, null));
}

export async function villageItems(db: Db, principal: Principal, villageId: number): Promise<PowerItemView[]> {
  await requireVillage(db, principal, villageId);
  const rows = await db
    .selectFrom('power_items as i')
    .leftJoin('power_items as t', 't.id', 'i.template_item_id')
    .selectAll('i')
    .select('t.version as template_current_version')
    .where('i.village_id', '=', villageId)
    .orderBy('i.sort')
    .orderBy('i.id')
    .execute();
  return rows.map(({ template_current_version, ...r }) => itemView(r, template_current_version ?? null));
}

type ExerciseRow = Selectable<PowerExercisesTable> & { village_name: string };

function listItem(row: ExerciseRow, stepRows: Selectable<PowerExerciseStepsTable>[], t: Today): ExerciseListItem {
  const procedure = procedureOf(row.steps);
  const recorded = recordedOf(stepRows);
  const standings = standingsOf(procedure, recorded, row.started_on, t.today, t.calendar);
  const progress = progressOf(procedure, recorded);
  const nextStep = procedure.find((s) => s.key === progress.expected);
  const nextStanding = standings.find((s) => s.key === progress.expected);
  return {
    id: row.id,
    number: row.number,
    villageId: row.village_id,
    villageName: row.village_name,
    itemId: row.item_id,
    itemName: row.item_name,
    title: row.title,
    subject: row.subject,
    amount: row.amount,
    startedOn: row.started_on,
    state: exerciseStateOf(procedure, recorded, t.today),
    stepCount: row.step_count,
    totalSteps: procedure.length,
    next: nextStep
      ? {
          key: nextStep.key,
          name: nextStep.name,
          dueOn: nextStanding?.dueOn ?? null,
          overdue: nextStanding?.status === 'overdue',
        }
      : null,
    flags: flagsOf(standings),
    standings: standings.map((s, i) => ({
      ...s,
      name: procedure[i]?.name ?? s.key,
      actor: procedure[i]?.actor ?? 'village_committee',
      missingDocuments: [...s.missingDocuments],
    })),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface ExerciseQuery {
  villageId?: number;
  itemId?: number;
  state?: ExerciseState;
  /** only exercises with a missing or late step */
  flagged?: boolean;
  limit?: number;
}

export async function listExercises(
  db: Db,
  principal: Principal,
  t: Today,
  query: ExerciseQuery,
): Promise<{ items: ExerciseListItem[]; total: number }> {
  let q = db
    .selectFrom('power_exercises as e')
    .innerJoin('orgs as v', 'v.id', 'e.village_id')
    .selectAll('e')
    .select('v.name as village_name')
    .where(inPowerScope(principal, 'e'));
  if (query.villageId !== undefined) q = q.where('e.village_id', '=', query.villageId);
  if (query.itemId !== undefined) q = q.where('e.item_id', '=', query.itemId);
  if (query.state === 'completed' || query.state === 'rejected') q = q.where('e.state', '=', query.state);
  if (query.state === 'in_progress' || query.state === 'publicity') q = q.where('e.state', '=', 'in_progress');
  const rows = await q.orderBy('e.started_on', 'desc').orderBy('e.id', 'desc').limit(2000).execute();
  const steps = rows.length
    ? await db
        .selectFrom('power_exercise_steps')
        .selectAll()
        .where(
          'exercise_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const byExercise = new Map<number, Selectable<PowerExerciseStepsTable>[]>();
  for (const s of steps) byExercise.set(s.exercise_id, [...(byExercise.get(s.exercise_id) ?? []), s]);
  let items = rows.map((r) => listItem(r, byExercise.get(r.id) ?? [], t));
  if (query.state) items = items.filter((i) => i.state === query.state);
  if (query.flagged) items = items.filter((i) => i.flags.late || i.flags.missing);
  return { items: items.slice(0, query.limit ?? 500), total: items.length };
}

export async function exerciseDetail(db: Db, principal: Principal, t: Today, id: number): Promise<ExerciseDetail> {
  const row = await db
    .selectFrom('power_exercises as e')
    .innerJoin('orgs as v', 'v.id', 'e.village_id')
    .selectAll('e')
    .select('v.name as village_name')
    .where('e.id', '=', id)
    .where(inPowerScope(principal, 'e'))
    .executeTakeFirst();
  if (!row) throw new AppError('POWER_EXERCISE_NOT_FOUND', { details: { exerciseId: id } });
  const steps = await db
    .selectFrom('power_exercise_steps as s')
    .leftJoin('users as u', 'u.id', 's.recorded_by_user_id')
    .selectAll('s')
    .select('u.display_name')
    .where('s.exercise_id', '=', id)
    .orderBy('s.seq')
    .execute();
  const events = await db
    .selectFrom('power_exercise_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.version', 'e.type', 'e.at', 'e.details', 'u.display_name'])
    .where('e.exercise_id', '=', id)
    .orderBy('e.version')
    .execute();
  const item = listItem(row, steps, t);
  const procedure = procedureOf(row.steps);
  const recorded = recordedOf(steps);
  const last = recorded[recorded.length - 1];
  const progress = progressOf(procedure, recorded);
  return {
    ...item,
    procedure,
    recorded: steps.map((s) => ({
      seq: s.seq,
      key: s.step_key,
      name: s.step_name,
      outcome: s.outcome as 'done' | 'rejected',
      doneOn: s.done_on,
      publicityFrom: s.publicity_from,
      publicityTo: s.publicity_to,
      approvedBy: s.approved_by,
      documents: s.documents,
      attachmentIds: s.attachment_ids,
      note: s.note,
      recordedBy: s.display_name,
      recordedAt: new Date(s.recorded_at).toISOString(),
    })),
    allowed: [...progress.allowed],
    earliestNextOn: progress.ended
      ? null
      : last?.publicityTo
        ? addDays(last.publicityTo, 1)
        : (last?.doneOn ?? row.started_on),
    history: events.map((e) => ({
      version: e.version,
      type: e.type,
      at: new Date(e.at).toISOString(),
      actor: e.display_name,
      details: e.details,
    })),
  };
}

export async function powerVillages(db: Db, principal: Principal, t: Today): Promise<PowerVillageView[]> {
  if (principal.role === 'citizen' || !principal.countyCode) return [];
  let q = db
    .selectFrom('orgs as v')
    .leftJoin('orgs as town', 'town.id', 'v.parent_id')
    .select(['v.id', 'v.name', 'town.name as town_name'])
    .select((eb) => [
      eb
        .selectFrom('power_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.village_id', '=', 'v.id')
        .where('i.active', '=', true)
        .as('items'),
      eb
        .selectFrom('power_exercises as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.village_id', '=', 'v.id')
        .as('exercises'),
    ])
    .where('v.kind', '=', 'village')
    .where('v.active', '=', true)
    .where('v.county_code', '=', principal.countyCode);
  if (!isCountyRoot(principal))
    q = q.where('v.id', 'in', principal.scopeOrgIds.length ? [...principal.scopeOrgIds] : [-1]);
  const rows = await q.orderBy('v.code').execute();
  const { items: open } = await listExercises(db, principal, t, { state: undefined, limit: 100000 });
  return rows.map((r) => {
    const mine = open.filter((e) => e.villageId === r.id);
    return {
      id: r.id,
      name: r.name,
      townName: r.town_name,
      items: Number(r.items ?? 0),
      exercises: Number(r.exercises ?? 0),
      open: mine.filter((e) => e.state === 'in_progress' || e.state === 'publicity').length,
      flagged: mine.filter((e) => e.flags.late || e.flags.missing).length,
    };
  });
}

export async function publicPowers(db: Db, villageId: number, today: string): Promise<PublicPowersView> {
  const village = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', villageId)
    .where('kind', '=', 'village')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!village) throw new AppError('ORG_NOT_FOUND', { details: { villageId } });
  const items = await db
    .selectFrom('power_items')
    .selectAll()
    .where('village_id', '=', villageId)
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const exercises = await db
    .selectFrom('power_exercises')
    .select(['id', 'number', 'item_name', 'title', 'started_on', 'steps'])
    .where('village_id', '=', villageId)
    .orderBy('started_on', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const steps = exercises.length
    ? await db
        .selectFrom('power_exercise_steps')
        .select([
          'exercise_id',
          'seq',
          'step_key',
          'step_name',
          'outcome',
          'done_on',
          'publicity_from',
          'publicity_to',
          'documents',
        ])
        .where(
          'exercise_id',
          'in',
          exercises.map((e) => e.id),
        )
        .orderBy('seq')
        .execute()
    : [];
  return {
    village,
    items: items.map((i) => ({
      id: i.id,
      category: i.category,
      name: i.name,
      legalBasis: i.legal_basis,
      description: i.description,
      steps: procedureOf(i.steps),
    })),
    exercises: exercises.map((e) => {
      const mine = steps.filter((s) => s.exercise_id === e.id);
      const recorded = mine.map((s) => ({
        key: s.step_key,
        outcome: s.outcome as 'done' | 'rejected',
        doneOn: s.done_on,
        publicityFrom: s.publicity_from,
        publicityTo: s.publicity_to,
        documents: s.documents,
      }));
      return {
        number: e.number,
        itemName: e.item_name,
        title: e.title,
        startedOn: e.started_on,
        state: exerciseStateOf(procedureOf(e.steps), recorded, today),
        steps: mine.map((s) => ({
          name: s.step_name,
          outcome: s.outcome as 'done' | 'rejected',
          doneOn: s.done_on,
          publicityFrom: s.publicity_from,
          publicityTo: s.publicity_to,
          documents: s.documents,
        })),
      };
    }),
  };
}
