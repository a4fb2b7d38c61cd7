// Takes one action on a topic: load it within the principal's scope (outside it the topic does not exist),
// turn the request into the machine's action, let the topic machine decide from how the principal stands to
// it, and write the outcome in one transaction guarded by the version the caller saw — row, history entry,
// notifications, audit entry, outbox; at 结束表决 the count of the ballots (with the village's residents at
// that moment as the electorate) is stored on the row; at 交办落实 each follow-up becomes a task (idempotent by
// its source key); at 办结 everyone who took part (proposer, commenters, voters) is told the outcome.
import { AppError } from '../../core/errors.js';
import {
  applyTopicAction,
  type Topic,
  type TopicAction,
  type TopicActor,
  type TopicRelation,
  tally,
} from '../../domain/deliberation/index.js';
import type { Principal } from '../auth/principal.js';
import { type DeliberationDeps, inTransaction } from './deliberation-deps.js';
import { decided } from './deliberation-errors.js';
import { actsForStation, type Db, inDeliberationScope } from './deliberation-scope.js';
import { type Notice, persistTopicOutcome, type TopicRow, topicOf } from './deliberation-store.js';
import { residentsCount, residentVillagesOf } from './residents.js';

/** A topic the principal sees (locked for a writer), or DELIBERATION_TOPIC_NOT_FOUND. */
export async function loadTopic(db: Db, principal: Principal | null, id: number, lock = false): Promise<TopicRow> {
  const villages = principal?.role === 'citizen' ? await residentVillagesOf(db, principal) : [];
  let q = db.selectFrom('deliberation_topics as t').selectAll('t').where('t.id', '=', id);
  if (principal) q = q.where(inDeliberationScope(principal, 't', villages));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('DELIBERATION_TOPIC_NOT_FOUND', { details: { topicId: id } });
  return row;
}

export function topicActorOf(row: TopicRow, principal: Principal): TopicActor {
  const relations = new Set<TopicRelation>();
  if (principal.userId !== null && row.proposer_user_id === principal.userId) relations.add('proposer');
  if (actsForStation(principal)) relations.add('station');
  return { relations };
}

/** The API's action: dates as strings, the fields of every kind of action optional. */
export interface TopicActionInput {
  type: string;
  note?: string;
  reason?: string;
  hearingAt?: string;
  place?: string;
  hearing?: { at: string; place?: string; participants: string; notes: string };
  opensAt?: string;
  closesAt?: string;
  decision?: string;
  followUps?: { title: string; ownerOrgId: number; dueAt: string }[];
  outcome?: string;
}

const when = (v: string | undefined): Date => new Date(v ?? 'invalid');

function toTopicAction(input: TopicActionInput, now: Date): TopicAction {
  switch (input.type) {
    case 'accept':
      return { type: 'accept', note: input.note };
    case 'reject':
      return { type: 'reject', reason: input.reason ?? '' };
    case 'withdraw':
      return { type: 'withdraw', reason: input.reason };
    case 'schedule':
      return { type: 'schedule', hearingAt: when(input.hearingAt), place: input.place ?? '' };
    case 'recordHearing': {
      const h = input.hearing;
      return {
        type: 'recordHearing',
        hearing: { at: when(h?.at), place: h?.place ?? '', participants: h?.participants ?? '', notes: h?.notes ?? '' },
      };
    }
    case 'openVoting':
      return { type: 'openVoting', opensAt: input.opensAt ? when(input.opensAt) : now, closesAt: when(input.closesAt) };
    case 'closeVoting':
      return { type: 'closeVoting' };
    case 'decide':
      return { type: 'decide', decision: input.decision ?? '' };
    case 'implement':
      return {
        type: 'implement',
        followUps: (input.followUps ?? []).map((f) => ({
          title: f.title,
          ownerOrgId: f.ownerOrgId,
          dueAt: when(f.dueAt),
        })),
      };
    case 'complete':
      return { type: 'complete', outcome: input.outcome ?? '' };
    default:
      throw new AppError('VALIDATION_FAILED', {
        message: `未知的议题操作：${input.type}`,
        details: { field: 'action.type' },
      });
  }
}

/** Everyone who took part: the proposer, whoever commented, whoever voted (never what they voted). */
async function participants(db: Db, row: TopicRow): Promise<number[]> {
  const [commenters, voters] = await Promise.all([
    db
      .selectFrom('deliberation_comments')
      .select('author_user_id as id')
      .distinct()
      .where('topic_id', '=', row.id)
      .execute(),
    db.selectFrom('deliberation_voters').select('voter_user_id as id').where('topic_id', '=', row.id).execute(),
  ]);
  const ids = [row.proposer_user_id, ...commenters.map((c) => c.id), ...voters.map((v) => v.id)];
  return [...new Set(ids.filter((id): id is number => id !== null))];
}

const TELL_PROPOSER: Record<string, string> = {
  accept: '您提出的议题已受理',
  reject: '您提出的议题不予受理',
  schedule: '您提出的议题已安排议事',
  openVoting: '您提出的议题已开始表决',
  decide: '您提出的议题已形成议事决定',
};

export async function actOnTopic(
  deps: DeliberationDeps,
  principal: Principal,
  id: number,
  input: { version: number; action: TopicActionInput },
): Promise<void> {
  try {
    await inTransaction(deps.db, async (trx) => {
      const row = await loadTopic(trx, principal, id, true);
      if (row.version !== input.version) {
        throw new AppError('DELIBERATION_VERSION_CONFLICT', {
          details: { topicId: id, current: { version: row.version, state: row.state }, yourVersion: input.version },
        });
      }
      const topic: Topic = topicOf(row);
      const now = new Date(Math.max(deps.clock.now().getTime(), topic.updatedAt.getTime()));
      const action = toTopicAction(input.action, now);
      const outcome = decided(applyTopicAction(topic, action, topicActorOf(row, principal), now), topic.state);

      let result: Record<string, unknown> | undefined;
      if (action.type === 'closeVoting') {
        const ballots = await trx
          .selectFrom('deliberation_ballots')
          .select('choice')
          .where('topic_id', '=', id)
          .execute();
        const eligible = await residentsCount(trx, row.village_id);
        const count = tally(
          row.options,
          ballots.map((b) => b.choice),
          eligible,
          {
            quorumPercent: row.quorum_percent,
            passPercent: row.pass_percent,
          },
        );
        result = { ...count, closedAt: now.toISOString() };
      }
      const notices: Notice[] = [];
      const tell = TELL_PROPOSER[action.type];
      if (tell && row.proposer_user_id !== null && row.proposer_user_id !== principal.userId) {
        notices.push({ userId: row.proposer_user_id, orgId: null, title: tell });
      }
      if (outcome.tellParticipants) {
        for (const userId of await participants(trx, row)) {
          notices.push({ userId, orgId: null, title: `议题已办结：${(outcome.topic.outcome ?? '').slice(0, 100)}` });
        }
      }
      await persistTopicOutcome(trx, outcome, {
        id,
        number: row.number,
        title: row.title,
        villageId: row.village_id,
        actorUserId: principal.userId,
        actorOrgId: principal.orgId,
        expectedVersion: row.version,
        extra: result ? { result } : undefined,
        notices,
      });
      for (const [i, f] of (outcome.followUps ?? []).entries()) {
        await deps.tasks.create(
          {
            title: f.title,
            description: `议事决定：${outcome.topic.decision ?? ''}`.slice(0, 2000),
            sourceKind: 'deliberation_decision',
            sourceId: String(id),
            sourceLabel: `${row.number} ${row.title}`.slice(0, 200),
            sourceKey: `deliberation:${id}:${i + 1}`,
            ownerOrgId: f.ownerOrgId,
            dueAt: f.dueAt,
          },
          principal,
          trx,
        );
      }
      await deps.audit.record(
        principal,
        {
          action: `deliberation.${action.type}`,
          targetType: 'deliberation_topic',
          targetId: id,
          details: { number: row.number, version: outcome.topic.version },
        },
        trx,
      );
    });
  } catch (error) {
    // A concurrent writer committed first (the history's primary key caught it): answer with its state.
    if ((error as { code?: string })?.code === '23505') {
      const current = await deps.db
        .selectFrom('deliberation_topics')
        .select(['version', 'state'])
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError('DELIBERATION_VERSION_CONFLICT', { details: { topicId: id, current: current ?? null } });
    }
    throw error;
  }
}
