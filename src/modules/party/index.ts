export { seedDemoParty } from './demo-party.js';
export { PartyService } from './party-service.js';
export type * from './party-views.js';
export { partyRoutes } from './routes.js';
