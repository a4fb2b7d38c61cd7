export { basemapRoutes, loadBasemap } from './routes.js';
