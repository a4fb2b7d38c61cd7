// 处置记录: notes and attachments from anyone working on the case.
import { err, ok } from '../../result.js';
import { notAuthorised } from '../errors.js';
import { isAssistingUnit, isLeadUnit, isOwner, isSummonedUnit } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import { missingText } from './guards.js';

export const recordProgress: ActionHandler<'recordProgress'> = (c, action, actor) => {
  const involved = isOwner(c, actor) || isLeadUnit(c, actor) || isAssistingUnit(c, actor) || isSummonedUnit(c, actor);
  if (!involved) return err(notAuthorised('recordProgress', 'owner, dispatched or summoned unit'));
  const missing = missingText('notes', action.notes);
  if (missing) return err(missing);
  return ok({ next: c });
};
