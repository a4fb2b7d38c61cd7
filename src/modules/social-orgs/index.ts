export { seedDemoSocialOrgs } from './demo-social-orgs.js';
export { socialOrgRoutes } from './routes.js';
export { SocialOrgService } from './social-org-service.js';
export type * from './social-org-views.js';
