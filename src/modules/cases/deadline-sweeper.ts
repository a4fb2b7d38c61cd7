// The deadline sweeper: every clock that ran out is escalated (the case goes under supervision one level up,
// through the state machine, on the timeline and in the supervisor's inbox); every clock past its yellow
// point warns its unit once. Rows are claimed with FOR UPDATE SKIP LOCKED, so with several server processes
// each deadline is handled by one of them, and a deadline that passed while no server ran fires at the next
// start. Returns true while more work is waiting (the job runner then runs the next pass at once).
//
// At 1,000 clocks falling due per second (issue 22, `npm run bench -- sweeper`) a pass escalates its batch in
// one transaction with one query per table (the cases loaded together, persistOutcomes writing their rows
// set-wise) rather than nine queries per case. One case that cannot be written must not hold back the others:
// when the batch fails, its clocks are done again one transaction each, and the pass reports the ones that
// failed (the job runner logs it) after the others are committed.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { databaseFault } from '../../db/database-faults.js';
import type { DB } from '../../db/schema.js';
import { CHINA_OFFSET_MS } from '../../domain/calendar/index.js';
import { applyCaseAction, type CaseAction, type CaseContext } from '../../domain/case/index.js';
import { loadCase } from './act-on-case.js';
import { SYSTEM_ACTOR } from './case-actor.js';
import { deserializeCase } from './case-snapshot.js';
import { persistOutcome } from './case-store.js';
import { type OutcomeToPersist, persistOutcomes } from './persist-outcomes.js';

/** Clocks escalated per transaction; four times as many warnings. */
export const SWEEP_BATCH = 200;
/**
 * Batches escalated at once, each in its own transaction and connection, beside the warnings': the database
 * works on one while the machine decides the next (on PGlite, with one connection, they simply queue).
 */
export const SWEEP_PARALLEL = 2;

/** 2026-11-25 17:30, in Beijing time. */
function beijing(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * What running out of a clock means: an unanswered callback window closes the case (the reporter did not
 * object); every other clock puts the case under supervision one level up.
 */
export function overdueAction(kind: string, key: string): CaseAction {
  return kind === 'callback'
    ? { type: 'close', note: '回访期限届满，系统自动办结' }
    : { type: 'escalateOverdue', deadlineKey: key };
}

export interface SweepResult {
  escalated: number;
  warned: number;
  more: boolean;
}

interface DueClock {
  case_id: number;
  key: string;
  kind: string;
}

/** A clock whose case could not be written, even alone; it stays due and is tried again by the next pass. */
interface FailedClock {
  caseId: number;
  key: string;
  error: unknown;
}

function claimDue(trx: Transaction<DB>, now: Date, limit: number, only?: DueClock): Promise<DueClock[]> {
  let query = trx
    .selectFrom('case_deadlines')
    .select(['case_id', 'key', 'kind'])
    .where('escalated_at', 'is', null)
    .where('due_at', '<=', now);
  if (only) query = query.where('case_id', '=', only.case_id).where('key', '=', only.key);
  return query.orderBy('due_at').limit(limit).forUpdate().skipLocked().execute();
}

/**
 * Runs the machine on the claimed clocks' cases and writes the outcomes: returns the cases that changed, and
 * whether any case could be locked (if none, every one is held by an action and the next pass waits its period).
 * One clock per case: a second clock of the same case stays claimed until the commit and is taken by the next
 * pass, which acts on the case as the first left it.
 */
async function escalateClaimed(
  trx: Transaction<DB>,
  claimed: DueClock[],
  ctx: CaseContext,
): Promise<{ changed: number[]; locked: number }> {
  const first = new Map<number, DueClock>();
  for (const clock of claimed) if (!first.has(clock.case_id)) first.set(clock.case_id, clock);
  if (first.size === 0) return { changed: [], locked: 0 };
  // Locked in id order, so two processes (or a person's action) never wait on each other in a circle here. FOR NO
  // KEY UPDATE, the lock the row's UPDATE takes anyway, not FOR UPDATE: the rows that refer to a case (a notice, a
  // clock, a timeline entry) check it with FOR KEY SHARE, which FOR UPDATE blocks — another writer's notice of one
  // of these cases then waited for this batch while this batch's clocks waited for that writer (a deadlock, seen in
  // PostgreSQL's log at stop 22). SKIP LOCKED: a case that a person's action holds is left with its clock for the
  // next pass — that action locked the case first and will then replace the clock this batch holds, so waiting
  // for the case here would close a circle (the tasks' sweeper did, stop 23).
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'machine'])
    .where('id', 'in', [...first.keys()])
    .orderBy('id')
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
  const writes: OutcomeToPersist[] = [];
  const refused: DueClock[] = [];
  for (const row of rows) {
    const clock = first.get(Number(row.id)) as DueClock;
    if (!row.machine) {
      // A read-only case (imported history) has no machine to escalate it: its clock is marked like a refusal.
      refused.push(clock);
      continue;
    }
    const c = deserializeCase(row.machine);
    const result = applyCaseAction(c, overdueAction(clock.kind, clock.key), SYSTEM_ACTOR, {
      ...ctx,
      now: new Date(Math.max(ctx.now.getTime(), c.updatedAt.getTime())),
    });
    if (result.ok) writes.push({ before: c, outcome: result.value });
    // The machine will not escalate this clock (e.g. paused): mark it so the sweeper does not retry forever.
    else refused.push(clock);
  }
  await persistOutcomes(trx, writes, null);
  if (refused.length > 0) {
    await trx
      .updateTable('case_deadlines')
      .set({ escalated_at: ctx.now })
      .where((eb) =>
        eb(
          eb.refTuple('case_id', 'key'),
          'in',
          refused.map((r) => eb.tuple(r.case_id, r.key)),
        ),
      )
      .execute();
  }
  return { changed: writes.map((w) => Number(w.outcome.case.id)), locked: rows.length };
}

/** After a failed batch: each of its clocks in its own transaction, so one case's fault stays its own. */
async function escalateOneByOne(db: Kysely<DB>, claimed: DueClock[], ctx: CaseContext) {
  const changed: number[] = [];
  const failed: FailedClock[] = [];
  const seen = new Set<number>();
  for (const clock of claimed) {
    if (seen.has(clock.case_id)) continue; // as in a batch: the case's next clock waits for the next pass
    seen.add(clock.case_id);
    try {
      const one = await db
        .transaction()
        .execute(async (trx) => escalateClaimed(trx, await claimDue(trx, ctx.now, 1, clock), ctx));
      changed.push(...one.changed);
    } catch (error) {
      if (databaseFault(error)) throw error;
      failed.push({ caseId: clock.case_id, key: clock.key, error });
    }
  }
  return { changed, failed, locked: seen.size };
}

async function escalateDue(db: Kysely<DB>, ctx: CaseContext, batch: number) {
  let claimed: DueClock[] = [];
  try {
    return await db.transaction().execute(async (trx) => {
      claimed = await claimDue(trx, ctx.now, batch);
      const { changed, locked } = await escalateClaimed(trx, claimed, ctx);
      return { claimed: claimed.length, changed, locked, failed: [] as FailedClock[] };
    });
  } catch (error) {
    if (databaseFault(error) || claimed.length === 0) throw error;
    return { claimed: claimed.length, ...(await escalateOneByOne(db, claimed, ctx)) };
  }
}

/** Clocks past their yellow point warn their unit once: marked and notified set-wise, one transaction. */
async function warnDueSoon(db: Kysely<DB>, now: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('case_deadlines')
      .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
      .select([
        'case_deadlines.case_id',
        'case_deadlines.key',
        'case_deadlines.kind',
        'case_deadlines.org_id',
        'case_deadlines.due_at',
        'cases.number',
      ])
      .where('case_deadlines.warned_at', 'is', null)
      .where('case_deadlines.warn_at', '<=', now)
      .where('case_deadlines.due_at', '>', now)
      .limit(limit)
      .forUpdate('case_deadlines')
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    await trx
      .updateTable('case_deadlines')
      .set({ warned_at: now })
      .where((eb) =>
        eb(
          eb.refTuple('case_id', 'key'),
          'in',
          rows.map((r) => eb.tuple(r.case_id, r.key)),
        ),
      )
      .execute();
    const notes = rows.flatMap((row) =>
      row.org_id === null
        ? []
        : [
            {
              org_id: row.org_id,
              user_id: null,
              case_id: row.case_id,
              kind: 'due_soon',
              title: `案件 ${row.number} 即将超期（${beijing(new Date(row.due_at))} 到期）`,
              created_at: now,
            },
          ],
    );
    if (notes.length > 0) await trx.insertInto('notifications').values(notes).execute();
    return rows.length;
  });
}

export async function sweepDeadlines(
  db: Kysely<DB>,
  clock: Clock,
  context: () => Promise<CaseContext>,
  onChanged: (caseId: number) => void = () => {},
  batch: number = SWEEP_BATCH,
): Promise<SweepResult> {
  const now = clock.now();
  const ctx = { ...(await context()), now };
  const [warned, ...runs] = await Promise.all([
    warnDueSoon(db, now, batch * 4),
    ...Array.from({ length: SWEEP_PARALLEL }, () => escalateDue(db, ctx, batch)),
  ]);
  const changed = runs.flatMap((r) => r.changed);
  const failed = runs.flatMap((r) => r.failed);
  for (const id of changed) onChanged(id);
  if (failed.length > 0) {
    throw new Error(
      `deadline sweeper: ${failed.length} clock(s) could not be escalated and stay due: ${failed
        .map((f) => `case ${f.caseId} ${f.key}`)
        .join(', ')}`,
      { cause: failed[0]?.error },
    );
  }
  return {
    escalated: changed.length,
    warned,
    more: runs.some((r) => r.claimed === batch && r.locked > 0) || warned === batch * 4,
  };
}

/** Archives closed cases whose appeal window has passed (the machine decides; this only finds candidates). */
export async function archiveClosedCases(
  db: Kysely<DB>,
  clock: Clock,
  context: () => Promise<CaseContext>,
): Promise<number> {
  const now = clock.now();
  const ctx = { ...(await context()), now };
  const candidates = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'closed')
    .where('machine', 'is not', null)
    .where('closed_at', '<', new Date(now.getTime() - 14 * 86_400_000))
    .orderBy('closed_at')
    .limit(100)
    .execute();
  let archived = 0;
  for (const { id } of candidates) {
    await db.transaction().execute(async (trx) => {
      const { c, row } = await loadCase(trx, id, null, true);
      const result = applyCaseAction(c, { type: 'archive' }, SYSTEM_ACTOR, ctx);
      if (!result.ok) return;
      await persistOutcome(trx, c, result.value, { expectedVersion: c.version, actorUserId: null, row });
      archived++;
    });
  }
  return archived;
}
