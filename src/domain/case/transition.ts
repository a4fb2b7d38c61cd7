// The one way a case changes: an action handler proposes the next case, and commit stamps it (version, time),
// stops the clocks the new state does not allow, writes the timeline event and lists the deadline changes.
import type { Result } from '../result.js';
import { deadlineChanges, settleClocks } from './clocks.js';
import type { CaseContext } from './context.js';
import type { DomainError } from './errors.js';
import type {
  ActionOf,
  Actor,
  Case,
  CaseAction,
  CaseActionType,
  CaseOutcome,
  Deadline,
  TimelineEvent,
} from './types.js';

export interface Step {
  readonly next: Case;
  /** Facts worth keeping on the timeline beyond the action's own fields (e.g. a moved deadline). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type ActionHandler<T extends CaseActionType> = (
  c: Case,
  action: ActionOf<T>,
  actor: Actor,
  ctx: CaseContext,
) => Result<Step, DomainError>;

/** Clocks that belong to whoever owns the case; per-unit clocks (sign-for, check-in) stay with their unit. */
function followOwner(c: Case): Case {
  const owned = (d: Deadline) => d.kind !== 'sign_for' && d.kind !== 'check_in';
  return {
    ...c,
    deadlines: c.deadlines.map((d) => (owned(d) && d.orgId !== c.ownerOrgId ? { ...d, orgId: c.ownerOrgId } : d)),
  };
}

function attachmentsOf(action: CaseAction): readonly string[] {
  if ('photoIds' in action && action.photoIds) return action.photoIds;
  if ('attachmentIds' in action && action.attachmentIds) return action.attachmentIds;
  return [];
}

export function actorOrg(actor: Actor): string | undefined {
  return actor.kind === 'user' ? actor.orgId : undefined;
}

export function timelineEvent(
  c: Case,
  type: TimelineEvent['type'],
  actor: Actor,
  fromState: TimelineEvent['fromState'],
  details: Readonly<Record<string, unknown>>,
  attachmentIds: readonly string[] = [],
): TimelineEvent {
  return {
    caseId: c.id,
    version: c.version,
    at: c.updatedAt,
    type,
    actor,
    orgId: actorOrg(actor),
    fromState,
    toState: c.state,
    details,
    attachmentIds,
  };
}

export function commit(before: Case, step: Step, action: CaseAction, actor: Actor, ctx: CaseContext): CaseOutcome {
  const after = followOwner(settleClocks({ ...step.next, version: before.version + 1, updatedAt: ctx.now }));
  const { type, ...fields } = action;
  const event = timelineEvent(after, type, actor, before.state, { ...fields, ...step.details }, attachmentsOf(action));
  return { case: after, events: [event], deadlines: deadlineChanges(before, after) };
}
