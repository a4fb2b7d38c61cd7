// Awarding or deducting by a rule: the amount (points per time or per hour), the day of the deed (not in
// the future, at most a month back), the rule's cap per household and period (China time), and whether a
// second person must approve it.
import { chinaDayOf, type DayKey, parseDayKey } from '../calendar/china-time.js';
import { err, ok, type Result } from '../result.js';
import { type PointsDomainError, pointsError } from './errors.js';
import { CAP_PERIOD_LABELS, type CapPeriod, MAX_BACKDATE_DAYS, MAX_QUANTITY, type PointsRuleSpec } from './types.js';

/** The nominal points of `quantity` times (or hours) of a rule. */
export function ruleAmount(rule: PointsRuleSpec, quantity: number): Result<number, PointsDomainError> {
  if (!rule.active) return err(pointsError('POINTS_RULE_INACTIVE', '该积分规则已停用，请选择其他规则'));
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    return err(
      pointsError('VALIDATION_FAILED', `数量须为 1 到 ${MAX_QUANTITY} 之间的整数`, { field: 'quantity', quantity }),
    );
  }
  return ok(rule.points * quantity);
}

/** The day of the deed: today or up to MAX_BACKDATE_DAYS before, in China time. */
export function checkDeedDay(day: DayKey, now: Date): Result<DayKey, PointsDomainError> {
  const number = parseDayKey(day);
  const today = parseDayKey(chinaDayOf(now)) as number;
  if (number === undefined) {
    return err(pointsError('VALIDATION_FAILED', '发生日期不是有效日期（YYYY-MM-DD）', { field: 'occurredOn' }));
  }
  if (number > today) return err(pointsError('VALIDATION_FAILED', '发生日期不能晚于今天', { field: 'occurredOn' }));
  if (number < today - MAX_BACKDATE_DAYS) {
    return err(
      pointsError('VALIDATION_FAILED', `发生日期不能早于 ${MAX_BACKDATE_DAYS} 天前，请及时录入`, {
        field: 'occurredOn',
      }),
    );
  }
  return ok(day);
}

/** The cap window a day falls in: [from, to) as China days. */
export function capWindow(day: DayKey, period: CapPeriod): { from: DayKey; to: DayKey; label: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  if (period === 'year') return { from: `${y}-01-01`, to: `${y + 1}-01-01`, label: `${y}年` };
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: next, label: `${y}年${m}月` };
}

/**
 * The rule's cap: `used` is what the household already has under the rule in the window (posted and still
 * standing, plus what awaits approval), in absolute value.
 */
export function checkCap(
  rule: PointsRuleSpec,
  used: number,
  nominal: number,
  windowLabel: string,
): Result<void, PointsDomainError> {
  if (rule.capPoints === null || rule.capPeriod === null) return ok(undefined);
  const remaining = Math.max(0, rule.capPoints - Math.abs(used));
  if (Math.abs(nominal) <= remaining) return ok(undefined);
  return err(
    pointsError(
      'POINTS_CAP_REACHED',
      `超过该规则${CAP_PERIOD_LABELS[rule.capPeriod]}上限 ${rule.capPoints} 分：该户${windowLabel}已有 ${Math.abs(used)} 分，最多还可记 ${remaining} 分`,
      { cap: rule.capPoints, used: Math.abs(used), remaining },
    ),
  );
}

/** An award or deduction of at least the village's threshold waits for a second person. */
export function needsApproval(nominal: number, threshold: number): boolean {
  return Math.abs(nominal) >= threshold;
}

/** The approver must not be the person who gave it (四眼原则). */
export function checkApprover(
  givenByUserId: number | null,
  approverUserId: number | null,
): Result<void, PointsDomainError> {
  if (givenByUserId !== null && givenByUserId === approverUserId) {
    return err(pointsError('POINTS_SAME_APPROVER', '不能审批自己录入的积分，请由另一位工作人员审批'));
  }
  return ok(undefined);
}

/** A deduction names its evidence: a photo, a case, or what was found (活动 / 情况说明). */
export function checkEvidence(
  nominal: number,
  evidence: { photos: number; caseId: number | null; activity: string | null; note: string },
): Result<void, PointsDomainError> {
  if (nominal > 0) return ok(undefined);
  const named =
    evidence.photos > 0 || evidence.caseId !== null || !!evidence.activity?.trim() || !!evidence.note.trim();
  if (named) return ok(undefined);
  return err(
    pointsError('VALIDATION_FAILED', '扣分须附证据：现场照片、关联案件或情况说明', { field: 'attachmentIds' }),
  );
}
