// Residents' comments on a topic (意见): written by a verified resident of the topic's village while the topic
// is open or being carried out, shown to others only once a station member / village staff approved it; a
// rejected comment carries the reason and its author is told.
import { AppError } from '../../core/errors.js';
import type { TopicState } from '../../domain/deliberation/index.js';
import type { Principal } from '../auth/principal.js';
import { loadTopic } from './act-on-topic.js';
import { type DeliberationDeps, inTransaction } from './deliberation-deps.js';
import { actsForStation, inDeliberationScope } from './deliberation-scope.js';
import { notify } from './deliberation-store.js';
import { residentVillagesOf } from './residents.js';

const COMMENTABLE: readonly TopicState[] = [
  'proposed',
  'accepted',
  'scheduled',
  'voting',
  'voted',
  'decided',
  'implementing',
];
export const MAX_COMMENT = 1000;

export async function addComment(
  deps: DeliberationDeps,
  principal: Principal,
  topicId: number,
  body: string,
): Promise<{ id: number; state: 'pending' }> {
  if (principal.role !== 'citizen' || principal.userId === null) throw new AppError('CITIZEN_ONLY');
  const text = body.trim();
  if (!text || text.length > MAX_COMMENT) {
    throw new AppError('VALIDATION_FAILED', {
      message: `请填写意见（${MAX_COMMENT} 字以内）`,
      details: { field: 'body' },
    });
  }
  const villages = await residentVillagesOf(deps.db, principal);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('deliberation_topics').selectAll().where('id', '=', topicId).executeTakeFirst();
    if (!row) throw new AppError('DELIBERATION_TOPIC_NOT_FOUND', { details: { topicId } });
    if (!villages.includes(row.village_id)) {
      throw new AppError('DELIBERATION_NOT_RESIDENT', { details: { topicId, villageId: row.village_id } });
    }
    if (!COMMENTABLE.includes(row.state as TopicState)) {
      throw new AppError('DELIBERATION_COMMENTS_CLOSED', { details: { topicId, state: row.state } });
    }
    const now = deps.clock.now();
    const { id } = await trx
      .insertInto('deliberation_comments')
      .values({ topic_id: topicId, author_user_id: principal.userId as number, body: text, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notify(trx, row, 'deliberation_comment', now, [
      { orgId: row.village_id, userId: null, title: '有群众意见待审核' },
    ]);
    await deps.audit.record(
      principal,
      {
        action: 'deliberation.comment',
        targetType: 'deliberation_topic',
        targetId: topicId,
        details: { commentId: id },
      },
      trx,
    );
    return { id: Number(id), state: 'pending' as const };
  });
}

export async function moderateComment(
  deps: DeliberationDeps,
  principal: Principal,
  commentId: number,
  input: { approve: boolean; reason?: string },
): Promise<void> {
  if (!actsForStation(principal)) throw new AppError('FORBIDDEN');
  const reason = (input.reason ?? '').trim();
  if (!input.approve && !reason) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写不予公开的理由', details: { field: 'reason' } });
  }
  await inTransaction(deps.db, async (trx) => {
    const comment = await trx
      .selectFrom('deliberation_comments as c')
      .innerJoin('deliberation_topics as t', 't.id', 'c.topic_id')
      .select(['c.id', 'c.state', 'c.author_user_id', 'c.topic_id'])
      .where('c.id', '=', commentId)
      .where(inDeliberationScope(principal, 't'))
      .forUpdate()
      .executeTakeFirst();
    if (!comment) throw new AppError('DELIBERATION_COMMENT_NOT_FOUND', { details: { commentId } });
    if (comment.state !== 'pending')
      throw new AppError('DELIBERATION_COMMENT_DECIDED', { details: { state: comment.state } });
    const now = deps.clock.now();
    await trx
      .updateTable('deliberation_comments')
      .set({
        state: input.approve ? 'approved' : 'rejected',
        reject_reason: input.approve ? null : reason.slice(0, 500),
        moderated_by: principal.userId,
        moderated_at: now,
      })
      .where('id', '=', commentId)
      .where('state', '=', 'pending')
      .execute();
    if (!input.approve) {
      const topic = await loadTopic(trx, principal, comment.topic_id);
      await notify(trx, topic, 'deliberation_comment_rejected', now, [
        { orgId: null, userId: comment.author_user_id, title: `您的意见未予公开：${reason.slice(0, 100)}` },
      ]);
    }
    await deps.audit.record(
      principal,
      {
        action: input.approve ? 'deliberation.comment.approve' : 'deliberation.comment.reject',
        targetType: 'deliberation_topic',
        targetId: comment.topic_id,
        details: { commentId },
      },
      trx,
    );
  });
}
