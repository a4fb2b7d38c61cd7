export { catchUpAssessment, consumeAssessmentEvents, rebuildAssessment } from './assessment-facts.js';
export { AssessmentService, type RankingView, UNIT_TYPES, type UnitType } from './assessment-service.js';
export { assessmentRoutes } from './routes.js';
