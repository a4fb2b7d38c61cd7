export type { AmendableField, AmendCaseInput, AmendResult } from './amend-case.js';
export { assertCaseVisible, casesVisibleTo, isCountyRoot } from './case-scope.js';
export { CaseService, type CitizenCaseView } from './case-service.js';
export * from './case-views.js';
export { archiveClosedCases, overdueAction, sweepDeadlines } from './deadline-sweeper.js';
export { LiveHub } from './live-hub.js';
export { NotificationService } from './notification-service.js';
export {
  normaliseReporterPhone,
  openReporterField,
  type ReporterColumns,
  reporterPhoneHashes,
  sealReporter,
} from './reporter-fields.js';
export { CaseRulesService } from './rules-service.js';
