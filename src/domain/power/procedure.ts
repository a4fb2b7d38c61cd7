// What makes a procedure well formed: at least one step, unique keys, a publicity of 1–60 days, a limit of
// 1–90 working days, and a last step that is not optional (an exercise is complete when it is recorded).
import { err, ok, type Result } from '../result.js';
import { type PowerDomainError, powerError } from './errors.js';
import { POWER_ACTORS, type Procedure } from './types.js';

export const MAX_PROCEDURE_STEPS = 20;

export function validateProcedure(steps: Procedure): Result<void, PowerDomainError> {
  const bad = (message: string, details: Record<string, unknown> = {}) =>
    err(powerError('POWER_PROCEDURE_INVALID', message, details));
  if (steps.length === 0) return bad('办理流程至少需要一个步骤');
  if (steps.length > MAX_PROCEDURE_STEPS) return bad(`办理流程最多 ${MAX_PROCEDURE_STEPS} 个步骤`);
  const keys = new Set<string>();
  for (const [i, s] of steps.entries()) {
    const at = { step: i + 1, key: s.key };
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(s.key))
      return bad(`第 ${i + 1} 步的标识须为小写字母开头的英文、数字或下划线`, at);
    if (keys.has(s.key)) return bad(`第 ${i + 1} 步的标识「${s.key}」与前面的步骤重复`, at);
    keys.add(s.key);
    if (!s.name.trim()) return bad(`第 ${i + 1} 步缺少名称`, at);
    if (!(POWER_ACTORS as readonly string[]).includes(s.actor)) return bad(`第 ${i + 1} 步的实施主体不正确`, at);
    if (
      s.publicityDays !== null &&
      !(Number.isInteger(s.publicityDays) && s.publicityDays >= 1 && s.publicityDays <= 60)
    ) {
      return bad(`第 ${i + 1} 步的公示天数须为 1–60 天`, at);
    }
    if (s.limitDays !== null && !(Number.isInteger(s.limitDays) && s.limitDays >= 1 && s.limitDays <= 90)) {
      return bad(`第 ${i + 1} 步的办理时限须为 1–90 个工作日`, at);
    }
    if (s.documents.some((d) => !d.trim())) return bad(`第 ${i + 1} 步有空白的材料名称`, at);
  }
  if (steps[steps.length - 1]?.optional) return bad('最后一步不能是可选步骤（记录最后一步即办结）');
  return ok(undefined);
}
