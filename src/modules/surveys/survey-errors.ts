// The survey rules' refusals as API errors: a state the round (or the person) is not in is a 409 naming the
// state; any other broken rule a 400 naming the field.
import { AppError } from '../../core/errors.js';
import type { Result } from '../../domain/result.js';
import type { SurveyRuleError } from '../../domain/survey/index.js';
import { ruleError } from '../record-history/index.js';

export function decided<T>(result: Result<T, SurveyRuleError>): T {
  if (result.ok) return result.value;
  const { field, message } = result.error;
  if (field === 'state' || field === 'sample') {
    throw new AppError('SURVEY_ACTION_NOT_ALLOWED_IN_STATE', { message, details: { field } });
  }
  throw ruleError(result.error);
}
