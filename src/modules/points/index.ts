export { creditServiceHoursWithin, type ServiceHoursOutcome } from './credit-service-hours.js';
export { pointsAttachmentReferrer } from './points-attachments.js';
export { PointsService } from './points-service.js';
export type * from './points-views.js';
export { pointsRoutes } from './routes.js';
