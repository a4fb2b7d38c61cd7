// Opens a drawn round to its sample (抽样 → 发放中): from now the links answer, the call screen offers its
// people and a signed-in citizen sees it under 我的. The questionnaire is frozen from here on.
import { roundTransition } from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { decided } from './survey-errors.js';
import { requireRoundManager } from './survey-scope.js';
import { loadRound, stateOf, writeRoundChange } from './survey-store.js';

export async function startDistribution(
  deps: SurveyDeps,
  principal: Principal,
  id: number,
  input: { version: number },
) {
  requireRoundManager(principal);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, principal, id, 'update');
    const sampled = await trx
      .selectFrom('survey_samples')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('round_id', '=', id)
      .executeTakeFirstOrThrow();
    const state = decided(roundTransition(stateOf(round), 'start', { sampled: Number(sampled.n) }));
    await writeRoundChange(trx, deps.audit, principal, {
      round,
      expectedVersion: input.version,
      type: 'start',
      state,
      at: now,
      set: { opened_at: now },
      details: { sampled: Number(sampled.n) },
    });
  });
}
