// The caller's outcomes on a sampled person: 接通 ends with the answers recorded, 拒访 ends the person's part,
// 未接 leaves them to be called again until the attempts run out (多次未接).
import { err, ok, type Result } from '../result.js';
import type { CallOutcome, SampleState, SurveyRuleError } from './types.js';

export const MAX_CALL_ATTEMPTS = 3;

export function afterCall(
  state: SampleState,
  attempts: number,
  outcome: CallOutcome,
): Result<{ state: SampleState; attempts: number }, SurveyRuleError> {
  if (state !== 'pending') return err({ field: 'sample', message: '该受访者已答卷或已结束访问，不能再记录电话结果' });
  const next = attempts + 1;
  switch (outcome) {
    case 'answered':
      return ok({ state: 'answered', attempts: next });
    case 'refused':
      return ok({ state: 'refused', attempts: next });
    case 'no_answer':
      return ok({ state: next >= MAX_CALL_ATTEMPTS ? 'unreachable' : 'pending', attempts: next });
  }
}
