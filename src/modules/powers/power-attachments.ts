// Documents attached to a recorded step are readable by whoever sees the exercise (the village's staff and the
// levels above); the public page lists document names only, never the files.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { inPowerScope } from './power-scope.js';

export function powerAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    if (principal.role === 'citizen') return false;
    const row = await db
      .selectFrom('power_exercise_steps')
      .select('id')
      .where(inPowerScope(principal, 'power_exercise_steps'))
      .where(sql<boolean>`attachment_ids @> ARRAY[${attachmentId}]::text[]`)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  };
}
