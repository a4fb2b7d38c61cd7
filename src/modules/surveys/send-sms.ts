// Texts each pending person of a round that is 发放中 their link through the county's SMS gateway (the demo
// gateway writes it to the log), once: a person already texted is skipped, so a second press sends only to
// those added since. A grid person's phone is decrypted through grid-data's own path (audited as a use); a
// failed send leaves the person unmarked, to be tried again.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { requireRoundManager } from './survey-scope.js';
import { loadRound, stateOf, writeRoundChange } from './survey-store.js';

export async function sendSmsLinks(
  deps: SurveyDeps,
  principal: Principal,
  roundId: number,
  input: { baseUrl: string; limit?: number },
): Promise<{ sent: number; failed: number; remaining: number }> {
  requireRoundManager(principal);
  const round = await loadRound(deps.db, principal, roundId);
  if (round.state !== 'distributing') {
    throw new AppError('SURVEY_ACTION_NOT_ALLOWED_IN_STATE', { message: '调查开始发放后才能发送短信链接' });
  }
  const targets = await deps.db
    .selectFrom('survey_samples as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.token', 's.grid_record_id', 'u.phone'])
    .where('s.round_id', '=', roundId)
    .where('s.state', '=', 'pending')
    .where('s.sms_sent_at', 'is', null)
    .orderBy('s.id')
    .limit(input.limit ?? 200)
    .execute();
  const sentIds: number[] = [];
  let failed = 0;
  for (const t of targets) {
    try {
      const phone =
        t.phone ?? (t.grid_record_id ? (await deps.gridPerson(principal, t.grid_record_id, 'survey.sms')).phone : null);
      if (!phone) {
        failed++;
        continue;
      }
      await deps.sms.send(
        phone,
        `【社会治理服务中心】您好，诚邀您参加“${round.title}”，约 3 分钟：${input.baseUrl}/s/${t.token}?via=sms`,
      );
      sentIds.push(t.id);
    } catch {
      failed++;
    }
  }
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    if (sentIds.length > 0) {
      await trx.updateTable('survey_samples').set({ sms_sent_at: now }).where('id', 'in', sentIds).execute();
    }
    const locked = await loadRound(trx, principal, roundId, 'update');
    await writeRoundChange(trx, deps.audit, principal, {
      round: locked,
      expectedVersion: locked.version,
      type: 'sms',
      state: stateOf(locked),
      at: now,
      details: { sent: sentIds.length, failed },
    });
  });
  const remaining = await deps.db
    .selectFrom('survey_samples')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('round_id', '=', roundId)
    .where('state', '=', 'pending')
    .where('sms_sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { sent: sentIds.length, failed, remaining: Number(remaining.n) - failed };
}
