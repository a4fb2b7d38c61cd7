// Calls a meeting of a kind (筹备中): its title (by default “2026年12月县社会治理联席会议”), time, place, chair and
// secretary; the kind's member units are copied onto the meeting, so the record keeps who was called even when
// the kind changes later.
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import type { Principal } from '../auth/principal.js';
import { meetingKindsVisibleTo } from './meeting-scope.js';
import { invalid, type MeetingDeps, recordMeetingEvent, requireOrganiser } from './meeting-store.js';

export interface CreateMeetingInput {
  kindId: number;
  title?: string;
  startsAt: string;
  place?: string;
  chair?: string;
  secretary?: string;
}

export function defaultMeetingTitle(kindName: string, startsAt: Date): string {
  const [year, month] = chinaDayOf(startsAt).split('-').map(Number);
  return `${year}年${month}月${kindName}`;
}

export async function createMeeting(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  input: CreateMeetingInput,
  principal: Principal,
): Promise<{ id: number }> {
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw invalid('会议时间不是有效的日期时间', { field: 'startsAt' });
  return deps.db.transaction().execute(async (trx) => {
    const kind = await trx
      .selectFrom('meeting_kinds')
      .selectAll()
      .where('meeting_kinds.id', '=', input.kindId)
      .where(meetingKindsVisibleTo(principal))
      .executeTakeFirst();
    if (!kind) throw new AppError('MEETING_KIND_NOT_FOUND', { details: { field: 'kindId' } });
    requireOrganiser(principal, kind);
    if (!kind.active) throw invalid('该会议类型已停用，请选择其他会议类型', { field: 'kindId' });
    const title = input.title?.trim() || defaultMeetingTitle(kind.name, startsAt);
    const now = deps.clock.now();
    const row = await trx
      .insertInto('meetings')
      .values({
        county_code: kind.county_code,
        kind_id: kind.id,
        organiser_org_id: kind.organiser_org_id,
        member_org_ids: kind.member_org_ids,
        unit_ids: [kind.organiser_org_id, ...kind.member_org_ids],
        title,
        starts_at: startsAt,
        place: (input.place ?? '').trim(),
        chair: (input.chair ?? kind.chair).trim(),
        secretary: (input.secretary ?? principal.displayName).trim(),
        state: 'draft',
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordMeetingEvent(trx, deps, principal, row.id, 1, {
      type: 'create',
      details: { title, kindId: kind.id, startsAt: startsAt.toISOString() },
    });
    return { id: row.id };
  });
}
