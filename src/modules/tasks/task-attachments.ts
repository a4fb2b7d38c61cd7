// A task's attachments (its assignment's files, progress photos, evidence of completion) are readable by whoever
// may see the task.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { tasksVisibleTo } from './task-scope.js';

export function taskAttachmentReferrer(db: Kysely<DB>) {
  return async (principal: Principal, attachmentId: string): Promise<boolean> => {
    const ids = sql<string[]>`ARRAY[${attachmentId}]::text[]`;
    const row = await db
      .selectFrom('tasks')
      .select('tasks.id')
      .where(tasksVisibleTo(principal))
      .where((eb) =>
        eb.or([
          sql<boolean>`tasks.attachment_ids @> ${ids}`,
          eb(
            'tasks.id',
            'in',
            eb.selectFrom('task_events').select('task_id').where(sql<boolean>`task_events.attachment_ids @> ${ids}`),
          ),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    return !!row;
  };
}
