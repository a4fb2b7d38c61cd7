// What every change of an exercise writes besides its row, in the change's transaction: its history entry
// (power_exercise_events, primary key (exercise, version): of two writers of one version the second fails),
// its audit entry and one outbox message on the topic 'power.changed' (delivered to webhook subscriptions
// that list 'powers').
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange } from '../record-history/index.js';

export interface ExerciseChange {
  exerciseId: number;
  number: string;
  villageId: number;
  version: number;
  type: 'start' | 'step';
  state: string;
  at: Date;
  details: Record<string, unknown>;
}

export async function writeExerciseChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: ExerciseChange,
): Promise<void> {
  await trx
    .insertInto('power_exercise_events')
    .values({
      exercise_id: change.exerciseId,
      version: change.version,
      type: change.type,
      at: change.at,
      actor_user_id: principal?.userId ?? null,
      actor_org_id: principal?.orgId ?? null,
      details: JSON.stringify(change.details),
    })
    .execute();
  await audit.record(
    principal,
    {
      action: `power.exercise.${change.type}`,
      targetType: 'power_exercise',
      targetId: change.exerciseId,
      details: { number: change.number, version: change.version, ...change.details },
    },
    trx,
  );
  await announceChange(trx, {
    topic: 'power.changed',
    changeId: `power:${change.exerciseId}:${change.version}`,
    at: change.at,
    payload: {
      exerciseId: change.exerciseId,
      number: change.number,
      villageId: change.villageId,
      version: change.version,
      type: change.type,
      state: change.state,
      step: change.details.step ?? null,
    },
  });
}

/** The next exercise number of the county and year (权运〔2026〕0001号), taken in the caller's transaction. */
export async function nextExerciseNumber(trx: Transaction<DB>, countyCode: string, year: number): Promise<string> {
  const row = await trx
    .insertInto('power_exercise_counters')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`power_exercise_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `权运〔${year}〕${String(row.last).padStart(4, '0')}号`;
}
