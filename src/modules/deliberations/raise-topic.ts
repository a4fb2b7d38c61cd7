// Raises a topic at a station: a resident of the station's village from the phone, or staff of the village
// (or a level above) at the desk. The topic takes the station's vote rule as it stands and its options (the
// standard 同意 / 反对 / 弃权 or the proposer's own); row, first history entry, audit entry and outbox
// message in one transaction; the village platform is told there is a topic to accept.
import { AppError } from '../../core/errors.js';
import { checkOptions, raiseTopic as openTopic } from '../../domain/deliberation/index.js';
import type { Principal } from '../auth/principal.js';
import { type DeliberationDeps, inTransaction } from './deliberation-deps.js';
import { decided } from './deliberation-errors.js';
import { actsForStation, inDeliberationScope } from './deliberation-scope.js';
import { persistTopicOutcome } from './deliberation-store.js';
import { residentVillagesOf } from './residents.js';

export interface RaiseTopicInput {
  stationId: number;
  title: string;
  proposal: string;
  background?: string;
  options?: string[];
  attachmentIds?: string[];
}

export async function raiseTopic(
  deps: DeliberationDeps,
  principal: Principal,
  input: RaiseTopicInput,
): Promise<{ id: number; number: string }> {
  const citizen = principal.role === 'citizen';
  if (!citizen && !actsForStation(principal)) throw new AppError('FORBIDDEN');
  const villages = citizen ? await residentVillagesOf(deps.db, principal) : [];
  if (citizen && villages.length === 0) throw new AppError('DELIBERATION_NOT_RESIDENT');
  const options = decided(checkOptions(input.options));
  const background = (input.background ?? '').trim();
  if (background.length > 5000) {
    throw new AppError('VALIDATION_FAILED', { message: '背景情况不能超过 5000 字', details: { field: 'background' } });
  }
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  const foreign = await deps.attachments.notOwnedBy(principal, attachmentIds);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '附件不存在或不是您上传的，请重新上传',
      details: { field: 'attachmentIds', attachmentIds: foreign },
    });
  }
  const now = deps.clock.now();
  const raised = decided(openTopic({ title: input.title, proposal: input.proposal, now }));
  return inTransaction(deps.db, async (trx) => {
    const station = await trx
      .selectFrom('deliberation_stations as s')
      .innerJoin('orgs as v', 'v.id', 's.village_id')
      .select(['s.id', 's.county_code', 's.village_id', 's.name', 's.active', 's.quorum_percent', 's.pass_percent'])
      .where('s.id', '=', input.stationId)
      .where(inDeliberationScope(principal, 's', villages))
      .executeTakeFirst();
    if (!station) {
      // a citizen naming another village's station is not its resident: 403 says what to do
      throw citizen
        ? new AppError('DELIBERATION_NOT_RESIDENT', { details: { stationId: input.stationId } })
        : new AppError('DELIBERATION_STATION_NOT_FOUND', { details: { stationId: input.stationId } });
    }
    if (!station.active) {
      throw new AppError('VALIDATION_FAILED', {
        message: '该议事站已停用，请选择其他议事站',
        details: { field: 'stationId' },
      });
    }
    const { id } = await trx
      .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('deliberation_topics_id_seq')]).as('id'))
      .executeTakeFirstOrThrow();
    const topicId = Number(id);
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const number = `YS${day}${String(topicId).padStart(5, '0')}`;
    const title = input.title.trim();
    await trx
      .insertInto('deliberation_topics')
      .values({
        id: topicId,
        number,
        county_code: station.county_code,
        village_id: station.village_id,
        station_id: station.id,
        title,
        proposal: input.proposal.trim(),
        background,
        attachment_ids: attachmentIds,
        options,
        quorum_percent: station.quorum_percent,
        pass_percent: station.pass_percent,
        proposer_kind: citizen ? 'citizen' : 'staff',
        proposer_user_id: principal.userId,
        proposer_org_id: citizen ? null : principal.orgId,
        state: raised.topic.state,
        version: raised.topic.version,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await persistTopicOutcome(trx, raised, {
      id: topicId,
      number,
      title,
      villageId: station.village_id,
      actorUserId: principal.userId,
      actorOrgId: principal.orgId,
      expectedVersion: null,
      notices:
        citizen || principal.orgId !== station.village_id
          ? [{ orgId: station.village_id, userId: null, title: `${station.name}有新议题待受理` }]
          : [],
    });
    await deps.audit.record(
      principal,
      { action: 'deliberation.raise', targetType: 'deliberation_topic', targetId: topicId, details: { number } },
      trx,
    );
    return { id: topicId, number };
  });
}
