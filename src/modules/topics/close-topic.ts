// Closes a governance topic (结项) with a note on what was done; the adopting platform or the levels above it
// may, the topic must still be active, and the caller's version must be the current one. The series keeps being
// counted after closing — whether the problem stays solved is the point.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, recordChange } from '../record-history/index.js';
import type { TopicDeps } from './topic-deps.js';
import { topicsVisibleTo } from './topic-scope.js';

export async function closeTopic(
  deps: TopicDeps,
  principal: Principal,
  id: number,
  input: { version: number; note: string },
): Promise<void> {
  const topic = await deps.db
    .selectFrom('governance_topics')
    .select(['id', 'state', 'version', 'area_org_id', 'adopted_by_org_id'])
    .where(topicsVisibleTo(principal))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!topic) throw new AppError('GOVERNANCE_TOPIC_NOT_FOUND');
  const ours = [topic.area_org_id, topic.adopted_by_org_id].some(
    (o) => o !== null && principal.scopeOrgIds.includes(o),
  );
  if (!ours) throw new AppError('FORBIDDEN', { message: '只有采纳该议题的平台或其上级可以结项' });
  if (topic.state !== 'active') throw new AppError('GOVERNANCE_TOPIC_CLOSED');
  const note = input.note.trim();
  if (!note) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写结项说明', details: { field: 'note' } });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('governance_topics')
      .set({ state: 'closed', closed_at: now, close_note: note.slice(0, 2000), version: topic.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('state', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('GOVERNANCE_TOPIC_VERSION_CONFLICT');
    await recordChange(trx, deps.audit, principal, {
      kind: 'governance_topic',
      id,
      type: 'close',
      at: now,
      details: { note },
    });
    await announceChange(trx, {
      topic: 'topic.changed',
      changeId: `governance_topic:${id}:${topic.version + 1}`,
      at: now,
      payload: { id, event: 'closed', state: 'closed' },
    });
  });
}
