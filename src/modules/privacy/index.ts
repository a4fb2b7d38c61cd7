export { anonymiseCases } from './anonymise-cases.js';
export { PRIVACY_JOBS, registerPrivacyJobs } from './jobs.js';
export { type ErasureListItem, listErasures } from './list-erasures.js';
export type { PrivacyDeps } from './privacy-deps.js';
export { type ErasureAnswer, requestErasure } from './request-erasure.js';
export { privacyRoutes } from './routes.js';
export { sweepErasures } from './sweep-erasures.js';
export { sweepRetention } from './sweep-retention.js';
