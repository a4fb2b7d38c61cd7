export { seedDemoLegal } from './demo-legal.js';
export { LegalService } from './legal-service.js';
export type * from './legal-views.js';
export { legalRoutes } from './routes.js';
