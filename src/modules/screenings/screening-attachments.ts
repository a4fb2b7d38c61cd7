// Who may read a screening's photo: whoever sees the screening it belongs to (the unit and the levels above).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { screeningsVisibleTo } from './screening-scope.js';

export function screeningAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    if (principal.role === 'citizen') return false;
    const row = await db
      .selectFrom('screening_records')
      .innerJoin('screening_tasks', 'screening_tasks.task_id', 'screening_records.task_id')
      .select('screening_records.id')
      .where(sql<boolean>`screening_records.attachment_ids @> ARRAY[${attachmentId}]::text[]`)
      .where(screeningsVisibleTo(principal))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  };
}
