// Keeps assessment_facts and assessment_links up to date from the case timeline. For each case touched by a
// batch of events, the facts of its timeline before the batch are subtracted and the facts of the whole
// timeline added (src/domain/assessment/facts.ts is pure, so both are exact): a merged duplicate's earlier
// facts disappear, a reopened case's new facts are added, and nothing is counted twice.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type AssessmentEvent,
  addFacts,
  type CaseHistory,
  emptyFacts,
  extractCaseFacts,
  FACT_KEYS,
  type FactKey,
  type Facts,
  sumFacts,
} from '../../domain/assessment/index.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import {
  type DisputeFactSource,
  type DisputeState,
  disputeFactRows,
  type Performance,
} from '../../domain/dispute/index.js';
import { type Answers, checkQuestionnaire, townScoreCounts } from '../../domain/survey/index.js';
import { type TaskFact, taskFacts } from '../../domain/task/index.js';
import { type CaseEventRow, consumeCaseEvents, drainCaseEvents } from '../../jobs/case-event-consumer.js';

export const ASSESSMENT_CONSUMER = 'assessment';

/** assessment_facts column of each fact. */
export const FACT_COLUMNS: Record<FactKey, keyof DB['assessment_facts'] & string> = {
  received: 'received',
  signDue: 'sign_due',
  signOnTime: 'sign_on_time',
  replyDue: 'reply_due',
  replyOnTime: 'reply_on_time',
  replies: 'replies',
  settled: 'settled',
  resolved: 'resolved',
  rated: 'rated',
  satisfied: 'satisfied',
  closed: 'closed',
  closedOnTime: 'closed_on_time',
  dispatched: 'dispatched',
  returned: 'returned',
  reopened: 'reopened',
  overdue: 'overdue',
  supervised: 'supervised',
  taskDue: 'task_due',
  taskOnTime: 'task_on_time',
  screeningDue: 'screening_due',
  screeningOnTime: 'screening_on_time',
  surveyAnswered: 'survey_answered',
  surveySatisfied: 'survey_satisfied',
  disputeAccepted: 'dispute_accepted',
  disputeResolved: 'dispute_resolved',
  disputeConcluded: 'dispute_concluded',
  disputeSucceeded: 'dispute_succeeded',
};

type Db = Kysely<DB> | Transaction<DB>;

function toEvent(row: {
  at: Date | string;
  type: string;
  org_id: number | null;
  from_state: string | null;
  to_state: string;
  details: unknown;
}): AssessmentEvent {
  const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
  return {
    at: row.at instanceof Date ? row.at : new Date(row.at),
    type: row.type,
    orgId: row.org_id,
    fromState: row.from_state,
    toState: row.to_state,
    details: (details ?? {}) as Record<string, unknown>,
  };
}

const negate = (f: Facts): Facts => Object.fromEntries(FACT_KEYS.map((k) => [k, -f[k]])) as Facts;

/** Applies one batch of events (inside the consumer's transaction). */
export async function applyAssessmentBatch(trx: Transaction<DB>, batch: readonly CaseEventRow[]): Promise<void> {
  if (batch.length === 0) return;
  const firstInBatch = new Map<number, number>();
  let maxId = 0;
  for (const e of batch) {
    const id = Number(e.id);
    const caseId = Number(e.case_id);
    firstInBatch.set(caseId, Math.min(firstInBatch.get(caseId) ?? Number.MAX_SAFE_INTEGER, id));
    maxId = Math.max(maxId, id);
  }
  const caseIds = [...firstInBatch.keys()];
  const facts = new Map<string, { unitId: number; month: string; facts: Facts }>();
  const links = new Map<string, { townId: number; orgId: number; month: string; n: number }>();
  const addRows = (history: CaseHistory, sign: 1 | -1) => {
    const extracted = extractCaseFacts(history);
    for (const row of extracted.rows) {
      const key = `${row.unitId}|${row.month}`;
      const current = facts.get(key) ?? { unitId: row.unitId, month: row.month, facts: emptyFacts() };
      current.facts = addFacts(current.facts, sign === 1 ? row.facts : negate(row.facts));
      facts.set(key, current);
    }
    for (const link of extracted.links) {
      const key = `${link.townId}|${link.orgId}|${link.month}`;
      const current = links.get(key) ?? { ...link, n: 0 };
      current.n += sign;
      links.set(key, current);
    }
  };

  for (let i = 0; i < caseIds.length; i += 500) {
    const chunk = caseIds.slice(i, i + 500);
    const [cases, events] = await Promise.all([
      trx.selectFrom('cases').select(['id', 'town_id', 'village_id', 'grid_id']).where('id', 'in', chunk).execute(),
      trx
        .selectFrom('case_events')
        .select(['id', 'case_id', 'version', 'at', 'type', 'org_id', 'from_state', 'to_state', 'details'])
        .where('case_id', 'in', chunk)
        .where('id', '<=', maxId)
        .orderBy('case_id')
        .orderBy('version')
        .execute(),
    ]);
    const byCase = new Map<number, typeof events>();
    for (const e of events) {
      const list = byCase.get(Number(e.case_id)) ?? [];
      list.push(e);
      byCase.set(Number(e.case_id), list);
    }
    for (const c of cases) {
      const id = Number(c.id);
      const all = byCase.get(id) ?? [];
      const first = firstInBatch.get(id) ?? 0;
      const place = { caseId: id, townId: c.town_id, villageId: c.village_id, gridId: c.grid_id };
      addRows({ ...place, events: all.filter((e) => Number(e.id) < first).map(toEvent) }, -1);
      addRows({ ...place, events: all.map(toEvent) }, 1);
    }
  }
  await upsertFacts(
    trx,
    [...facts.values()].filter((r) => FACT_KEYS.some((k) => r.facts[k] !== 0)),
  );
  await upsertLinks(
    trx,
    [...links.values()].filter((l) => l.n !== 0),
  );
}

/** One unit's facts of one month, as upsertFacts adds them. */
export type FactRow = { unitId: number; month: string; facts: Facts };

/**
 * The facts of several records changed in one transaction (a sweeper's batch of tasks), summed and written once
 * at its end. Written one record at a time they were added in the records' order, not upsertFacts' one order, so
 * a batch could hold a row that another writer's sorted upsert waited for while waiting for one that writer held.
 */
export class FactBatch {
  private readonly rows: FactRow[] = [];

  add(rows: readonly FactRow[]): void {
    this.rows.push(...rows);
  }

  async flush(db: Db): Promise<void> {
    const rows = sumFacts(this.rows.splice(0)).filter((r) => FACT_KEYS.some((k) => r.facts[k] !== 0));
    if (rows.length > 0) await upsertFacts(db, rows);
  }
}

export async function upsertFacts(db: Db, rows: FactRow[]): Promise<void> {
  // In one order (month, unit) for every writer: two batches that add to the same rows then wait for each other
  // instead of each holding a row the other wants (PostgreSQL found such deadlocks between the consumer's batch and
  // a sweeper's after a week of the demo clock).
  const ordered = [...rows].sort((a, b) => (a.month === b.month ? a.unitId - b.unitId : a.month < b.month ? -1 : 1));
  for (let i = 0; i < ordered.length; i += 300) {
    const chunk = ordered.slice(i, i + 300);
    const values = chunk.map((r) => {
      const v: Record<string, number | string> = { unit_id: r.unitId, month: r.month };
      for (const k of FACT_KEYS) v[FACT_COLUMNS[k]] = r.facts[k];
      return v as unknown as DB['assessment_facts'];
    });
    await db
      .insertInto('assessment_facts')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['month', 'unit_id']).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const k of FACT_KEYS) {
            const col = FACT_COLUMNS[k];
            set[col] = sql`${sql.ref(`assessment_facts.${col}`)} + ${eb.ref(`excluded.${col}`)}`;
          }
          return set;
        }),
      )
      .execute();
  }
}

async function upsertLinks(db: Db, rows: { townId: number; orgId: number; month: string; n: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insertInto('assessment_links')
      .values(chunk.map((l) => ({ town_id: l.townId, org_id: l.orgId, month: l.month, cases: l.n })))
      .onConflict((oc) =>
        oc
          .columns(['town_id', 'month', 'org_id'])
          .doUpdateSet((eb) => ({ cases: sql<number>`assessment_links.cases + ${eb.ref('excluded.cases')}` })),
      )
      .execute();
  }
}

/** One batch (the background job's pass); true when it did work. */
export async function consumeAssessmentEvents(db: Kysely<DB>): Promise<boolean> {
  return (await consumeCaseEvents(db, { name: ASSESSMENT_CONSUMER, handle: applyAssessmentBatch })) > 0;
}

/** Runs until caught up (before a read, so a page shows what has just happened). */
export async function catchUpAssessment(db: Kysely<DB>): Promise<number> {
  return drainCaseEvents(db, { name: ASSESSMENT_CONSUMER, handle: applyAssessmentBatch });
}

/** Recomputes everything from the timeline. */
export async function rebuildAssessment(db: Kysely<DB>): Promise<number> {
  await db.transaction().execute(async (trx) => {
    // The writers of these tables finish first and the next wait for the rebuild: its deletes take every row in
    // the table's order, which a writer's sorted upsert could otherwise meet halfway (each waiting for the other).
    await sql`LOCK TABLE assessment_facts, assessment_links IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    await trx.deleteFrom('assessment_facts').execute();
    await trx.deleteFrom('assessment_links').execute();
    const facts = new FactBatch();
    facts.add(await taskFactRows(trx));
    facts.add(await surveyFactRows(trx));
    facts.add(await disputeAssessmentRows(trx));
    await facts.flush(trx);
    await trx
      .insertInto('consumer_cursors')
      .values({ name: ASSESSMENT_CONSUMER, last_id: 0 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_id: 0 }))
      .execute();
  });
  return catchUpAssessment(db);
}

/**
 * 群众满意度（民调）: per town, the answers to the score question of each closed survey round (or of `roundId` only),
 * in the China month the round closed. Written when a round closes; a rebuild reads every closed round.
 */
export async function surveyFactRows(db: Db, roundId?: number) {
  let rounds = db
    .selectFrom('survey_rounds')
    .select(['id', 'questionnaire', 'closed_at'])
    .where('state', '=', 'closed')
    .where('closed_at', 'is not', null);
  if (roundId !== undefined) rounds = rounds.where('id', '=', roundId);
  const rows: { unitId: number; month: string; facts: Facts }[] = [];
  for (const round of await rounds.execute()) {
    const q = checkQuestionnaire(round.questionnaire);
    if (!q.ok) continue;
    const answers = await db
      .selectFrom('survey_answers')
      .select(['town_id', 'village_id', 'answers'])
      .where('round_id', '=', round.id)
      .execute();
    const month = chinaDayOf(new Date(round.closed_at as Date)).slice(0, 7);
    const samples = answers.map((a) => ({ townId: a.town_id, villageId: a.village_id, answers: a.answers as Answers }));
    for (const t of townScoreCounts(q.value, samples)) {
      rows.push({
        unitId: t.townId,
        month,
        facts: { ...emptyFacts(), surveyAnswered: t.answered, surveySatisfied: t.satisfied },
      });
    }
  }
  return sumFacts(rows);
}

/** The columns of a dispute row that its assessment facts are computed from. */
export const DISPUTE_FACT_COLUMNS = [
  'id',
  'state',
  'created_at',
  'accepted_at',
  'signed_at',
  'concluded_at',
  'performance',
  'town_id',
  'village_id',
  'grid_id',
] as const;

export interface DisputeFactRecord {
  id: number;
  state: string;
  created_at: Date;
  accepted_at: Date | null;
  signed_at: Date | null;
  concluded_at: Date | null;
  performance: string | null;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
}

const at = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as Date));

function disputeSource(r: DisputeFactRecord): DisputeFactSource {
  return {
    state: r.state as DisputeState,
    createdAt: at(r.created_at) as Date,
    acceptedAt: at(r.accepted_at),
    signedAt: at(r.signed_at),
    concludedAt: at(r.concluded_at),
    performance: r.performance as Performance | null,
    unitIds: [r.grid_id, r.village_id, r.town_id].filter((x): x is number => x !== null),
  };
}

function disputeFacts(r: DisputeFactRecord, sign: 1 | -1) {
  return disputeFactRows(disputeSource(r)).map((row) => ({
    unitId: row.unitId,
    month: row.month,
    facts: {
      ...emptyFacts(),
      disputeAccepted: sign * row.accepted,
      disputeResolved: sign * row.resolved,
      disputeConcluded: sign * row.concluded,
      disputeSucceeded: sign * row.succeeded,
    },
  }));
}

/**
 * 调解成功率 and 矛盾纠纷化解率: the change one dispute's new state makes to the facts (its facts after minus its
 * facts before), written in the transaction of that change. `before` is null when the dispute is new.
 */
export async function applyDisputeFactChange(
  db: Db,
  before: DisputeFactRecord | null,
  after: DisputeFactRecord,
): Promise<void> {
  const rows = sumFacts([...(before ? disputeFacts(before, -1) : []), ...disputeFacts(after, 1)]).filter((r) =>
    FACT_KEYS.some((k) => r.facts[k] !== 0),
  );
  await upsertFacts(db, rows);
}

/** Every dispute's facts (the rebuild). */
export async function disputeAssessmentRows(db: Db) {
  const disputes = await db.selectFrom('disputes').select(DISPUTE_FACT_COLUMNS).execute();
  return sumFacts(disputes.flatMap((d) => disputeFacts({ ...d, id: Number(d.id) }, 1)));
}

/** The assessment row of one settled task: a screening counts for 排查完成率, any other task for 任务按期完成率. */
export function taskFactRow(unitId: number, sourceKind: string, fact: TaskFact) {
  const facts =
    sourceKind === 'screening'
      ? { ...emptyFacts(), screeningDue: fact.taskDue, screeningOnTime: fact.taskOnTime }
      : { ...emptyFacts(), taskDue: fact.taskDue, taskOnTime: fact.taskOnTime };
  return { unitId, month: fact.month, facts };
}

/** The task facts of every task's history (the task store adds them live; a rebuild replays them). */
async function taskFactRows(trx: Transaction<DB>): Promise<FactRow[]> {
  const events = await trx
    .selectFrom('task_events')
    .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
    .select([
      'task_events.task_id',
      'task_events.type',
      'task_events.at',
      'task_events.details',
      'tasks.owner_org_id',
      'tasks.source_kind',
    ])
    .where('task_events.type', 'in', ['complete', 'escalateOverdue'])
    .orderBy('task_events.task_id')
    .orderBy('task_events.version')
    .execute();
  const byTask = new Map<number, typeof events>();
  for (const e of events) byTask.set(Number(e.task_id), [...(byTask.get(Number(e.task_id)) ?? []), e]);
  const rows = [...byTask.values()].flatMap((list) =>
    taskFacts(
      list.map((e) => ({ type: e.type, at: new Date(e.at), details: (e.details ?? {}) as Record<string, unknown> })),
    ).map((f) => {
      const task = list[0] as (typeof events)[number];
      return taskFactRow(task.owner_org_id, task.source_kind, f);
    }),
  );
  return rows;
}
