// Live updates for browsers (server-sent events). Each process polls the timeline and the notifications by
// their growing ids, so a change made by any server process reaches every subscriber of every process; each
// subscriber gets only cases in its scope and notifications of its organisation.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from './case-scope.js';

export interface LiveMessage {
  event: 'case' | 'notification';
  data: Record<string, unknown>;
}

interface Subscriber {
  principal: Principal;
  send: (message: LiveMessage) => void;
}

const POLL_MS = 1000;

export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private lastEventId = -1;
  private lastNotificationId = -1;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private readonly db: Kysely<DB>) {}

  subscribe(principal: Principal, send: Subscriber['send']): () => void {
    const sub = { principal, send };
    this.subscribers.add(sub);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref();
    }
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** A change in this process: look now rather than at the next tick. */
  nudge(): void {
    if (this.subscribers.size > 0) void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribers.clear();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.lastEventId < 0) {
        const [e, n] = await Promise.all([
          this.db
            .selectFrom('case_events')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst(),
          this.db
            .selectFrom('notifications')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst(),
        ]);
        this.lastEventId = Number(e?.m ?? 0);
        this.lastNotificationId = Number(n?.m ?? 0);
        return;
      }
      const events = await this.db
        .selectFrom('case_events')
        .innerJoin('cases', 'cases.id', 'case_events.case_id')
        .leftJoin('orgs as t', 't.id', 'cases.town_id')
        .leftJoin('orgs as v', 'v.id', 'cases.village_id')
        .leftJoin('orgs as g', 'g.id', 'cases.grid_id')
        .leftJoin('orgs as l', 'l.id', 'cases.lead_org_id')
        .select([
          'case_events.id',
          'case_events.case_id',
          'case_events.type',
          'case_events.to_state',
          'case_events.at',
          'cases.number',
          'cases.title',
          'cases.county_code',
          'cases.town_id',
          'cases.grid_id',
          'cases.supervision_level',
          't.path as town_path',
          'v.path as village_path',
          'g.path as grid_path',
          'l.path as lead_path',
        ])
        .where('case_events.id', '>', this.lastEventId)
        .orderBy('case_events.id')
        .limit(500)
        .execute();
      for (const e of events) {
        this.lastEventId = Math.max(this.lastEventId, e.id);
        const paths = [e.town_path, e.village_path, e.grid_path, e.lead_path].filter((p): p is string => !!p);
        const data = {
          caseId: e.case_id,
          number: e.number,
          title: e.title,
          type: e.type,
          state: e.to_state,
          at: new Date(e.at).toISOString(),
          townId: e.town_id,
          gridId: e.grid_id,
          supervisionLevel: e.supervision_level,
        };
        for (const sub of this.subscribers) {
          const p = sub.principal;
          const visible =
            (isCountyRoot(p) && p.countyCode === e.county_code) ||
            paths.some((path) => p.scopePath && path.startsWith(p.scopePath));
          if (visible) sub.send({ event: 'case', data });
        }
      }
      const notes = await this.db
        .selectFrom('notifications')
        .selectAll()
        .where('id', '>', this.lastNotificationId)
        .orderBy('id')
        .limit(500)
        .execute();
      for (const n of notes) {
        this.lastNotificationId = Math.max(this.lastNotificationId, n.id);
        for (const sub of this.subscribers) {
          if (n.org_id === sub.principal.orgId || (n.user_id !== null && n.user_id === sub.principal.userId)) {
            sub.send({
              event: 'notification',
              data: {
                id: n.id,
                kind: n.kind,
                title: n.title,
                caseId: n.case_id,
                createdAt: new Date(n.created_at).toISOString(),
              },
            });
          }
        }
      }
    } catch {
      // The next tick tries again; a closed database during shutdown lands here.
    } finally {
      this.polling = false;
    }
  }
}
