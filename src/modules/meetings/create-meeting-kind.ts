// Sets up a kind of meeting (会议类型): the county's 社会治理联席会议, a town's 联席会议 or a topic meeting, with
// its organising unit (whose subtree owns it and its meetings), its chair and its member units. Without a list
// of members it starts with the usual ones: the county's departments and towns, a town's offices and villages.
import { AppError } from '../../core/errors.js';
import { defaultMemberOrgIds, type MeetingLevel } from '../../domain/meeting/index.js';
import type { Principal } from '../auth/principal.js';
import { invalid, type MeetingDeps, requireUnits } from './meeting-store.js';

export interface CreateMeetingKindInput {
  name: string;
  level: MeetingLevel;
  organiserOrgId?: number;
  chair?: string;
  memberOrgIds?: number[];
  description?: string;
}

const LEVEL_ORGANISER: Record<MeetingLevel, string | null> = { county: 'county', town: 'town', topic: null };
const LEVEL_TEXT: Record<MeetingLevel, string> = {
  county: '县级联席会议须由县平台组织',
  town: '镇街联席会议须由镇街组织',
  topic: '',
};

export async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string })?.code === '23505') {
      throw new AppError('DUPLICATE', { message: '该组织单位已有同名的会议类型', details: { field: 'name' } });
    }
    throw error;
  }
}

export async function createMeetingKind(
  deps: Pick<MeetingDeps, 'db' | 'clock' | 'audit'>,
  input: CreateMeetingKindInput,
  principal: Principal,
): Promise<{ id: number }> {
  const organiserId = input.organiserOrgId ?? principal.orgId ?? -1;
  const name = input.name.trim();
  if (!name) throw invalid('请填写会议类型名称', { field: 'name' });
  return deps.db.transaction().execute(async (trx) => {
    const organiser = await trx
      .selectFrom('orgs')
      .select(['id', 'kind', 'county_code'])
      .where('id', '=', organiserId)
      .where('active', '=', true)
      .executeTakeFirst();
    // An organiser outside the principal's subtree does not exist for it.
    if (!organiser || !principal.scopeOrgIds.includes(organiser.id)) {
      throw new AppError('ORG_NOT_FOUND', { details: { field: 'organiserOrgId' } });
    }
    const needed = LEVEL_ORGANISER[input.level];
    if (needed && organiser.kind !== needed) throw invalid(LEVEL_TEXT[input.level], { field: 'organiserOrgId' });
    let members = [...new Set(input.memberOrgIds ?? [])].filter((id) => id !== organiser.id);
    if (input.memberOrgIds === undefined) {
      const children = await trx
        .selectFrom('orgs')
        .select(['id', 'kind', 'parent_id as parentId', 'active'])
        .where('parent_id', '=', organiser.id)
        .orderBy('sort')
        .orderBy('id')
        .execute();
      members = defaultMemberOrgIds(input.level, organiser.id, children);
    }
    await requireUnits(trx, members, organiser.county_code, 'memberOrgIds');
    const now = deps.clock.now();
    const row = await uniqueName(() =>
      trx
        .insertInto('meeting_kinds')
        .values({
          county_code: organiser.county_code,
          name,
          level: input.level,
          organiser_org_id: organiser.id,
          chair: (input.chair ?? '').trim(),
          member_org_ids: members,
          description: (input.description ?? '').trim(),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await deps.audit.record(
      principal,
      {
        action: 'meeting_kind.create',
        targetType: 'meeting_kind',
        targetId: row.id,
        details: { name, level: input.level, organiserOrgId: organiser.id, members: members.length },
      },
      trx,
    );
    return { id: row.id };
  });
}
