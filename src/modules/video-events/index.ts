export { seedDemoVideo } from './demo-video.js';
export type { VideoReceipt } from './receive-event.js';
export { videoEventRoutes } from './routes.js';
export { videoAttachmentReferrer } from './video-attachments.js';
export type { VideoEventView } from './video-queries.js';
export { VideoEventService } from './video-service.js';
export type { VideoStats } from './video-stats.js';
