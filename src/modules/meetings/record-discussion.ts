// Records what was said on an agenda item (the discussion the minutes carry under the item).
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { commitMeetingChange, invalid, type MeetingDeps, meetingForChange } from './meeting-store.js';

export const MAX_DISCUSSION = 10_000;

export interface RecordDiscussionInput {
  version: number;
  discussion: string;
}

/** An item of the meeting (an item of another meeting does not exist here). */
export async function itemOf(db: Kysely<DB> | Transaction<DB>, meetingId: number, itemId: number) {
  const item = await db
    .selectFrom('meeting_items')
    .selectAll()
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!item) throw new AppError('MEETING_ITEM_NOT_FOUND', { details: { meetingId, itemId } });
  return item;
}

export async function recordDiscussion(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  id: number,
  itemId: number,
  input: RecordDiscussionInput,
  principal: Principal,
): Promise<{ version: number }> {
  const discussion = input.discussion.trim();
  if (discussion.length > MAX_DISCUSSION) {
    throw invalid(`讨论记录不能超过 ${MAX_DISCUSSION} 字`, { field: 'discussion' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, 'recordDiscussion');
    await itemOf(trx, id, itemId);
    await trx
      .updateTable('meeting_items')
      .set({ discussion, updated_at: deps.clock.now() })
      .where('id', '=', itemId)
      .execute();
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: 'discussion',
      details: { itemId, length: discussion.length },
    });
    return { version };
  });
}
