export { seedDemoSurveys } from './demo-surveys.js';
export { surveyRoutes } from './routes.js';
export { SurveyService } from './survey-service.js';
export type * from './survey-views.js';
