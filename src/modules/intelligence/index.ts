export { IntelligenceService } from './intelligence-service.js';
export { intelligenceRoutes } from './routes.js';
export { INTELLIGENCE_CONSUMER } from './suggestion-queue.js';
