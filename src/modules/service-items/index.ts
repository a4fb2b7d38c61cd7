export { seedDemoServices } from './demo-services.js';
export { serviceItemRoutes } from './routes.js';
export { ServiceItemService } from './service-item-service.js';
export type * from './service-views.js';
