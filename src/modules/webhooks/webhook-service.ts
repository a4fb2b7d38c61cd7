// Webhook subscriptions (status sync to the 12345 hotline and other systems) and their deliveries, as
// administrators see and manage them. Delivery itself is the outbox dispatcher's (src/jobs/outbox-dispatcher.ts).

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { RECORD_TOPICS } from '../../jobs/outbox-dispatcher.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { CASE_CHANNELS } from '../cases/case-views.js';

export interface SubscriptionInput {
  name: string;
  url: string;
  channels: string[];
  active?: boolean;
  secret?: string;
}

function checkInput(input: Partial<SubscriptionInput>): void {
  if (input.url !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(input.url);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new AppError('VALIDATION_FAILED', {
        message: '推送地址须为 http:// 或 https:// 开头的网址',
        details: { field: 'url' },
      });
    }
  }
  const allowed = [...CASE_CHANNELS, ...Object.values(RECORD_TOPICS)];
  const bad = (input.channels ?? []).filter((c) => !allowed.includes(c));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', {
      message: `来源渠道须从 ${allowed.join('、')} 中选择`,
      details: { field: 'channels', invalid: bad },
    });
  }
  if (input.secret !== undefined && input.secret.length < 16) {
    throw new AppError('VALIDATION_FAILED', { message: '签名密钥至少 16 个字符', details: { field: 'secret' } });
  }
}

export class WebhookService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly wallNow: () => Date = () => new Date(),
  ) {}

  private scoped(principal: Principal) {
    return this.db
      .selectFrom('webhook_subscriptions as w')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`);
  }

  async list(principal: Principal) {
    const rows = await this.scoped(principal)
      .select(['w.id', 'w.name', 'w.url', 'w.channels', 'w.active', 'w.created_at', 'w.updated_at'])
      .select((eb) => [
        eb
          .selectFrom('webhook_deliveries as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.subscription_id', '=', 'w.id')
          .where('d.status', '=', 'pending')
          .as('pending'),
        eb
          .selectFrom('webhook_deliveries as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.subscription_id', '=', 'w.id')
          .where('d.status', '=', 'failed')
          .as('failed'),
        eb
          .selectFrom('webhook_deliveries as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.subscription_id', '=', 'w.id')
          .where('d.status', '=', 'delivered')
          .as('delivered'),
      ])
      .orderBy('w.id')
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        url: r.url,
        channels: r.channels,
        active: r.active,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        counts: { pending: Number(r.pending ?? 0), failed: Number(r.failed ?? 0), delivered: Number(r.delivered ?? 0) },
      })),
    };
  }

  /** Creates a subscription; its signing secret is returned this once. */
  async create(principal: Principal, input: SubscriptionInput) {
    checkInput(input);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
    const now = this.clock.now();
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('webhook_subscriptions')
        .values({
          name: input.name,
          url: input.url,
          secret,
          channels: input.channels,
          active: input.active ?? true,
          org_id: principal.orgId ?? 0,
          created_by: principal.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(
        principal,
        {
          action: 'webhook.create',
          targetType: 'webhook',
          targetId: row.id,
          details: { name: input.name, url: input.url },
        },
        trx,
      );
      return row.id;
    });
    const created = (await this.list(principal)).items.find((w) => w.id === id);
    return { ...created, secret };
  }

  async update(principal: Principal, id: number, input: Partial<SubscriptionInput>) {
    checkInput(input);
    await this.require(principal, id);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_subscriptions')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.url !== undefined && { url: input.url }),
          ...(input.channels !== undefined && { channels: input.channels }),
          ...(input.active !== undefined && { active: input.active }),
          ...(input.secret !== undefined && { secret: input.secret }),
          updated_at: this.clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(
        principal,
        {
          action: 'webhook.update',
          targetType: 'webhook',
          targetId: id,
          details: { ...input, secret: input.secret ? '***' : undefined },
        },
        trx,
      );
    });
    return (await this.list(principal)).items.find((w) => w.id === id);
  }

  /** Deactivates (deliveries are kept for the record). */
  async remove(principal: Principal, id: number): Promise<void> {
    await this.update(principal, id, { active: false });
  }

  private async require(principal: Principal, id: number) {
    const row = await this.scoped(principal).select(['w.id']).where('w.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('WEBHOOK_NOT_FOUND');
    return row;
  }

  async deliveries(
    principal: Principal,
    filter: { subscriptionId?: number; status?: 'pending' | 'delivered' | 'failed'; limit: number; offset: number },
  ) {
    let q = this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`);
    if (filter.subscriptionId) q = q.where('d.subscription_id', '=', filter.subscriptionId);
    if (filter.status) q = q.where('d.status', '=', filter.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        'd.id',
        'd.subscription_id',
        'w.name as subscription_name',
        'd.case_id',
        'd.change_id',
        'd.payload',
        'd.status',
        'd.attempts',
        'd.available_at',
        'd.last_error',
        'd.last_status',
        'd.created_at',
        'd.delivered_at',
      ])
      .orderBy('d.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return {
      total: Number(total.n),
      items: rows.map((r) => {
        const p = r.payload as Record<string, unknown>;
        return {
          id: r.id,
          subscriptionId: r.subscription_id,
          subscriptionName: r.subscription_name,
          caseId: r.case_id,
          caseNumber: (p.number as string) ?? null,
          externalRef: (p.externalRef as string) ?? null,
          changeId: r.change_id,
          type: (p.type as string) ?? null,
          state: (p.state as string) ?? null,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: r.status === 'delivered' ? null : r.available_at,
          lastError: r.last_error,
          lastStatus: r.last_status,
          createdAt: r.created_at,
          deliveredAt: r.delivered_at,
        };
      }),
    };
  }

  /** Sends a delivery again now (a failed one at once; a delivered one once more — receivers dedup). */
  async retry(principal: Principal, id: number) {
    const row = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as w', 'w.id', 'd.subscription_id')
      .innerJoin('orgs', 'orgs.id', 'w.org_id')
      .select(['d.id', 'd.status'])
      .where('d.id', '=', id)
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`)
      .executeTakeFirst();
    if (!row) throw new AppError('DELIVERY_NOT_FOUND');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_deliveries')
        .set({
          available_at: this.wallNow(),
          ...(row.status === 'delivered' && { status: 'pending' as const, delivered_at: null }),
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(
        principal,
        { action: 'webhook.retry', targetType: 'webhook_delivery', targetId: id },
        trx,
      );
    });
    return { id, status: row.status === 'delivered' ? 'pending' : row.status };
  }
}
