export { DashboardService } from './dashboard-service.js';
export { dashboardRoutes } from './routes.js';
export { catchUpRollups, checkRollups, rebuildRollups } from './rollups.js';
