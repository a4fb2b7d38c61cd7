export { allowedActions, clocksAllowedIn, isActionAllowed } from './allowed-actions.js';
export { applyCaseAction, CASE_ACTION_TYPES } from './apply-action.js';
export type { CaseContext } from './context.js';
export { CASE_ERRORS, type CaseErrorCode, type DomainError } from './errors.js';
export { mergeCases } from './merge-cases.js';
export { type OpenCaseInput, openCase } from './open-case.js';
export {
  type TimeLimit,
  type TimeLimitPolicy,
  type TimeLimitQuery,
  type TimeLimitRule,
  type TimeLimitStage,
  timeLimitTable,
} from './time-limits.js';
export * from './types.js';
