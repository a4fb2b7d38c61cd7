// persistOutcome (case-store.ts) for many cases at once, in the caller's transaction: the same rows — case row
// (guarded by its version), timeline, live clocks, assignments, notifications, outbox — written set-wise, one
// statement per table for the whole batch (two for the clocks and the assignments: writeClocks/writeAssignments, a
// delete and an upsert of the difference, the same queries persistOutcome puts in its one statement) instead of one
// statement per case. For the system's actions on many cases at
// a time (the deadline sweeper). An outcome that answers the citizen (a reply, which persistOutcome also keeps on
// the row and echoes to merged duplicates) goes through persistOutcome itself. test/deadline-sweeper.test.ts
// holds the two to the same rows, so a change to persistOutcome that is not made here fails there.
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Case, CaseOutcome } from '../../domain/case/index.js';
import {
  caseProjection,
  eventRows,
  notificationRows,
  outboxRows,
  persistOutcome,
  unitsOf,
  type WrittenCase,
  writeAssignments,
  writeClocks,
} from './case-store.js';

export interface OutcomeToPersist {
  /** The case as read (and locked) in this transaction; its version guards the write. */
  before: Case;
  outcome: CaseOutcome;
}

/** The events whose text answers the citizen (persistOutcome's replyText). */
const ANSWERS = new Set(['reply', 'closeOnTheSpot', 'handleAtGrid']);

/** One statement for every case row: the machine's columns from a JSON array, each row guarded by its version. */
async function updateCaseRows(trx: Transaction<DB>, items: OutcomeToPersist[]): Promise<Map<number, WrittenCase>> {
  const projections = items.map((i) => caseProjection(i.outcome.case));
  const columns = Object.keys(projections[0] as object);
  const patches = items.map((i, k) => {
    const { machine, ...rest } = projections[k] as ReturnType<typeof caseProjection>;
    return {
      id: Number(i.outcome.case.id),
      expected: i.before.version,
      units: unitsOf(i.outcome.case),
      // the snapshot as a JSON value (jsonb_populate_record would keep a string as a JSON string)
      patch: { ...rest, machine: JSON.parse(machine) },
    };
  });
  const result = await sql<WrittenCase & { id: number }>`
    UPDATE cases AS c
    SET (${sql.join(columns.map((col) => sql.ref(col)))}) =
          (SELECT ${sql.join(columns.map((col) => sql.ref(`r.${col}`)))} FROM jsonb_populate_record(NULL::cases, p.patch) AS r),
        unit_ids = array(SELECT DISTINCT u FROM unnest(c.unit_ids || p.units) u)
    FROM (
      SELECT (x->>'id')::bigint AS id, (x->>'expected')::integer AS expected, x->'patch' AS patch,
             array(SELECT jsonb_array_elements_text(x->'units')::integer) AS units
      FROM jsonb_array_elements(${JSON.stringify(patches)}::jsonb) AS x
    ) AS p
    WHERE c.id = p.id AND c.version = p.expected
    RETURNING c.id, c.county_code, c.town_id, c.village_id, c.grid_id, c.number, c.channel, c.external_ref, c.reply`.execute(
    trx,
  );
  const written = new Map<number, WrittenCase>(result.rows.map(({ id, ...row }) => [Number(id), row]));
  const lost = patches.filter((p) => !written.has(p.id)).map((p) => p.id);
  if (lost.length > 0) throw new AppError('CASE_VERSION_CONFLICT', { details: { caseIds: lost } });
  return written;
}

export async function persistOutcomes(
  trx: Transaction<DB>,
  items: readonly OutcomeToPersist[],
  actorUserId: number | null,
): Promise<void> {
  const batch: OutcomeToPersist[] = [];
  for (const item of items) {
    if (item.outcome.events.some((e) => ANSWERS.has(e.type))) {
      await persistOutcome(trx, item.before, item.outcome, { expectedVersion: item.before.version, actorUserId });
    } else {
      batch.push(item);
    }
  }
  if (batch.length === 0) return;
  const ids = batch.map((i) => Number(i.outcome.case.id));
  if (new Set(ids).size !== ids.length) throw new Error('persistOutcomes: a case appears twice in one batch');
  const written = await updateCaseRows(trx, batch);
  const rowOf = (id: number) => written.get(id) as WrittenCase;

  const events = batch.flatMap((i) => eventRows(Number(i.outcome.case.id), i.outcome.events, actorUserId));
  if (events.length > 0) await trx.insertInto('case_events').values(events).execute();

  // Live clocks and assignments as a difference, as persistOutcome writes them: a sweep that escalates a case
  // rewrites its one clock that changed, not every clock and assignment of the case.
  await writeClocks(
    trx,
    batch.map(({ outcome }) => ({ c: outcome.case, place: rowOf(Number(outcome.case.id)) })),
  );
  await writeAssignments(
    trx,
    batch.map(({ outcome }) => outcome.case),
  );

  const notes = batch.flatMap(({ before, outcome }) =>
    notificationRows(before, outcome, rowOf(Number(outcome.case.id)).number),
  );
  if (notes.length > 0) await trx.insertInto('notifications').values(notes).execute();

  const messages = batch.flatMap(({ outcome }) =>
    outboxRows(Number(outcome.case.id), rowOf(Number(outcome.case.id)), outcome.events),
  );
  if (messages.length > 0) await trx.insertInto('outbox').values(messages).execute();
}
