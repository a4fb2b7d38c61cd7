// A topic's attachments are readable by whoever sees the topic: the staff of its village (and the levels above)
// and the residents of its village.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { inDeliberationScope } from './deliberation-scope.js';
import { residentVillagesOf } from './residents.js';

export function deliberationAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    const villages = principal.role === 'citizen' ? await residentVillagesOf(db, principal) : [];
    const row = await db
      .selectFrom('deliberation_topics as t')
      .select('t.id')
      .where(inDeliberationScope(principal, 't', villages))
      .where(sql<boolean>`t.attachment_ids @> ARRAY[${attachmentId}]::text[]`)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  };
}
