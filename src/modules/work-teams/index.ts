export type { AssignTeamTaskInput } from './assign-team-task.js';
export type { CreateWorkTeamInput } from './create-work-team.js';
export type { EditWorkTeamInput } from './edit-work-team.js';
export { reportSourceKey } from './open-weekly-reports.js';
export { workTeamRoutes } from './routes.js';
export { workTeamsVisibleTo } from './work-team-scope.js';
export { WorkTeamService } from './work-team-service.js';
export type { WorkTeamDeps } from './work-team-store.js';
export type { TeamOverview, WorkTeamDetail, WorkTeamListItem } from './work-team-views.js';
