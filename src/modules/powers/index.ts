export { seedDemoPowers } from './demo-powers.js';
export { powerAttachmentReferrer } from './power-attachments.js';
export { PowerService } from './power-service.js';
export type * from './power-views.js';
export { powerRoutes } from './routes.js';
