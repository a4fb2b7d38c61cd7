// The round's lifecycle: 草稿 → 抽样 → 发放中 → 已结束. The questionnaire and quotas change only before
// distribution (answers must all answer the same questions); a sample may be drawn again while nobody has it;
// distribution needs a sample; a closed round is final.
import { err, ok, type Result } from '../result.js';
import {
  ROUND_ACTION_LABELS,
  ROUND_STATE_LABELS,
  type RoundAction,
  type RoundState,
  type SurveyRuleError,
} from './types.js';

const ALLOWED: Record<RoundAction, readonly RoundState[]> = {
  edit: ['draft', 'sampling'],
  draw: ['draft', 'sampling'],
  start: ['sampling'],
  close: ['distributing'],
};

const NEXT: Record<RoundAction, RoundState | null> = {
  edit: null,
  draw: 'sampling',
  start: 'distributing',
  close: 'closed',
};

export function allowedRoundActions(state: RoundState): RoundAction[] {
  return (Object.keys(ALLOWED) as RoundAction[]).filter((a) => ALLOWED[a].includes(state));
}

/** The state after the action, or why the round's state forbids it. */
export function roundTransition(
  state: RoundState,
  action: RoundAction,
  facts: { sampled: number } = { sampled: 0 },
): Result<RoundState, SurveyRuleError> {
  if (!ALLOWED[action].includes(state)) {
    return err({
      field: 'state',
      message: `民调当前状态为“${ROUND_STATE_LABELS[state]}”，不能${ROUND_ACTION_LABELS[action]}`,
    });
  }
  if (action === 'start' && facts.sampled === 0) {
    return err({ field: 'sample', message: '样本为空，不能开始发放：请调整配额后重新抽样' });
  }
  return ok(NEXT[action] ?? state);
}
