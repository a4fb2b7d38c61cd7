// Writes a sampled person's one answer, whatever the channel, in the caller's transaction: the round must be
// 发放中 (read FOR SHARE, so a close waits for it), the answers valid against the questionnaire, and the person
// still pending. The answer's primary key is the sample: of two submissions at once exactly one row is
// written, the other is told SURVEY_ALREADY_ANSWERED (409) and nothing of it remains.
import type { Selectable, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, SurveySamplesTable } from '../../db/schema.js';
import { type Answers, type Channel, checkAnswers } from '../../domain/survey/index.js';
import { decided } from './survey-errors.js';
import { questionnaireOf } from './survey-store.js';

export type SampleRow = Selectable<SurveySamplesTable>;

export async function openRoundOf(trx: Transaction<DB>, sample: Pick<SampleRow, 'round_id'>) {
  const round = await trx
    .selectFrom('survey_rounds')
    .selectAll()
    .where('id', '=', sample.round_id)
    .forShare()
    .executeTakeFirstOrThrow();
  if (round.state !== 'distributing') {
    throw new AppError('SURVEY_NOT_OPEN', { details: { roundId: round.id, state: round.state } });
  }
  return round;
}

/** Validates the answers against the round's questionnaire (400 naming the question) before anything is written. */
export function validAnswers(round: Parameters<typeof questionnaireOf>[0], raw: unknown): Answers {
  return decided(checkAnswers(questionnaireOf(round), raw));
}

export async function writeAnswer(
  trx: Transaction<DB>,
  sample: SampleRow,
  answers: Answers,
  meta: { channel: Channel; recordedBy: number | null; at: Date },
): Promise<void> {
  const inserted = await trx
    .insertInto('survey_answers')
    .values({
      sample_id: sample.id,
      round_id: sample.round_id,
      county_code: sample.county_code,
      town_id: sample.town_id,
      village_id: sample.village_id,
      channel: meta.channel,
      answers: JSON.stringify(answers),
      recorded_by_user_id: meta.recordedBy,
      answered_at: meta.at,
    })
    .onConflict((oc) => oc.column('sample_id').doNothing())
    .returning('sample_id')
    .executeTakeFirst();
  if (!inserted) throw new AppError('SURVEY_ALREADY_ANSWERED', { details: { sampleId: sample.id } });
}

/** The person's row after a change, guarded by the version read (a crossing writer gets the clear 409). */
export async function updateSample(
  trx: Transaction<DB>,
  sample: SampleRow,
  set: Partial<
    Pick<SampleRow, 'state' | 'call_attempts' | 'last_call_at' | 'claimed_by' | 'claimed_until' | 'sms_sent_at'>
  >,
  conflict: 'SURVEY_ALREADY_ANSWERED' | 'SURVEY_SAMPLE_CLAIMED' = 'SURVEY_ALREADY_ANSWERED',
): Promise<void> {
  const updated = await trx
    .updateTable('survey_samples')
    .set({ ...set, version: sample.version + 1 })
    .where('id', '=', sample.id)
    .where('version', '=', sample.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError(conflict, { details: { sampleId: sample.id } });
}
