export { seedDemoPartyService } from './demo-party-service.js';
export { DoubleReportService } from './double-report-service.js';
export type * from './party-service-views.js';
export { PropertyRatingService } from './property-rating-service.js';
export { partyRatingRoutes } from './ratings-routes.js';
export { partyServiceRoutes } from './routes.js';
