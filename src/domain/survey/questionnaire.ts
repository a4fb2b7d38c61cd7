// The questionnaire as JSON, checked once when a round is saved, and a sampled person's answers checked against
// it on every channel (link, SMS link, the caller's screen): pure functions, the database keeps what they return.
import { err, ok, type Result } from '../result.js';
import {
  type Answers,
  type AnswerValue,
  QUESTION_TYPES,
  type Question,
  type Questionnaire,
  type QuestionType,
  type SurveyRuleError,
} from './types.js';

const KEY = /^[a-z][a-z0-9_]{0,29}$/;
const MAX_QUESTIONS = 50;
const MAX_OPTIONS = 20;
const MAX_TEXT_ANSWER = 1000;

const fail = (field: string, message: string) => err<SurveyRuleError>({ field, message });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim().length > 0 && v.trim().length <= max ? v.trim() : null;

function checkQuestion(raw: unknown, i: number, seen: Set<string>): Result<Question, SurveyRuleError> {
  const at = `questions[${i}]`;
  const n = i + 1;
  if (!isObject(raw)) return fail(at, `第 ${n} 题格式不正确`);
  const key = typeof raw.key === 'string' ? raw.key : '';
  if (!KEY.test(key))
    return fail(`${at}.key`, `第 ${n} 题的编号须以小写字母开头，只含小写字母、数字和下划线，最多 30 个字符`);
  if (seen.has(key)) return fail(`${at}.key`, `第 ${n} 题的编号“${key}”与前面的题目重复`);
  seen.add(key);
  const type = raw.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) return fail(`${at}.type`, `第 ${n} 题的题型须为单选、多选、1–5 分量表或文字`);
  const title = text(raw.title, 200);
  if (!title) return fail(`${at}.title`, `第 ${n} 题须填写题目（最多 200 字）`);
  if (raw.required !== undefined && typeof raw.required !== 'boolean') {
    return fail(`${at}.required`, `第 ${n} 题的“必答”须为是或否`);
  }
  const q: Question = { key, type, title, required: raw.required !== false };
  if (type === 'single' || type === 'multi') {
    const options = Array.isArray(raw.options) ? raw.options.map((o) => text(o, 50)) : [];
    if (options.length < 2 || options.length > MAX_OPTIONS || options.some((o) => o === null)) {
      return fail(`${at}.options`, `第 ${n} 题须有 2–${MAX_OPTIONS} 个选项，每项 1–50 字`);
    }
    if (new Set(options).size !== options.length) return fail(`${at}.options`, `第 ${n} 题的选项有重复`);
    q.options = options as string[];
  } else if (raw.options !== undefined) {
    return fail(`${at}.options`, `第 ${n} 题是${type === 'scale' ? '量表题' : '文字题'}，不设选项`);
  }
  if (type === 'scale') {
    q.lowLabel = text(raw.lowLabel, 20) ?? '很不满意';
    q.highLabel = text(raw.highLabel, 20) ?? '很满意';
    if (raw.score === true) q.score = true;
  } else if (raw.score === true) {
    return fail(`${at}.score`, `第 ${n} 题不是量表题，不能作为满意度得分题`);
  }
  return ok(q);
}

/** The questionnaire a round keeps, or the first rule it breaks. */
export function checkQuestionnaire(raw: unknown): Result<Questionnaire, SurveyRuleError> {
  if (!isObject(raw)) return fail('questionnaire', '问卷格式不正确');
  const intro = typeof raw.intro === 'string' ? raw.intro.trim() : '';
  const script = typeof raw.script === 'string' ? raw.script.trim() : '';
  if (intro.length > 2000) return fail('questionnaire.intro', '问卷说明不能超过 2000 字');
  if (script.length > 2000) return fail('questionnaire.script', '电话访问话术不能超过 2000 字');
  if (!Array.isArray(raw.questions) || raw.questions.length === 0) {
    return fail('questionnaire.questions', '问卷至少要有一道题');
  }
  if (raw.questions.length > MAX_QUESTIONS) return fail('questionnaire.questions', `问卷最多 ${MAX_QUESTIONS} 道题`);
  const seen = new Set<string>();
  const questions: Question[] = [];
  for (const [i, q] of raw.questions.entries()) {
    const checked = checkQuestion(q, i, seen);
    if (!checked.ok) return fail(`questionnaire.${checked.error.field}`, checked.error.message);
    questions.push(checked.value);
  }
  if (questions.filter((q) => q.score).length > 1) {
    return fail('questionnaire.questions', '只能有一道量表题作为满意度得分题');
  }
  return ok({ intro, script, questions });
}

/** The question whose share of 4–5 scores the round: the one marked, else the first scale question. */
export function scoreQuestion(q: Questionnaire): Question | null {
  return q.questions.find((x) => x.score) ?? q.questions.find((x) => x.type === 'scale') ?? null;
}

function checkAnswer(q: Question, v: AnswerValue): Result<AnswerValue | undefined, SurveyRuleError> {
  const field = `answers.${q.key}`;
  switch (q.type) {
    case 'single':
      if (typeof v !== 'string' || !q.options?.includes(v)) return fail(field, `“${q.title}”请从选项中选择一项`);
      return ok(v);
    case 'multi': {
      if (!Array.isArray(v) || v.some((o) => typeof o !== 'string' || !q.options?.includes(o))) {
        return fail(field, `“${q.title}”请从选项中选择`);
      }
      if (new Set(v).size !== v.length) return fail(field, `“${q.title}”的选项重复了`);
      if (v.length === 0) return q.required ? fail(field, `“${q.title}”是必答题，请至少选择一项`) : ok(undefined);
      return ok((q.options ?? []).filter((o) => v.includes(o)));
    }
    case 'scale':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) {
        return fail(field, `“${q.title}”请选择 1–5 分`);
      }
      return ok(v);
    case 'text': {
      if (typeof v !== 'string') return fail(field, `“${q.title}”请填写文字`);
      const t = v.trim();
      if (t.length > MAX_TEXT_ANSWER) return fail(field, `“${q.title}”最多 ${MAX_TEXT_ANSWER} 字`);
      if (t.length === 0) return q.required ? fail(field, `“${q.title}”是必答题，请填写`) : ok(undefined);
      return ok(t);
    }
  }
}

/** One person's answers as kept: only the questionnaire's questions, every required one answered. */
export function checkAnswers(q: Questionnaire, raw: unknown): Result<Answers, SurveyRuleError> {
  if (!isObject(raw)) return fail('answers', '答卷格式不正确');
  const known = new Set(q.questions.map((x) => x.key));
  const stray = Object.keys(raw).find((k) => !known.has(k));
  if (stray !== undefined) return fail(`answers.${stray}`, `问卷中没有编号为“${stray}”的题目`);
  const answers: Answers = {};
  for (const question of q.questions) {
    const v = raw[question.key];
    if (v === undefined || v === null) {
      if (question.required) return fail(`answers.${question.key}`, `“${question.title}”是必答题，请作答`);
      continue;
    }
    const checked = checkAnswer(question, v as AnswerValue);
    if (!checked.ok) return checked;
    if (checked.value !== undefined) answers[question.key] = checked.value;
  }
  return ok(answers);
}
