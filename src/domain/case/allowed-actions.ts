// What may happen in each state, and which clocks may run in it. Every action is refused outside these
// tables before any finer rule is looked at; the property tests hold the machine to them.
import type { CaseActionType, CaseState, DeadlineKind } from './types.js';

/** Oversight that applies while the case is being worked on. */
const OVERSIGHT = ['supervise', 'urge', 'escalateOverdue', 'attachDuplicate'] as const;
/** Work done on the case by whoever is involved: whistle-blowing, reporting for duty, progress notes. */
const FIELD_WORK = ['whistle', 'checkIn', 'recordProgress'] as const;

const ALLOWED: Readonly<Record<CaseState, readonly CaseActionType[]>> = {
  submitted: ['accept', 'reject', 'closeOnTheSpot', 'merge', ...OVERSIGHT],
  verifying: ['verify', 'handleAtGrid', 'merge', ...FIELD_WORK, ...OVERSIGHT],
  pending_dispatch: [
    'assignVerification',
    'handleAtGrid',
    'reportUp',
    'dispatch',
    'reply',
    'reject',
    'merge',
    ...FIELD_WORK,
    ...OVERSIGHT,
  ],
  dispatched: ['signFor', 'returnCase', ...FIELD_WORK, ...OVERSIGHT],
  handling: [
    'signFor',
    'requestExtension',
    'approveExtension',
    'refuseExtension',
    'suspend',
    'reply',
    ...FIELD_WORK,
    ...OVERSIGHT,
  ],
  suspended: ['resume', 'approveExtension', 'refuseExtension', 'checkIn', 'recordProgress', 'attachDuplicate'],
  replied: ['callback', 'rate', 'close', 'escalateOverdue', 'attachDuplicate'],
  closed: ['appeal', 'archive'],
  appealed: ['grantAppeal', 'refuseAppeal', 'escalateOverdue'],
  rejected: [],
  archived: [],
  merged: [],
};

export function allowedActions(state: CaseState): readonly CaseActionType[] {
  return ALLOWED[state];
}

export function isActionAllowed(state: CaseState, action: CaseActionType): boolean {
  return ALLOWED[state].includes(action);
}

/** States from which an action may be taken (for error messages). */
export function statesAllowing(action: CaseActionType): CaseState[] {
  return (Object.keys(ALLOWED) as CaseState[]).filter((state) => ALLOWED[state].includes(action));
}

const WORKING_CLOCKS: readonly DeadlineKind[] = ['sign_for', 'check_in', 'handle', 'reply', 'supervision'];

/**
 * The clocks that may exist in each state. Entering a state stops every other clock; in `suspended` the
 * handling clocks are kept but paused.
 */
const CLOCKS: Readonly<Record<CaseState, readonly DeadlineKind[]>> = {
  submitted: ['accept', 'supervision'],
  verifying: ['verify', 'check_in', 'reply', 'supervision'],
  pending_dispatch: ['dispatch', 'check_in', 'reply', 'supervision'],
  dispatched: WORKING_CLOCKS,
  handling: WORKING_CLOCKS,
  suspended: WORKING_CLOCKS,
  replied: ['callback', 'supervision'],
  appealed: ['appeal_review', 'supervision'],
  closed: [],
  rejected: [],
  archived: [],
  merged: [],
};

export function clocksAllowedIn(state: CaseState): readonly DeadlineKind[] {
  return CLOCKS[state];
}
