// Draws (or draws again) a round's sample: the frame of the quotas' units, the seeded draw of the domain (the
// seed kept, so the same sample can be drawn again and checked), each person a token for the link /s/<token>.
// Only before distribution: nobody has a link yet, so a new draw simply replaces the old one. 草稿 → 抽样.
import { randomBytes, randomInt } from 'node:crypto';
import { drawSample, roundTransition } from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { readFrame } from './sample-frame.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { decided } from './survey-errors.js';
import { requireRoundManager } from './survey-scope.js';
import { loadRound, quotasOf, stateOf, writeRoundChange } from './survey-store.js';

export const newToken = () => randomBytes(18).toString('base64url');

export async function drawRoundSample(
  deps: SurveyDeps,
  principal: Principal,
  id: number,
  input: { version: number; seed?: number },
) {
  requireRoundManager(principal);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, principal, id, 'update');
    const state = decided(roundTransition(stateOf(round), 'draw'));
    const seed = input.seed ?? randomInt(1, 2 ** 31 - 1);
    const frame = await readFrame(trx, round.county_code, quotasOf(round));
    const draw = drawSample(frame, quotasOf(round), seed);
    await trx.deleteFrom('survey_samples').where('round_id', '=', round.id).execute();
    for (let i = 0; i < draw.people.length; i += 500) {
      await trx
        .insertInto('survey_samples')
        .values(
          draw.people.slice(i, i + 500).map((p) => ({
            round_id: round.id,
            county_code: round.county_code,
            town_id: p.townId,
            village_id: p.villageId,
            source: p.source,
            user_id: p.userId,
            grid_record_id: p.gridRecordId,
            name_masked: p.nameMasked,
            phone_masked: p.phoneMasked,
            token: newToken(),
          })),
        )
        .execute();
    }
    const shortfall = draw.quotas.reduce((s, q) => s + q.shortfall, 0);
    await writeRoundChange(trx, deps.audit, principal, {
      round,
      expectedVersion: input.version,
      type: 'draw',
      state,
      at: now,
      set: { seed, draw_outcome: JSON.stringify(draw.quotas) },
      details: { seed, sampled: draw.people.length, shortfall },
    });
    return { seed, sampled: draw.people.length, shortfall, quotas: draw.quotas };
  });
}
