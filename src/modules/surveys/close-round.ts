// Ends a round (发放中 → 已结束): the links stop answering, the results are final and may feed assessment. The
// round row is taken FOR UPDATE, an answer reads it FOR SHARE: an answer arriving at the close is counted or
// refused, never half-written.
import { roundTransition } from '../../domain/survey/index.js';
import { surveyFactRows, upsertFacts } from '../assessment/assessment-facts.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { decided } from './survey-errors.js';
import { requireRoundManager } from './survey-scope.js';
import { loadRound, stateOf, writeRoundChange } from './survey-store.js';

export async function closeRound(deps: SurveyDeps, principal: Principal, id: number, input: { version: number }) {
  requireRoundManager(principal);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, principal, id, 'update');
    const state = decided(roundTransition(stateOf(round), 'close'));
    const answered = await trx
      .selectFrom('survey_answers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('round_id', '=', id)
      .executeTakeFirstOrThrow();
    await writeRoundChange(trx, deps.audit, principal, {
      round,
      expectedVersion: input.version,
      type: 'close',
      state,
      at: now,
      set: { closed_at: now },
      details: { answered: Number(answered.n) },
    });
    // the round's score per town becomes the assessment's 群众满意度（民调） of this month, in the same transaction
    await upsertFacts(trx, await surveyFactRows(trx, id));
  });
}
