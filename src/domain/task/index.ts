export {
  TASK_ACTION_LABELS,
  TASK_ERRORS,
  TASK_STATE_LABELS,
  type TaskDomainError,
  type TaskErrorCode,
  taskError,
} from './errors.js';
export * from './task-facts.js';
export * from './task-machine.js';
export * from './types.js';
