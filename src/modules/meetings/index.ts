export { MeetingService } from './meeting-service.js';
export type { MeetingDeps } from './meeting-store.js';
export * from './meeting-views.js';
export { meetingRoutes } from './routes.js';
