export { seedDemoShowcase } from './demo-showcase.js';
export { publicRateLimit } from './rate-limit.js';
export { showcaseRoutes } from './routes.js';
export { ShowcaseService } from './showcase-service.js';
