// A resident's vote on a topic: one per verified resident of the topic's village, in the voting window. The
// voter row's primary key (topic, voter) decides between two votes at once — exactly one row, the other gets
// DELIBERATION_ALREADY_VOTED — and the ballot is written in the same transaction to a table that names no
// voter (a random id, no time), so nobody can tell who voted what. The topic row is read FOR SHARE, so a vote
// and the closing of the ballot (FOR UPDATE) never cross: a ballot is counted or refused, never lost.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { votingOpen } from '../../domain/deliberation/index.js';
import type { Principal } from '../auth/principal.js';
import { type DeliberationDeps, inTransaction } from './deliberation-deps.js';
import { topicOf } from './deliberation-store.js';
import { residentVillagesOf } from './residents.js';

export async function castVote(
  deps: DeliberationDeps,
  principal: Principal,
  topicId: number,
  choice: string,
): Promise<{ voted: true }> {
  if (principal.role !== 'citizen' || principal.userId === null) throw new AppError('CITIZEN_ONLY');
  const voterId = principal.userId;
  const villages = await residentVillagesOf(deps.db, principal);
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('deliberation_topics')
      .selectAll()
      .where('id', '=', topicId)
      .forShare()
      .executeTakeFirst();
    if (!row) throw new AppError('DELIBERATION_TOPIC_NOT_FOUND', { details: { topicId } });
    if (!villages.includes(row.village_id)) {
      throw new AppError('DELIBERATION_NOT_RESIDENT', { details: { topicId, villageId: row.village_id } });
    }
    const now = deps.clock.now();
    if (!votingOpen(topicOf(row), now)) {
      throw new AppError('DELIBERATION_VOTING_CLOSED', {
        details: { topicId, state: row.state, opensAt: row.voting_opens_at, closesAt: row.voting_closes_at },
      });
    }
    if (!row.options.includes(choice)) {
      throw new AppError('DELIBERATION_INVALID_CHOICE', { details: { field: 'choice', options: row.options } });
    }
    await writeBallot(trx, topicId, voterId, choice);
    // the audit trail records that this resident voted, never the choice
    await deps.audit.record(
      principal,
      {
        action: 'deliberation.vote',
        targetType: 'deliberation_topic',
        targetId: topicId,
        details: { number: row.number },
      },
      trx,
    );
  });
  return { voted: true };
}

/** The voter's row and their ballot, apart; a second vote of the same resident is refused by the key. */
export async function writeBallot(trx: Transaction<DB>, topicId: number, voterId: number, choice: string) {
  const inserted = await trx
    .insertInto('deliberation_voters')
    .values({ topic_id: topicId, voter_user_id: voterId })
    .onConflict((oc) => oc.columns(['topic_id', 'voter_user_id']).doNothing())
    .returning('voter_user_id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('DELIBERATION_ALREADY_VOTED', { details: { topicId } });
  await trx.insertInto('deliberation_ballots').values({ id: randomUUID(), topic_id: topicId, choice }).execute();
}
