// Moves a meeting on: 筹备中 → 已召开 (it took place; the record may be written), 已召开 → 纪要已发布 (the minutes
// are the record; every member unit's attendance must be recorded), or 筹备中 → 已取消 with a reason.
import { type MeetingState, type MeetingTransition, transitionMeeting } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { commitMeetingChange, type MeetingDeps, meetingForChange, ruleToAppError } from './meeting-store.js';

export interface ChangeMeetingStateInput {
  version: number;
  state: MeetingTransition;
  reason?: string;
}

export async function changeMeetingState(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  id: number,
  input: ChangeMeetingStateInput,
  principal: Principal,
): Promise<{ version: number; state: MeetingState }> {
  const action = ({ held: 'hold', published: 'publish', cancelled: 'cancel' } as const)[input.state];
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, action);
    const [items, attendance] = await Promise.all([
      trx
        .selectFrom('meeting_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('meeting_id', '=', id)
        .executeTakeFirstOrThrow(),
      trx.selectFrom('meeting_attendance').select('org_id').where('meeting_id', '=', id).execute(),
    ]);
    const next = transitionMeeting(
      {
        state: meeting.state as MeetingState,
        itemCount: Number(items.n),
        memberOrgIds: meeting.member_org_ids,
        attendanceOrgIds: attendance.map((a) => a.org_id),
        cancelReason: input.reason,
      },
      input.state,
    );
    if (!next.ok) throw ruleToAppError(next.error);
    const now = deps.clock.now();
    const reason = input.reason?.trim() || null;
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: input.state === 'held' ? 'hold' : input.state === 'published' ? 'publish' : 'cancel',
      details: { from: meeting.state, to: next.value, ...(reason && { reason }) },
      set: {
        state: next.value,
        ...(input.state === 'held' && { held_at: now }),
        ...(input.state === 'published' && { published_at: now }),
        ...(input.state === 'cancelled' && { cancel_reason: reason }),
      },
    });
    return { version, state: next.value };
  });
}
