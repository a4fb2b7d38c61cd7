// Reads a topic as the machine sees it and writes one outcome of the machine in the caller's transaction: the
// row (guarded by the version the writer loaded), its history entry, the notifications of the people told
// and one outbox message on 'deliberation.changed'.
import type { Selectable, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, DeliberationTopicsTable } from '../../db/schema.js';
import {
  type Hearing,
  TOPIC_STATE_LABELS,
  type Topic,
  type TopicOutcome,
  type TopicState,
} from '../../domain/deliberation/index.js';
import { announceChange } from '../record-history/index.js';

export type TopicRow = Selectable<DeliberationTopicsTable>;

const date = (v: Date | string | null): Date | null => (v ? new Date(v) : null);

export function topicOf(row: TopicRow): Topic {
  const h = row.hearing as { at: string; place: string; participants: string; notes: string } | null;
  const hearing: Hearing | null = h ? { ...h, at: new Date(h.at) } : null;
  return {
    state: row.state as TopicState,
    hearingAt: date(row.hearing_at),
    hearingPlace: row.hearing_place,
    hearing,
    votingOpensAt: date(row.voting_opens_at),
    votingClosesAt: date(row.voting_closes_at),
    rejectReason: row.reject_reason,
    decision: row.decision,
    decidedAt: date(row.decided_at),
    outcome: row.outcome,
    doneAt: date(row.done_at),
    version: row.version,
    updatedAt: new Date(row.updated_at),
  };
}

export interface Notice {
  userId: number | null;
  orgId: number | null;
  title: string;
}

export interface TopicWriteMeta {
  id: number;
  number: string;
  title: string;
  villageId: number;
  actorUserId: number | null;
  actorOrgId: number | null;
  /** the version the writer loaded; null when the topic is being raised */
  expectedVersion: number | null;
  /** what else changes on the row with this outcome (the ballot's result at closing) */
  extra?: { result?: Record<string, unknown> };
  notices?: readonly Notice[];
}

/** In-app notifications of people (a citizen by user id) or units; each title names the topic. */
export async function notify(
  trx: Transaction<DB>,
  meta: { number: string; title: string },
  kind: string,
  at: Date,
  notices: readonly Notice[],
): Promise<void> {
  if (notices.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      notices.map((n) => ({
        org_id: n.orgId,
        user_id: n.userId,
        case_id: null,
        kind,
        title: `${n.title}（议题 ${meta.number} ${meta.title}）`.slice(0, 500),
        created_at: at,
      })),
    )
    .execute();
}

export async function persistTopicOutcome(trx: Transaction<DB>, outcome: TopicOutcome, meta: TopicWriteMeta) {
  const { topic: t, event } = outcome;
  const row = {
    state: t.state,
    hearing_at: t.hearingAt,
    hearing_place: t.hearingPlace,
    hearing: t.hearing ? JSON.stringify({ ...t.hearing, at: t.hearing.at.toISOString() }) : null,
    voting_opens_at: t.votingOpensAt,
    voting_closes_at: t.votingClosesAt,
    reject_reason: t.rejectReason,
    decision: t.decision,
    decided_at: t.decidedAt,
    outcome: t.outcome,
    done_at: t.doneAt,
    version: t.version,
    updated_at: t.updatedAt,
    ...(meta.extra?.result ? { result: JSON.stringify(meta.extra.result) } : {}),
  };
  if (meta.expectedVersion !== null) {
    const updated = await trx
      .updateTable('deliberation_topics')
      .set(row)
      .where('id', '=', meta.id)
      .where('version', '=', meta.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('DELIBERATION_VERSION_CONFLICT', {
        details: { topicId: meta.id, yourVersion: meta.expectedVersion },
      });
    }
  }
  await trx
    .insertInto('deliberation_events')
    .values({
      topic_id: meta.id,
      version: t.version,
      type: event.type,
      at: event.at,
      from_state: event.fromState,
      to_state: event.toState,
      actor_user_id: meta.actorUserId,
      actor_org_id: meta.actorOrgId,
      note: event.note,
      details: JSON.stringify(event.details),
    })
    .execute();
  await notify(trx, meta, `deliberation_${event.type}`, event.at, meta.notices ?? []);
  await announceChange(trx, {
    topic: 'deliberation.changed',
    changeId: `deliberation:${meta.id}:${t.version}`,
    at: event.at,
    payload: {
      topicId: meta.id,
      number: meta.number,
      villageId: meta.villageId,
      version: t.version,
      type: event.type,
      state: t.state,
      stateLabel: TOPIC_STATE_LABELS[t.state],
    },
  });
}
