// The caller's screen (电话访问): the next person of the caller's villages to call in a round that is 发放中 —
// nobody else's claim on them, fewest attempts first, the longest-waiting retry first — held for the caller for
// 15 minutes; their phone stays masked until the caller asks to dial (audited as a view of personal data, the
// grid base data's phone decrypted through grid-data's own path); only the held person's phone is ever shown.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { MAX_CALL_ATTEMPTS } from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { type SampleRow, updateSample } from './answer-store.js';
import type { SurveyDeps } from './survey-deps.js';
import { inSurveyVillages } from './survey-scope.js';
import { loadRound } from './survey-store.js';

export const CLAIM_MINUTES = 15;

/** A sampled person in the caller's villages, or 404 (another town's people do not exist for them). */
export async function sampleInScope(db: SurveyDeps['db'], principal: Principal, id: number): Promise<SampleRow> {
  const row = await db
    .selectFrom('survey_samples')
    .selectAll()
    .where('id', '=', id)
    .where(inSurveyVillages(principal, 'survey_samples'))
    .executeTakeFirst();
  if (!row) throw new AppError('SURVEY_SAMPLE_NOT_FOUND', { details: { sampleId: id } });
  return row;
}

export function heldByOther(sample: SampleRow, principal: Principal, now: Date): boolean {
  return (
    sample.claimed_by !== null &&
    sample.claimed_by !== principal.userId &&
    sample.claimed_until !== null &&
    new Date(sample.claimed_until) > now
  );
}

/** Claims the next person to call for the caller (the one already held, if any), or null when none is left. */
export async function claimNext(deps: SurveyDeps, principal: Principal, roundId: number): Promise<SampleRow | null> {
  const round = await loadRound(deps.db, principal, roundId);
  if (round.state !== 'distributing') throw new AppError('SURVEY_NOT_OPEN', { details: { roundId } });
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = await deps.db
      .selectFrom('survey_samples')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('state', '=', 'pending')
      .where('call_attempts', '<', MAX_CALL_ATTEMPTS)
      .where(inSurveyVillages(principal, 'survey_samples'))
      .where((eb) =>
        eb.or([
          eb('claimed_until', 'is', null),
          eb('claimed_until', '<', now),
          eb('claimed_by', '=', principal.userId as number),
        ]),
      )
      .orderBy(sql`CASE WHEN claimed_by = ${principal.userId} AND claimed_until >= ${now} THEN 0 ELSE 1 END`)
      .orderBy('call_attempts')
      .orderBy(sql`last_call_at NULLS FIRST`)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return null;
    // already on this caller's screen: keep the claim (and the version the screen holds)
    if (next.claimed_by === principal.userId && next.claimed_until && new Date(next.claimed_until) >= now) return next;
    const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
    try {
      await deps.db
        .transaction()
        .execute((trx) =>
          updateSample(trx, next, { claimed_by: principal.userId, claimed_until: until }, 'SURVEY_SAMPLE_CLAIMED'),
        );
      return { ...next, claimed_by: principal.userId, claimed_until: until, version: next.version + 1 };
    } catch (e) {
      // another caller took this one between the read and the claim: take the next
      if (!(e instanceof AppError) || e.code !== 'SURVEY_SAMPLE_CLAIMED') throw e;
    }
  }
  return null;
}

/** The held person's phone in full, for dialling: needs pii.view and the caller's own claim; audited. */
export async function revealPhone(deps: SurveyDeps, principal: Principal, sampleId: number, ip?: string) {
  if (!can(principal, 'pii.view')) throw new AppError('FORBIDDEN', { message: '您没有查看完整电话号码的权限' });
  const sample = await sampleInScope(deps.db, principal, sampleId);
  const now = deps.clock.now();
  if (sample.state !== 'pending') throw new AppError('SURVEY_SAMPLE_CLOSED', { details: { state: sample.state } });
  if (sample.claimed_by !== principal.userId || !sample.claimed_until || new Date(sample.claimed_until) < now) {
    throw new AppError('SURVEY_SAMPLE_CLAIMED', {
      message: '只能查看本人拨号屏上当前受访者的电话，请先点“下一位”领取',
      details: { sampleId },
    });
  }
  let phone: string | null = null;
  if (sample.user_id !== null) {
    const user = await deps.db.selectFrom('users').select('phone').where('id', '=', sample.user_id).executeTakeFirst();
    phone = user?.phone ?? null;
  } else if (sample.grid_record_id !== null) {
    phone = (await deps.gridPerson(principal, sample.grid_record_id, 'survey.call')).phone;
  }
  await deps.audit.record(principal, {
    action: 'pii.view',
    targetType: 'survey_sample',
    targetId: sample.id,
    details: { fields: ['phone'], roundId: sample.round_id, use: 'survey.call' },
    ip,
  });
  return { phone };
}
