// In-app notifications of a unit (written with each case change and by the sweeper's warnings).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';

export class NotificationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  private mine(principal: Principal) {
    return this.db
      .selectFrom('notifications')
      .where((eb) => eb.or([eb('org_id', '=', principal.orgId ?? -1), eb('user_id', '=', principal.userId ?? -1)]));
  }

  async list(principal: Principal, filter: { unread?: boolean; limit?: number }) {
    let q = this.mine(principal);
    if (filter.unread) q = q.where('read_at', 'is', null);
    const [items, unread] = await Promise.all([
      q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 50)
        .execute(),
      this.mine(principal)
        .where('read_at', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      unread: Number(unread.n),
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        caseId: n.case_id,
        taskId: n.task_id,
        disputeId: n.dispute_id,
        link: n.link,
        createdAt: new Date(n.created_at).toISOString(),
        readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
      })),
    };
  }

  async markRead(principal: Principal, ids?: number[]) {
    let q = this.db
      .updateTable('notifications')
      .set({ read_at: this.clock.now() })
      .where('read_at', 'is', null)
      .where((eb) => eb.or([eb('org_id', '=', principal.orgId ?? -1), eb('user_id', '=', principal.userId ?? -1)]));
    if (ids) q = q.where('id', 'in', ids.length ? ids : [-1]);
    const result = await q.executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  }
}
