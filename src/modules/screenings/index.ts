export { seedDemoScreenings } from './demo-screenings.js';
export { screeningRoutes } from './routes.js';
export { screeningAttachmentReferrer } from './screening-attachments.js';
export type { ScreeningDeps } from './screening-deps.js';
export { screeningsVisibleTo } from './screening-scope.js';
export { ScreeningService } from './screening-service.js';
export * from './screening-views.js';
