// Merging touches two cases at once: the duplicate is marked merged and the main case records it. Both
// outcomes are returned for the caller to store in one transaction.
import { err, ok, type Result } from '../result.js';
import { applyCaseAction } from './apply-action.js';
import type { CaseContext } from './context.js';
import { type DomainError, invalid } from './errors.js';
import type { Actor, Case, CaseOutcome } from './types.js';

export function mergeCases(
  duplicate: Case,
  main: Case,
  actor: Actor,
  ctx: CaseContext,
): Result<{ readonly duplicate: CaseOutcome; readonly main: CaseOutcome }, DomainError> {
  if (duplicate.id === main.id) return err(invalid('mainCaseId', '不能与自身合并'));
  const merged = applyCaseAction(duplicate, { type: 'merge', mainCaseId: main.id }, actor, ctx);
  if (!merged.ok) return merged;
  const attached = applyCaseAction(main, { type: 'attachDuplicate', duplicateCaseId: duplicate.id }, actor, ctx);
  if (!attached.ok) return attached;
  return ok({ duplicate: merged.value, main: attached.value });
}
