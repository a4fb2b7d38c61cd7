// The deadline sweeper: every clock that ran out is escalated (the case goes under supervision one level up,
// through the state machine, on the timeline and in the supervisor's inbox); every clock past its yellow
// point warns its unit once. Rows are claimed with FOR UPDATE SKIP LOCKED, so with several server processes
// each deadline is handled by one of them, and a deadline that passed while no server ran fires at the next
// start. Returns true while more work is waiting.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { CHINA_OFFSET_MS } from '../../domain/calendar/index.js';
import { applyCaseAction, type CaseAction, type CaseContext } from '../../domain/case/index.js';
import { loadCase } from './act-on-case.js';
import { SYSTEM_ACTOR } from './case-actor.js';
import { persistOutcome } from './case-store.js';

const BATCH = 50;

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

export async function sweepDeadlines(
  db: Kysely<DB>,
  clock: Clock,
  context: () => Promise<CaseContext>,
  onChanged: (caseId: number) => void = () => {},
): Promise<SweepResult> {
  const now = clock.now();
  const ctx = { ...(await context()), now };
  let escalated = 0;
  const changed: number[] = [];
  const due = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('case_deadlines')
      .select(['case_id', 'key', 'kind'])
      .where('escalated_at', 'is', null)
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of rows) {
      const { c } = await loadCase(trx, row.case_id, null, true);
      const result = applyCaseAction(c, overdueAction(row.kind, row.key), SYSTEM_ACTOR, {
        ...ctx,
        now: new Date(Math.max(now.getTime(), c.updatedAt.getTime())),
      });
      if (result.ok) {
        await persistOutcome(trx, c, result.value, { expectedVersion: c.version, actorUserId: null });
        escalated++;
        changed.push(row.case_id);
      } else {
        // The machine will not escalate this clock (e.g. paused): mark it so the sweeper does not retry forever.
        await trx
          .updateTable('case_deadlines')
          .set({ escalated_at: now })
          .where('case_id', '=', row.case_id)
          .where('key', '=', row.key)
          .execute();
      }
    }
    return rows.length;
  });

  const warned = await db.transaction().execute(async (trx) => {
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
      .limit(BATCH * 4)
      .forUpdate('case_deadlines')
      .skipLocked()
      .execute();
    for (const row of rows) {
      await trx
        .updateTable('case_deadlines')
        .set({ warned_at: now })
        .where('case_id', '=', row.case_id)
        .where('key', '=', row.key)
        .execute();
      if (row.org_id !== null) {
        await trx
          .insertInto('notifications')
          .values({
            org_id: row.org_id,
            user_id: null,
            case_id: row.case_id,
            kind: 'due_soon',
            title: `案件 ${row.number} 即将超期（${beijing(new Date(row.due_at))} 到期）`,
            created_at: now,
          })
          .execute();
      }
    }
    return rows.length;
  });
  for (const id of changed) onChanged(id);
  return { escalated, warned, more: due === BATCH || warned === BATCH * 4 };
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
      const { c } = await loadCase(trx, id, null, true);
      const result = applyCaseAction(c, { type: 'archive' }, SYSTEM_ACTOR, ctx);
      if (!result.ok) return;
      await persistOutcome(trx, c, result.value, { expectedVersion: c.version, actorUserId: null });
      archived++;
    });
  }
  return archived;
}
