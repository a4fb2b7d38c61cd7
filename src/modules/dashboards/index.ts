export { DashboardService } from './dashboard-service.js';
export { catchUpRollups, checkRollups, rebuildRollups } from './rollups.js';
export { dashboardRoutes } from './routes.js';
