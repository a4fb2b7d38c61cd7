// Snapshots of events attached to a case are not on the case's own attachment list: whoever sees the case
// of an event may read its snapshot (registered with the attachments store).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from '../cases/index.js';

export function videoAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    const row = await db
      .selectFrom('cases')
      .select('cases.id')
      .where(casesVisibleTo(principal))
      .where('cases.id', 'in', (eb) =>
        eb
          .selectFrom('video_events')
          .select('video_events.case_id')
          .where('video_events.snapshot_id', '=', attachmentId),
      )
      .limit(1)
      .executeTakeFirst();
    return !!row;
  };
}
