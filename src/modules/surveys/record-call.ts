// The caller records one attempt on the person they hold: 接通 with the answers they typed (one answer per
// person, as by link), 未接 (called again later until the attempts run out), or 拒访. Each attempt is kept; the
// person is released from the caller's screen.
import { AppError } from '../../core/errors.js';
import { afterCall, type CallOutcome } from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { openRoundOf, updateSample, validAnswers, writeAnswer } from './answer-store.js';
import { heldByOther, sampleInScope } from './call-screen.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { decided } from './survey-errors.js';

export interface CallInput {
  version: number;
  outcome: CallOutcome;
  answers?: unknown;
  note?: string;
}

export async function recordCall(deps: SurveyDeps, principal: Principal, sampleId: number, input: CallInput) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const sample = await sampleInScope(trx, principal, sampleId);
    const round = await openRoundOf(trx, sample);
    if (heldByOther(sample, principal, now)) throw new AppError('SURVEY_SAMPLE_CLAIMED', { details: { sampleId } });
    if (sample.state === 'answered') throw new AppError('SURVEY_ALREADY_ANSWERED', { details: { sampleId } });
    const next = decided(afterCall(sample.state as 'pending', sample.call_attempts, input.outcome));
    if (sample.version !== input.version) {
      throw new AppError('SURVEY_VERSION_CONFLICT', {
        message: '该受访者的状态已变化（可能已通过链接作答），请刷新后查看',
        details: { sampleId, yourVersion: input.version },
      });
    }
    const note = (input.note ?? '').trim().slice(0, 500);
    if (input.outcome === 'answered') {
      const answers = validAnswers(round, input.answers);
      await writeAnswer(trx, sample, answers, { channel: 'call', recordedBy: principal.userId, at: now });
    } else if (input.answers !== undefined) {
      throw new AppError('VALIDATION_FAILED', {
        message: '未接通或拒访时不能记录答卷',
        details: { field: 'answers' },
      });
    }
    await updateSample(trx, sample, {
      state: next.state,
      call_attempts: next.attempts,
      last_call_at: now,
      claimed_by: null,
      claimed_until: null,
    });
    await trx
      .insertInto('survey_calls')
      .values({
        sample_id: sample.id,
        round_id: sample.round_id,
        outcome: input.outcome,
        note,
        caller_user_id: principal.userId,
        at: now,
      })
      .execute();
    await deps.audit.record(
      principal,
      {
        action: 'survey.call',
        targetType: 'survey_sample',
        targetId: sample.id,
        details: { roundId: sample.round_id, outcome: input.outcome, attempts: next.attempts },
      },
      trx,
    );
    return { state: next.state, attempts: next.attempts };
  });
}
