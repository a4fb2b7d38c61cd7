// Changes what the meeting says about itself — title, time, place, chair, secretary — and, while it is being
// prepared, who is called (the member units; attendance recorded for a unit no longer called is dropped).
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { commitMeetingChange, invalid, type MeetingDeps, meetingForChange, requireUnits } from './meeting-store.js';

export interface UpdateMeetingInput {
  version: number;
  title?: string;
  startsAt?: string;
  place?: string;
  chair?: string;
  secretary?: string;
  memberOrgIds?: number[];
}

export async function updateMeeting(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  id: number,
  input: UpdateMeetingInput,
  principal: Principal,
): Promise<{ version: number }> {
  const startsAt = input.startsAt === undefined ? undefined : new Date(input.startsAt);
  if (startsAt && Number.isNaN(startsAt.getTime())) throw invalid('会议时间不是有效的日期时间', { field: 'startsAt' });
  const title = input.title?.trim();
  if (input.title !== undefined && !title) throw invalid('请填写会议名称', { field: 'title' });
  return deps.db.transaction().execute(async (trx) => {
    const meeting = await meetingForChange(trx, id, principal, input.version, 'edit');
    let members: number[] | undefined;
    if (input.memberOrgIds !== undefined) {
      // Who is called is settled once the meeting is held.
      if (meeting.state !== 'draft') {
        throw new AppError('MEETING_NOT_ALLOWED_IN_STATE', {
          message: '会议已召开，不能再调整参会单位',
          details: { state: meeting.state, field: 'memberOrgIds' },
        });
      }
      members = [...new Set(input.memberOrgIds)].filter((m) => m !== meeting.organiser_org_id);
      await requireUnits(trx, members, meeting.county_code, 'memberOrgIds');
      const kept = members;
      await trx
        .deleteFrom('meeting_attendance')
        .where('meeting_id', '=', id)
        .$if(kept.length > 0, (q) => q.where('org_id', 'not in', kept))
        .execute();
    }
    const version = await commitMeetingChange(trx, deps, principal, meeting, {
      type: 'edit',
      details: {
        ...(title !== undefined && { title }),
        ...(startsAt && { startsAt: startsAt.toISOString() }),
        ...(input.place !== undefined && { place: input.place.trim() }),
        ...(members && { members: members.length }),
      },
      set: {
        ...(title !== undefined && { title }),
        ...(startsAt && { starts_at: startsAt }),
        ...(input.place !== undefined && { place: input.place.trim() }),
        ...(input.chair !== undefined && { chair: input.chair.trim() }),
        ...(input.secretary !== undefined && { secretary: input.secretary.trim() }),
        ...(members && { member_org_ids: members, unit_ids: [meeting.organiser_org_id, ...members] }),
      },
    });
    return { version };
  });
}
