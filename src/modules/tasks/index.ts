export type { TaskActionInput } from './act-on-task.js';
export type { CreateTaskInput } from './create-task.js';
export { taskRoutes } from './routes.js';
export { taskAttachmentReferrer } from './task-attachments.js';
export { TASK_SUPERVISION_LIMIT, TASK_WARN_SHARE } from './task-context.js';
export { relationsOf, tasksVisibleTo } from './task-scope.js';
export { TaskService } from './task-service.js';
export { sweepTaskDeadlines } from './task-sweeper.js';
export * from './task-views.js';
