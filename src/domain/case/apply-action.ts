// The case state machine's single entry point: refuse what the state forbids, let the action's handler
// decide the rest, and commit.
import { err, ok, type Result } from '../result.js';
import { appealCase, grantAppeal, refuseAppeal } from './actions/appeal.js';
import { archiveCase, closeCase } from './actions/closing.js';
import { dispatchCase, returnCase, signForCase } from './actions/dispatch.js';
import { approveExtension, refuseExtension, requestExtension } from './actions/extension.js';
import { acceptCase, closeOnTheSpot, rejectCase } from './actions/intake.js';
import { attachDuplicate, mergeIntoMain } from './actions/merge.js';
import { recordProgress } from './actions/progress.js';
import { rateByCitizen, recordCallback } from './actions/rating.js';
import { handleAtGrid, replyToCitizen } from './actions/reply.js';
import { reportUp } from './actions/report-up.js';
import { escalateOverdue, superviseCase, urgeCase } from './actions/supervision.js';
import { resumeCase, suspendCase } from './actions/suspension.js';
import { assignVerification, verifyCase } from './actions/verification.js';
import { blowWhistle, checkIn } from './actions/whistle.js';
import { isActionAllowed, statesAllowing } from './allowed-actions.js';
import type { CaseContext } from './context.js';
import { type DomainError, domainError, notAllowedInState } from './errors.js';
import { type ActionHandler, commit } from './transition.js';
import type { Actor, Case, CaseAction, CaseActionType, CaseOutcome } from './types.js';

const HANDLERS: { readonly [T in CaseActionType]: ActionHandler<T> } = {
  accept: acceptCase,
  reject: rejectCase,
  closeOnTheSpot,
  assignVerification,
  verify: verifyCase,
  handleAtGrid,
  reportUp,
  dispatch: dispatchCase,
  signFor: signForCase,
  returnCase,
  requestExtension,
  approveExtension,
  refuseExtension,
  suspend: suspendCase,
  resume: resumeCase,
  whistle: blowWhistle,
  checkIn,
  recordProgress,
  reply: replyToCitizen,
  callback: recordCallback,
  rate: rateByCitizen,
  appeal: appealCase,
  grantAppeal,
  refuseAppeal,
  supervise: superviseCase,
  urge: urgeCase,
  escalateOverdue,
  merge: mergeIntoMain,
  attachDuplicate,
  close: closeCase,
  archive: archiveCase,
};

export const CASE_ACTION_TYPES = Object.keys(HANDLERS) as CaseActionType[];

/**
 * Applies one action by one actor at ctx.now. On success: the next case (version + 1), exactly one timeline
 * event, and the deadline changes to store. On failure the case is untouched.
 */
export function applyCaseAction(
  c: Case,
  action: CaseAction,
  actor: Actor,
  ctx: CaseContext,
): Result<CaseOutcome, DomainError> {
  if (!isActionAllowed(c.state, action.type)) {
    return err(notAllowedInState(action.type, c.state, statesAllowing(action.type)));
  }
  if (ctx.now.getTime() < c.updatedAt.getTime()) {
    return err(domainError('TIME_WENT_BACKWARDS', { now: ctx.now, updatedAt: c.updatedAt }));
  }
  const handler = HANDLERS[action.type] as ActionHandler<CaseActionType>;
  const step = handler(c, action, actor, ctx);
  return step.ok ? ok(commit(c, step.value, action, actor, ctx)) : step;
}
