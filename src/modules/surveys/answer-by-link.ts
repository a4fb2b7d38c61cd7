// A sampled person answers through their link /s/<token> (from the citizen app's 我的, a QR code, or the SMS):
// no sign-in, the token is the credential; one answer per person (answer-store.ts). The audit trail records
// that the sample answered, never what.
import { AppError } from '../../core/errors.js';
import { openRoundOf, updateSample, validAnswers, writeAnswer } from './answer-store.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';

export async function answerByLink(
  deps: SurveyDeps,
  token: string,
  input: { answers: unknown; via?: 'link' | 'sms' },
): Promise<{ answered: true }> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const sample = await trx.selectFrom('survey_samples').selectAll().where('token', '=', token).executeTakeFirst();
    if (!sample) throw new AppError('SURVEY_LINK_INVALID');
    const round = await openRoundOf(trx, sample);
    if (sample.state === 'answered')
      throw new AppError('SURVEY_ALREADY_ANSWERED', { details: { sampleId: sample.id } });
    // 多次未接 is only the phone's failure: the person may still answer through their link; 拒访 is final
    if (sample.state === 'refused') throw new AppError('SURVEY_SAMPLE_CLOSED', { details: { state: sample.state } });
    const answers = validAnswers(round, input.answers);
    const channel = input.via === 'sms' ? 'sms' : 'link';
    await writeAnswer(trx, sample, answers, { channel, recordedBy: null, at: now });
    await updateSample(trx, sample, { state: 'answered', claimed_by: null, claimed_until: null });
    await deps.audit.record(
      null,
      {
        action: 'survey.answer',
        targetType: 'survey_sample',
        targetId: sample.id,
        details: { roundId: round.id, channel },
      },
      trx,
    );
  });
  return { answered: true };
}
