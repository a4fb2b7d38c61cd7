export { seedDemoVolunteers } from './demo-volunteers.js';
export { volunteerRoutes } from './routes.js';
export { VolunteerService } from './volunteer-service.js';
export type * from './volunteer-views.js';
