// The life of a need (微心愿 / 服务项目 / 志愿活动): published → claimed → done → rated, or cancelled before it is done.
// A confirmed member or unit of the need's community claims it (not after its due day); only the claimer records
// it done with the hours and the result; only the community itself rates it 1–5; the community or a level above
// cancels it with a reason. Pure: the caller says how the actor stands to the need and what day it is.
import { err, ok, type Result } from '../result.js';
import { type PartyServiceDomainError, partyServiceError } from './errors.js';
import {
  type CompleteInput,
  NEED_ACTIONS,
  type NeedAction,
  type NeedActor,
  type NeedFacts,
  type NeedState,
  type RateInput,
} from './types.js';

interface Rule {
  from: readonly NeedState[];
  to: NeedState;
  who: (actor: NeedActor) => boolean;
  /** Says which state is needed, for people. */
  needed: string;
}

const RULES: Readonly<Record<NeedAction, Rule>> = {
  claim: {
    from: ['published'],
    to: 'claimed',
    who: (a) => a.registered,
    needed: '只有待认领的需求可以认领（该需求已被认领、已完成或已撤销）',
  },
  complete: {
    from: ['claimed'],
    to: 'done',
    who: (a) => a.claimer,
    needed: '只有已认领、尚未完成的需求可以记录完成',
  },
  rate: { from: ['done'], to: 'rated', who: (a) => a.community, needed: '只有已完成、尚未评价的需求可以评价' },
  cancel: {
    from: ['published', 'claimed'],
    to: 'cancelled',
    who: (a) => a.community || a.above,
    needed: '只有待认领或已认领的需求可以撤销',
  },
};

export type NeedInput =
  | { action: 'claim' }
  | ({ action: 'complete' } & CompleteInput)
  | ({ action: 'rate' } & RateInput)
  | {
      action: 'cancel';
      reason: string;
    };

const invalid = (field: string, message: string) => err(partyServiceError('VALIDATION_FAILED', { field }, message));

function checkInput(input: NeedInput, need: NeedFacts, today: string): Result<true, PartyServiceDomainError> {
  switch (input.action) {
    case 'claim':
      if (need.dueOn < today) return invalid('dueOn', '该需求已过期限，不能再认领');
      return ok(true);
    case 'complete':
      if (!Number.isFinite(input.hours) || input.hours <= 0 || input.hours > 1000)
        return invalid('hours', '服务时长须大于 0 小时、不超过 1000 小时');
      if (Math.round(input.hours * 10) !== input.hours * 10) return invalid('hours', '服务时长最多保留一位小数');
      if (!input.result.trim()) return invalid('result', '请填写服务结果');
      return ok(true);
    case 'rate':
      if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
        return invalid('rating', '评价须为 1 至 5 星');
      return ok(true);
    case 'cancel':
      if (!input.reason.trim()) return invalid('reason', '请填写撤销原因');
      return ok(true);
  }
}

/** Decides one action on a need: the state it leads to, or why not (who first, then the state, then the input). */
export function decideNeed(
  need: NeedFacts,
  input: NeedInput,
  actor: NeedActor,
  today: string,
): Result<NeedState, PartyServiceDomainError> {
  const rule = RULES[input.action];
  if (!rule.who(actor)) {
    if (input.action === 'claim') return err(partyServiceError('PARTY_NOT_REGISTERED'));
    return err(partyServiceError('PARTY_NEED_NOT_AUTHORISED', { action: input.action }));
  }
  if (!rule.from.includes(need.state)) {
    return err(
      partyServiceError(
        'PARTY_NEED_NOT_ALLOWED_IN_STATE',
        { action: input.action, state: need.state, allowedFrom: rule.from },
        rule.needed,
      ),
    );
  }
  const checked = checkInput(input, need, today);
  if (!checked.ok) return checked;
  return ok(rule.to);
}

/** The actions this actor may take now (the page's buttons). */
export function allowedNeedActions(need: NeedFacts, actor: NeedActor, today: string): NeedAction[] {
  return NEED_ACTIONS.filter((action) => {
    const rule = RULES[action];
    if (!rule.who(actor) || !rule.from.includes(need.state)) return false;
    return action !== 'claim' || need.dueOn >= today;
  });
}
