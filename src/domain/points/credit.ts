// 诚信户: the yearly designation. A household qualifies for a grade by the points it earned in the year
// (awards, deductions and their corrections; spending at the shop never costs the title), when none of its
// deductions is unresolved (awaiting approval or under objection), the village has recorded no overdue debt,
// and it is active. The village committee's review then designates the qualifying households it approves.
import type { CreditGrade, PointsSettings } from './types.js';

export interface CreditFacts {
  yearPoints: number;
  unresolvedDeductions: number;
  overdueDebt: boolean;
  active: boolean;
}

export interface CreditVerdict {
  eligible: boolean;
  grade: CreditGrade | null;
  /** Why not, in words for the committee (empty when eligible). */
  reasons: string[];
}

export function creditGrade(points: number, settings: PointsSettings): CreditGrade | null {
  if (points >= settings.creditGradeAAA) return 'AAA';
  if (points >= settings.creditGradeAA) return 'AA';
  if (points >= settings.creditGradeA) return 'A';
  return null;
}

export function creditVerdict(facts: CreditFacts, settings: PointsSettings): CreditVerdict {
  const reasons: string[] = [];
  const grade = creditGrade(facts.yearPoints, settings);
  if (!facts.active) reasons.push('该户已停用');
  if (grade === null) reasons.push(`年度积分 ${facts.yearPoints} 分，未达到 ${settings.creditGradeA} 分`);
  if (facts.unresolvedDeductions > 0)
    reasons.push(`有 ${facts.unresolvedDeductions} 条扣分尚未处理完毕（待审批或申诉中）`);
  if (facts.overdueDebt) reasons.push('村委会登记有逾期欠款');
  return { eligible: reasons.length === 0, grade: reasons.length === 0 ? grade : null, reasons };
}
