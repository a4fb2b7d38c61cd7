export { deliberationAttachmentReferrer } from './deliberation-attachments.js';
export { DeliberationService } from './deliberation-service.js';
export type * from './deliberation-views.js';
export { seedDemoDeliberations } from './demo-deliberations.js';
export { deliberationRoutes } from './routes.js';
