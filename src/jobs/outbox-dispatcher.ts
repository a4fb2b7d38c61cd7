// Delivers the outbox (topic 'case.changed', written by the case service in the same transaction as each
// change) to the webhook subscriptions: first each message is fanned out into one delivery row per matching
// subscription, then due deliveries are POSTed, signed, and retried with exponential backoff until a 2xx.
// Strictly in order per (subscription, case): a delivery is attempted only when no earlier delivery of the
// same case to the same subscription is still undelivered. At-least-once; the receiver dedups on the change
// id. Several processes: fan-out is serialised by an advisory lock, deliveries are claimed with
// FOR UPDATE SKIP LOCKED plus a lease, so in normal operation nothing is sent twice.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { signPayload } from '../domain/intake/hotline-order.js';

export interface DispatcherOptions {
  /** Wall time (deliveries are real-world network traffic: the demo clock does not apply). */
  now?: () => Date;
  fetch?: typeof fetch;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  timeoutMs?: number;
  batchSize?: number;
}

const FANOUT_LOCK = 7_311_001;

/**
 * Records other than cases announce their changes on topics of their own; a subscription receives such a
 * topic only when it lists the topic's key among its channels (an empty list keeps meaning every case channel,
 * so receivers built for cases never see another shape).
 */
export const RECORD_TOPICS: Record<string, string> = {
  'task.changed': 'tasks',
  'volunteer.changed': 'volunteers', // volunteers (issue 17 §1): activities' state, sign-ups and credited hours, never a phone
  'social_org.changed': 'social-orgs', // social organisations (issue 17 §1): registry, stages, purchased services
  'dispute.changed': 'disputes',
  'deliberation.changed': 'deliberations', // deliberation (issue 16 §2): topics' state changes, never a ballot
  'service.changed': 'services', // convenience services (issue 17 §2): applications' state and visits, never the resident
  'power.changed': 'powers', // small-power list (issue 16 §3): exercises and their steps
  'legal.changed': 'legal', // legal advisers (issue 15 §2): roster, assignments, service log
  'party.changed': 'party', // party organisation (issue 21 §1): organisations, members, 大党委, first secretaries
  'party_service.changed': 'party-service', // 双报到 (issue 21 §2): registrations and needs, never a phone
  'psych.changed': 'psych', // psychological referrals: status only, never the person or the concern
  'showcase.changed': 'showcase', // public showcase (issue 17 §3): typical cases and news published or withdrawn
  'survey.changed': 'surveys', // public-opinion surveys (issue 21 §4): a round's state changes, never an answer
  'topic.changed': 'topics', // 每月一题 (issue 19): a governance topic adopted or closed, never a reporter
  'privacy.erased': 'privacy', // issue 18: which cases and which account lost their personal data, never the data
};

export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedDelivery {
  id: number;
  subscription_id: number;
  change_id: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

export class OutboxDispatcher {
  private readonly now: () => Date;
  private readonly fetch: typeof fetch;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Kysely<DB>,
    options: DispatcherOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.fetch = options.fetch ?? fetch;
    this.baseMs = options.backoffBaseMs ?? 2000;
    this.maxMs = options.backoffMaxMs ?? 3_600_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 50;
  }

  /** One pass: fan out, then deliver what is due. True when there may be more to do at once. */
  async pass(): Promise<boolean> {
    const fanned = await this.fanOut();
    const sent = await this.deliverDue();
    return fanned > 0 || sent > 0;
  }

  /** Turns undistributed outbox messages into deliveries; returns how many messages it handled. */
  async fanOut(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${FANOUT_LOCK}) AS ok`.execute(trx);
      if (!lock.rows[0]?.ok) return 0;
      const messages = await trx
        .selectFrom('outbox')
        .select(['id', 'topic', 'case_id', 'payload'])
        .where('topic', 'in', ['case.changed', ...Object.keys(RECORD_TOPICS)])
        .where('delivered_at', 'is', null)
        .orderBy('id')
        .limit(500)
        .execute();
      if (messages.length === 0) return 0;
      const subscriptions = await trx
        .selectFrom('webhook_subscriptions')
        .select(['id', 'channels'])
        .where('active', '=', true)
        .execute();
      const now = this.now();
      const rows = [];
      for (const m of messages) {
        const payload = m.payload as Record<string, unknown>;
        const recordKey = RECORD_TOPICS[m.topic];
        for (const s of subscriptions) {
          if (
            recordKey
              ? !s.channels.includes(recordKey)
              : s.channels.length > 0 && !s.channels.includes(String(payload.channel ?? ''))
          )
            continue;
          rows.push({
            subscription_id: s.id,
            outbox_id: m.id,
            case_id: m.case_id,
            change_id: String(payload.changeId ?? `outbox:${m.id}`),
            payload: JSON.stringify(recordKey ? { ...payload, topic: m.topic } : payload),
            available_at: now,
            created_at: now,
          });
        }
      }
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto('webhook_deliveries')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['subscription_id', 'outbox_id']).doNothing())
          .execute();
      }
      await trx
        .updateTable('outbox')
        .set({ delivered_at: now })
        .where(
          'id',
          'in',
          messages.map((m) => m.id),
        )
        .execute();
      return messages.length;
    });
  }

  /** Claims the deliveries that are due and first in line for their case, sends them, records the outcome. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((d) => this.deliver(d)));
    return claimed.length;
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const due = await sql<ClaimedDelivery>`
        SELECT d.id, d.subscription_id, d.change_id, d.payload, d.attempts, s.url, s.secret
        FROM webhook_deliveries d
        JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
        WHERE d.status <> 'delivered'
          AND d.available_at <= ${now}
          AND (d.leased_until IS NULL OR d.leased_until < ${now})
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries e
            WHERE e.subscription_id = d.subscription_id
              AND e.case_id IS NOT DISTINCT FROM d.case_id
              AND e.status <> 'delivered'
              AND e.outbox_id < d.outbox_id)
        ORDER BY d.outbox_id
        LIMIT ${this.batchSize}
        FOR UPDATE OF d SKIP LOCKED`.execute(trx);
      if (due.rows.length === 0) return [];
      await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          leased_until: new Date(now.getTime() + this.timeoutMs + 30_000),
          attempts: eb('attempts', '+', 1),
        }))
        .where(
          'id',
          'in',
          due.rows.map((d) => d.id),
        )
        .execute();
      return due.rows.map((d) => ({
        ...d,
        payload: typeof d.payload === 'string' ? JSON.parse(d.payload) : d.payload,
        attempts: d.attempts + 1,
      }));
    });
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify({ id: d.change_id, topic: 'case.changed', deliveryId: d.id, ...d.payload });
    // (a record topic's payload carries its own `topic`, which overrides the default above)
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gongzhi-Webhook/1',
          'x-gz-timestamp': timestamp,
          'x-gz-signature': signPayload(d.secret, timestamp, body),
          'x-gz-change-id': d.change_id,
          'x-gz-delivery-id': String(d.id),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      error =
        (e as Error).name === 'TimeoutError'
          ? `超时（${this.timeoutMs} ms）`
          : `${(e as Error).message ?? e}${cause ? `: ${cause.code ?? cause.message ?? ''}` : ''}`;
    }
    const now = this.now();
    await this.db
      .updateTable('webhook_deliveries')
      .set(
        error === null
          ? { status: 'delivered', delivered_at: now, leased_until: null, last_status: status, last_error: null }
          : {
              status: 'failed',
              leased_until: null,
              last_status: status,
              last_error: error.slice(0, 500),
              available_at: new Date(now.getTime() + backoffMs(d.attempts, this.baseMs, this.maxMs)),
            },
      )
      .where('id', '=', d.id)
      .execute();
  }
}
