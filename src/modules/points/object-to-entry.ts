// A household objects (申诉) to a deduction from its phone: its own entry only (another household's is not
// found), within the village's window, once per entry, with a reason and optionally photos it uploaded. The
// town (or whoever holds points.approve) decides it (decide-objection.ts).
import { AppError } from '../../core/errors.js';
import { checkObjection, type EntryKind } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { notifyPoints, townOfVillage } from './points-notify.js';
import { householdOfCitizen } from './points-scope.js';
import { loadSettings } from './points-store.js';

export interface ObjectInput {
  reason: string;
  attachmentIds?: string[];
}

export async function objectToEntry(
  deps: PointsDeps,
  principal: Principal,
  entryId: number,
  input: ObjectInput,
): Promise<{ objectionId: number }> {
  const household = await householdOfCitizen(deps.db, principal);
  const entry = await deps.db
    .selectFrom('points_entries')
    .select(['id', 'kind', 'created_at', 'county_code', 'village_id', 'household_id'])
    .where('id', '=', entryId)
    .where('household_id', '=', household.id)
    .executeTakeFirst();
  if (!entry) throw new AppError('POINTS_ENTRY_NOT_FOUND', { details: { entryId } });
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { message: '请写明申诉理由', details: { field: 'reason' } });
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  const foreign = await deps.attachments.notOwnedBy(principal, attachmentIds);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '照片不存在或不是您上传的',
      details: { field: 'attachmentIds' },
    });
  }
  const settings = await loadSettings(deps.db, entry.village_id);
  const existing = await deps.db
    .selectFrom('points_objections')
    .select('id')
    .where('entry_id', '=', entry.id)
    .executeTakeFirst();
  const now = deps.clock.now();
  decided(
    checkObjection({
      kind: entry.kind as EntryKind,
      postedAt: entry.created_at,
      now,
      days: settings.objectionDays,
      alreadyObjected: !!existing,
    }),
  );
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('points_objections')
        .values({
          county_code: entry.county_code,
          village_id: entry.village_id,
          household_id: entry.household_id,
          entry_id: entry.id,
          reason,
          attachment_ids: attachmentIds,
          raised_by_user_id: principal.userId,
          state: 'open',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // the town decides it, the village that gave the deduction is told
      await notifyPoints(trx, now, [
        {
          orgId: await townOfVillage(trx, entry.village_id),
          kind: 'points.objection_raised',
          title: `积分申诉待复核：${household.head_name}户`,
          link: '/points/approvals',
        },
        {
          orgId: entry.village_id,
          kind: 'points.objection_raised',
          title: `${household.head_name}户 对扣分提出申诉`,
          link: `/points/households/${entry.household_id}`,
        },
      ]);
      await deps.audit.record(
        principal,
        { action: 'points.object', targetType: 'points_objection', targetId: id, details: { entryId: entry.id } },
        trx,
      );
      return { objectionId: id };
    });
  } catch (error) {
    // the same entry objected to twice at once: the unique index keeps one
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('POINTS_OBJECTION_NOT_ALLOWED', { message: '该扣分记录已提出过申诉，请等待复核结果' });
    }
    throw error;
  }
}
