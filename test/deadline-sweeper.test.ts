// The deadline sweeper's batches (issue 22): more clocks than one batch are escalated over several passes, each
// once, with its timeline entry, clocks, supervisor, notification and outbox message; the batch writer
// (persistOutcomes) writes exactly the rows persistOutcome writes; a case that cannot be written does not hold
// back the others of its batch and is escalated by a later pass once it can be.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SetClock } from '../src/core/clock.js';
import { applyCaseAction } from '../src/domain/case/index.js';
import { loadCase } from '../src/modules/cases/act-on-case.js';
import { SYSTEM_ACTOR } from '../src/modules/cases/case-actor.js';
import { persistOutcome } from '../src/modules/cases/case-store.js';
import { SWEEP_PARALLEL, sweepDeadlines } from '../src/modules/cases/deadline-sweeper.js';
import { persistOutcomes } from '../src/modules/cases/persist-outcomes.js';
import { holdLocks, waitsOnLocks } from './support/lock-waits.js';
import { onPostgres, startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
}, 120_000);
afterAll(async () => {
  await sys?.stop();
});

async function citizenCases(n: number): Promise<number[]> {
  const db = sys.services.db;
  const citizen = await db.selectFrom('users').select('id').where('role', '=', 'citizen').executeTakeFirstOrThrow();
  const grid = await db
    .selectFrom('orgs')
    .select('id')
    .where('kind', '=', 'grid')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await sys.services.cases.create(
      {
        channel: 'citizen_app',
        body: `楼道里堆满杂物，存在消防隐患，希望尽快清理。（${i}）`,
        gridId: grid.id,
        reporter: { citizenUserId: citizen.id, name: '王女士', phone: '13800000001' },
      },
      null,
    );
    ids.push(id);
  }
  return ids;
}

/** A clock set a minute after the last acceptance clock of these cases ran out. */
async function pastDue(ids: number[]): Promise<SetClock> {
  const rows = await sys.services.db
    .selectFrom('case_deadlines')
    .select('due_at')
    .where('case_id', 'in', ids)
    .execute();
  expect(rows).toHaveLength(ids.length);
  return new SetClock(new Date(Math.max(...rows.map((r) => new Date(r.due_at).getTime())) + 60_000));
}

const context = () => sys.services.cases.contexts.context();

async function escalationsOf(ids: number[]): Promise<Map<number, number>> {
  const rows = await sys.services.db
    .selectFrom('case_events')
    .select(['case_id', 'version'])
    .where('case_id', 'in', ids)
    .where('type', '=', 'escalateOverdue')
    .execute();
  const count = new Map<number, number>();
  for (const r of rows) count.set(Number(r.case_id), (count.get(Number(r.case_id)) ?? 0) + 1);
  return count;
}

describe('deadline sweeper in batches', () => {
  it('escalates more clocks than one batch over several passes, each once and whole', async () => {
    const ids = await citizenCases(7);
    const clock = await pastDue(ids);
    const before = await sys.services.db.selectFrom('cases').select(['id', 'version']).where('id', 'in', ids).execute();
    const changed: number[] = [];
    const first = await sweepDeadlines(sys.services.db, clock, context, (id) => changed.push(id), 3);
    expect(first.more).toBe(true);
    // a pass runs SWEEP_PARALLEL batches of 3
    expect(first.escalated).toBeLessThanOrEqual(3 * SWEEP_PARALLEL);
    let passes = 1;
    for (let more = first.more; more; passes++) {
      more = (await sweepDeadlines(sys.services.db, clock, context, (id) => changed.push(id), 3)).more;
      expect(passes).toBeLessThan(100);
    }
    expect(passes).toBeGreaterThanOrEqual(Math.ceil(ids.length / (3 * SWEEP_PARALLEL)));
    expect(changed.filter((id) => ids.includes(id)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect([...(await escalationsOf(ids)).entries()].sort((a, b) => a[0] - b[0])).toEqual(
      [...ids].sort((a, b) => a - b).map((id) => [id, 1]),
    );
    // A further pass finds nothing of theirs.
    await sweepDeadlines(sys.services.db, clock, context, () => {}, 3);
    expect([...(await escalationsOf(ids)).values()]).toEqual(ids.map(() => 1));

    const db = sys.services.db;
    for (const id of ids) {
      const v = (before.find((b) => Number(b.id) === id)?.version ?? 0) + 1;
      const row = await db
        .selectFrom('cases')
        .select(['version', 'supervision_level', 'machine'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(v);
      expect((row.machine as { version: number }).version).toBe(v);
      expect(row.supervision_level).toBe('town');
      const event = await db
        .selectFrom('case_events')
        .select(['version', 'actor_kind', 'to_state'])
        .where('case_id', '=', id)
        .where('type', '=', 'escalateOverdue')
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({ version: v, actor_kind: 'system' });
      const clocks = await db
        .selectFrom('case_deadlines')
        .select(['kind', 'escalated_at'])
        .where('case_id', '=', id)
        .orderBy('kind')
        .execute();
      expect(clocks.map((k) => [k.kind, k.escalated_at !== null])).toEqual([
        ['accept', true],
        ['supervision', false],
      ]);
      const roles = await db.selectFrom('case_assignments').select('role').where('case_id', '=', id).execute();
      expect(roles.map((r) => r.role)).toContain('supervisor');
      const notes = await db.selectFrom('notifications').select('kind').where('case_id', '=', id).execute();
      expect(notes.map((n) => n.kind)).toContain('supervised');
      const messages = await db.selectFrom('outbox').select('payload').where('case_id', '=', id).execute();
      expect(messages.map((m) => m.payload)).toContainEqual(
        expect.objectContaining({ changeId: `${id}:${v}`, type: 'escalateOverdue', version: v }),
      );
    }
  }, 120_000);

  it('writes in a batch exactly the rows persistOutcome writes', async () => {
    const [id] = (await citizenCases(1)) as [number];
    const clock = await pastDue([id]);
    const db = sys.services.db;
    // a warned clock keeps its warning through the rewrite
    await db.updateTable('case_deadlines').set({ warned_at: clock.now() }).where('case_id', '=', id).execute();
    const ctx = { ...(await context()), now: clock.now() };

    /** Everything written for the case, without the serial ids of the rows. */
    const rowsOf = async (trx: typeof db) => {
      const strip = <T extends { id?: unknown }>(rows: T[]) => rows.map(({ id: _, ...rest }) => rest);
      return {
        case: await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        events: strip(
          await trx.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('version').execute(),
        ),
        clocks: await trx.selectFrom('case_deadlines').selectAll().where('case_id', '=', id).orderBy('key').execute(),
        assignments: await trx
          .selectFrom('case_assignments')
          .selectAll()
          .where('case_id', '=', id)
          .orderBy('org_id')
          .orderBy('role')
          .execute(),
        notifications: strip(
          await trx.selectFrom('notifications').selectAll().where('case_id', '=', id).orderBy('id').execute(),
        ),
        outbox: strip(await trx.selectFrom('outbox').selectAll().where('case_id', '=', id).orderBy('id').execute()),
      };
    };
    /** The escalation written one way, read back, and rolled back. */
    const written = async (write: 'one' | 'batch') => {
      let rows: Awaited<ReturnType<typeof rowsOf>> | undefined;
      await db
        .transaction()
        .execute(async (trx) => {
          const { c } = await loadCase(trx, id, null, true);
          const result = applyCaseAction(c, { type: 'escalateOverdue', deadlineKey: 'accept' }, SYSTEM_ACTOR, ctx);
          if (!result.ok) throw new Error(result.error.code);
          if (write === 'one') {
            await persistOutcome(trx, c, result.value, { expectedVersion: c.version, actorUserId: null });
          } else {
            await persistOutcomes(trx, [{ before: c, outcome: result.value }], null);
          }
          rows = await rowsOf(trx as unknown as typeof db);
          throw new Error('roll back');
        })
        .catch((error: Error) => {
          if (error.message !== 'roll back') throw error;
        });
      return rows as Awaited<ReturnType<typeof rowsOf>>;
    };
    const one = await written('one');
    const batch = await written('batch');
    expect(one.events.at(-1)?.type).toBe('escalateOverdue');
    expect(one.clocks.find((k) => k.key === 'accept')?.warned_at).not.toBeNull();
    expect(one.outbox.length).toBeGreaterThan(0);
    expect(batch).toEqual(one);
  }, 60_000);

  it('a case that cannot be written does not hold back the others of its batch', async () => {
    const ids = await citizenCases(4);
    const [broken, ...others] = ids as [number, ...number[]];
    const clock = await pastDue(ids);
    const db = sys.services.db;
    // Something already holds the broken case's next timeline version: its write fails on the unique key.
    const { version } = await db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', broken)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_events')
      .values({
        case_id: broken,
        version: version + 1,
        at: clock.now(),
        type: 'amended',
        actor_kind: 'system',
        to_state: 'submitted',
        details: '{}',
        attachment_ids: [],
      })
      .execute();
    await expect(sweepDeadlines(db, clock, context)).rejects.toThrow(`case ${broken} accept`);
    const done = await escalationsOf(ids);
    expect(others.map((id) => done.get(id))).toEqual(others.map(() => 1));
    expect(done.get(broken)).toBeUndefined();
    const due = await db
      .selectFrom('case_deadlines')
      .select('escalated_at')
      .where('case_id', '=', broken)
      .executeTakeFirstOrThrow();
    expect(due.escalated_at).toBeNull();
    // Once the case can be written, the next pass escalates it; the others are not escalated again.
    await db
      .deleteFrom('case_events')
      .where('case_id', '=', broken)
      .where('version', '=', version + 1)
      .execute();
    await sweepDeadlines(db, clock, context);
    const after = await escalationsOf(ids);
    expect(ids.map((id) => after.get(id))).toEqual(ids.map(() => 1));
  }, 60_000);
});

describe.runIf(onPostgres())('the sweeper beside the writers of rows that refer to a case', () => {
  // A notice, a clock, a timeline entry of a case check it with FOR KEY SHARE. The sweeper locked its cases FOR
  // UPDATE, which blocks that: the warnings' notice of a case then waited for the escalating batch while the
  // batch's clock waited for the warnings (a deadlock in PostgreSQL's log, stop 22). It now takes FOR NO KEY UPDATE.
  it('escalates a case while another transaction holds it FOR KEY SHARE, without waiting for it', async () => {
    const [id] = await citizenCases(1);
    const clock = await pastDue([id as number]);
    const holder = new pg.Client({ connectionString: sys.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR KEY SHARE', [id]);
    const sweep = sweepDeadlines(sys.services.db, clock, context);
    const waited = await waitsOnLocks(sys.services.db, sweep);
    await holder.query('ROLLBACK');
    await holder.end();
    const result = await sweep;
    expect(waited).toBe(false);
    expect(result.escalated).toBe(1);
    expect((await escalationsOf([id as number])).get(id as number)).toBe(1);
  }, 60_000);

  // An action locks its case first and then replaces the case's clocks. The sweeper claims the clock first and
  // then locks the case: waiting for it there closed a circle with the action's clock (as the tasks' sweeper
  // did in CI at stop 23). It skips a held case instead, and the next pass takes its clock.
  it('leaves a case that an action holds to the next pass, without waiting for it', async () => {
    const [held, free] = await citizenCases(2);
    const clock = await pastDue([held as number, free as number]);
    const action = holdLocks(sys.services.db, (trx) => loadCase(trx, held as number, null, true));
    await action.held;
    const sweep = sweepDeadlines(sys.services.db, clock, context);
    const waited = await waitsOnLocks(sys.services.db, sweep);
    action.release();
    await action.done;
    const first = await sweep;
    expect(waited).toBe(false);
    expect(first.escalated).toBe(1);
    let done = await escalationsOf([held as number, free as number]);
    expect([done.get(held as number), done.get(free as number)]).toEqual([undefined, 1]);
    // The action let go: the next pass escalates the held case, and the other one not again.
    await sweepDeadlines(sys.services.db, clock, context);
    done = await escalationsOf([held as number, free as number]);
    expect([done.get(held as number), done.get(free as number)]).toEqual([1, 1]);
  }, 60_000);
});
