export type { PsychActionInput } from './act-on-referral.js';
export { seedDemoPsych } from './demo-psych.js';
export { psychReferralsVisibleTo } from './psych-scope.js';
export { PsychService } from './psych-service.js';
export * from './psych-views.js';
export type { ReferPersonInput } from './refer-person.js';
export { psychRoutes } from './routes.js';
