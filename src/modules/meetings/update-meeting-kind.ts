// Changes a kind of meeting — its name, chair, member units, description, or retires it — guarded by the version
// the caller saw. Meetings already called keep the members they were called with.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { uniqueName } from './create-meeting-kind.js';
import { meetingKindsVisibleTo } from './meeting-scope.js';
import { invalid, type MeetingDeps, requireOrganiser, requireUnits } from './meeting-store.js';

export interface UpdateMeetingKindInput {
  version: number;
  name?: string;
  chair?: string;
  memberOrgIds?: number[];
  description?: string;
  active?: boolean;
}

export async function updateMeetingKind(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  id: number,
  input: UpdateMeetingKindInput,
  principal: Principal,
): Promise<{ id: number; version: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const kind = await trx
      .selectFrom('meeting_kinds')
      .selectAll()
      .where('meeting_kinds.id', '=', id)
      .where(meetingKindsVisibleTo(principal))
      .forUpdate()
      .executeTakeFirst();
    if (!kind) throw new AppError('MEETING_KIND_NOT_FOUND', { details: { kindId: id } });
    requireOrganiser(principal, kind);
    if (kind.version !== input.version) {
      throw new AppError('CONFLICT', {
        details: { kindId: id, current: { version: kind.version }, yourVersion: input.version },
      });
    }
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw invalid('请填写会议类型名称', { field: 'name' });
    const members =
      input.memberOrgIds === undefined
        ? undefined
        : [...new Set(input.memberOrgIds)].filter((m) => m !== kind.organiser_org_id);
    if (members) await requireUnits(trx, members, kind.county_code, 'memberOrgIds');
    const now = deps.clock.now();
    const updated = await uniqueName(() =>
      trx
        .updateTable('meeting_kinds')
        .set({
          ...(name !== undefined && { name }),
          ...(input.chair !== undefined && { chair: input.chair.trim() }),
          ...(members !== undefined && { member_org_ids: members }),
          ...(input.description !== undefined && { description: input.description.trim() }),
          ...(input.active !== undefined && { active: input.active }),
          version: kind.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .returning('version')
        .executeTakeFirstOrThrow(),
    );
    await deps.audit.record(
      principal,
      {
        action: 'meeting_kind.update',
        targetType: 'meeting_kind',
        targetId: id,
        details: {
          ...(name !== undefined && { name }),
          ...(members !== undefined && { members: members.length }),
          ...(input.active !== undefined && { active: input.active }),
        },
      },
      trx,
    );
    return { id, version: updated.version };
  });
}
