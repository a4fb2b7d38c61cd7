export type { DisputeActionInput } from './act-on-dispute.js';
export type { MediationApplication } from './apply-for-mediation.js';
export { seedDemoDisputes } from './demo-disputes.js';
export { disputesVisibleTo } from './dispute-scope.js';
export { DisputeService } from './dispute-service.js';
export { sweepDisputeDeadlines } from './dispute-sweeper.js';
export * from './dispute-views.js';
export { disputeRoutes } from './routes.js';
