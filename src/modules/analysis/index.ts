export { AnalysisService } from './analysis-service.js';
export { CategorySuggester, MAX_CLASSIFY_CHARS } from './category-suggester.js';
export { registerAnalysisJobs } from './jobs.js';
export { analysisRoutes } from './routes.js';
export { indexAllPending, indexSearchBatch } from './search-indexer.js';
