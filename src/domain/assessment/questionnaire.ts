// 基层考核上级部门: each period a town rates the county departments it worked with. The questionnaire, the
// check of an answer sheet, and how submissions become a department's rating score (0–100).

export interface Question {
  key: string;
  text: string;
  /** 'five': 1–5 points; 'hundred': 0–100 points. */
  scale: 'five' | 'hundred';
}

export const QUESTIONS: readonly Question[] = [
  { key: 'speed', text: '响应速度：接到派单后及时签收、及时联系群众', scale: 'five' },
  { key: 'quality', text: '办理质量：问题解决彻底，答复规范、有依据', scale: 'five' },
  { key: 'cooperation', text: '协同配合：主办协办分工清楚，吹哨报到积极', scale: 'five' },
  { key: 'attitude', text: '工作作风：服务态度好，与镇街沟通顺畅', scale: 'five' },
  { key: 'overall', text: '总体评价（0–100 分）', scale: 'hundred' },
];

export const QUESTIONNAIRE_FORMULA =
  '每题折算为百分制（1–5 分题：(得分 − 1) ÷ 4 × 100；0–100 分题按原分），一份问卷得分 = 各题平均；部门的镇街评价得分 = 本期各镇街问卷得分的平均。';

export type Answers = Record<string, number>;

/** Field → problem, empty when the sheet is complete and every score is in range. */
export function checkAnswers(answers: Answers): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const q of QUESTIONS) {
    const v = answers[q.key];
    if (v === undefined || v === null) {
      problems[q.key] = `请为“${q.text}”打分`;
    } else if (q.scale === 'five' && !(Number.isInteger(v) && v >= 1 && v <= 5)) {
      problems[q.key] = `“${q.text}”须为 1–5 的整数`;
    } else if (q.scale === 'hundred' && !(Number.isFinite(v) && v >= 0 && v <= 100)) {
      problems[q.key] = `“${q.text}”须在 0–100 之间`;
    }
  }
  for (const key of Object.keys(answers)) {
    if (!QUESTIONS.some((q) => q.key === key)) problems[key] = '问卷中没有这一题';
  }
  return problems;
}

/** One submission's score, 0–100. */
export function submissionScore(answers: Answers): number {
  const parts = QUESTIONS.map((q) => {
    const v = answers[q.key] ?? 0;
    return q.scale === 'five' ? ((v - 1) / 4) * 100 : v;
  });
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** A department's rating from all towns' submissions of the period; null when no town rated it. */
export function departmentRating(submissions: readonly Answers[]): number | null {
  if (submissions.length === 0) return null;
  return submissions.map(submissionScore).reduce((a, b) => a + b, 0) / submissions.length;
}
