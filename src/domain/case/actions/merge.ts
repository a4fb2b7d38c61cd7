// 合并: a duplicate follows its main case (terminal for its own actions); the main case keeps the list of
// merged cases so one reply answers every reporter.
import { err, ok } from '../../result.js';
import { invalid, notAuthorised } from '../errors.js';
import { isOverseeingPlatform, isOwner } from '../relations.js';
import type { ActionHandler } from '../transition.js';
import type { Actor, Case } from '../types.js';

const mayMerge = (c: Case, actor: Actor) => isOwner(c, actor) || isOverseeingPlatform(c, actor);

export const mergeIntoMain: ActionHandler<'merge'> = (c, action, actor) => {
  if (!mayMerge(c, actor)) return err(notAuthorised('merge', 'owner or platform'));
  if (action.mainCaseId.trim() === '' || action.mainCaseId === c.id) return err(invalid('mainCaseId', '主案件不正确'));
  if (c.mergedCaseIds.length > 0) return err(invalid('merge', '该案件已有并入的重复案件，不能再并入其他案件'));
  return ok({ next: { ...c, state: 'merged', mergedInto: action.mainCaseId } });
};

export const attachDuplicate: ActionHandler<'attachDuplicate'> = (c, action, actor) => {
  if (!mayMerge(c, actor)) return err(notAuthorised('attachDuplicate', 'owner or platform'));
  const id = action.duplicateCaseId;
  if (id.trim() === '' || id === c.id || c.mergedCaseIds.includes(id)) {
    return err(invalid('duplicateCaseId', '重复案件不正确或已合并'));
  }
  return ok({ next: { ...c, mergedCaseIds: [...c.mergedCaseIds, id] } });
};
