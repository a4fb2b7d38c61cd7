// What a principal sees of the surveys: a round is the county's (every staff member of the county with
// survey.read sees it — another county's does not exist); its sampled people, answers and results only in the
// principal's villages (a village its own, a town its villages, the county platform all), through the one
// predicate of village-kept records. Designing, sampling and sending are the county platform's.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/case-scope.js';
import { inStaffVillages } from '../orgs/village-scope.js';

export { inStaffVillages as inSurveyVillages };

/** The county whose rounds the staff principal sees, or 404 for anyone else. */
export function surveyCounty(principal: Principal): string {
  if (principal.role === 'citizen' || !principal.countyCode) throw new AppError('SURVEY_ROUND_NOT_FOUND');
  return principal.countyCode;
}

/** Rounds are designed, sampled, sent and closed by the county platform (and the administrator). */
export function requireRoundManager(principal: Principal): void {
  if (!can(principal, 'survey.manage') || !isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '只有县级平台可以设计、抽样、发放和结束民调' });
  }
}
