// An erased citizen in village deliberation (议事协商, migration 0020). Comments and proposals are the public
// record of a village's decision: their text stays, without the citizen's own name and phone written into it; the
// author is shown by the account's name, which the account's anonymisation turns into 已注销用户. Votes are kept
// as they are: the ballots never named a voter, and who-voted (deliberation_voters) keeps its link to the
// (anonymised) account — its key is the voter, so the schema allows no other — so every count and quorum stays.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type ReporterData, scrubReporter } from '../../domain/privacy/index.js';

/** Returns how many comments and topics it changed. */
export async function anonymiseDeliberations(
  trx: Transaction<DB>,
  userId: number,
  person: ReporterData,
): Promise<number> {
  let changed = 0;
  const comments = await trx
    .selectFrom('deliberation_comments')
    .select(['id', 'body'])
    .where('author_user_id', '=', userId)
    .execute();
  for (const c of comments) {
    const body = scrubReporter(c.body, person);
    if (body === c.body) continue;
    await trx.updateTable('deliberation_comments').set({ body }).where('id', '=', c.id).execute();
    changed++;
  }
  const topics = await trx
    .selectFrom('deliberation_topics')
    .select(['id', 'title', 'proposal', 'background'])
    .where('proposer_user_id', '=', userId)
    .execute();
  for (const t of topics) {
    const next = {
      title: scrubReporter(t.title, person),
      proposal: scrubReporter(t.proposal, person),
      background: scrubReporter(t.background, person),
    };
    if (next.title === t.title && next.proposal === t.proposal && next.background === t.background) continue;
    await trx.updateTable('deliberation_topics').set(next).where('id', '=', t.id).execute();
    changed++;
  }
  return changed;
}
