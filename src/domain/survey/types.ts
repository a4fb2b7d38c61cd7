// The shapes of a public-opinion survey (智慧民调): the questionnaire, a sampled person's answers, the round's
// lifecycle and the outcomes of a staff call; and the labels the API and the web app show.

export const QUESTION_TYPES = ['single', 'multi', 'scale', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Question {
  /** stable key of the question inside its questionnaire (a–z, 0–9, _) */
  key: string;
  type: QuestionType;
  title: string;
  required: boolean;
  /** single and multi choice only */
  options?: string[];
  /** scale only: what 1 and 5 mean */
  lowLabel?: string;
  highLabel?: string;
  /** scale only: the question whose share of 4–5 is the round's satisfaction score (at most one) */
  score?: boolean;
}

export interface Questionnaire {
  /** shown above the questions (link and SMS) */
  intro: string;
  /** what the caller says before the questions (call screen) */
  script: string;
  questions: Question[];
}

export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;

export const ROUND_KINDS = ['safety', 'case_satisfaction', 'topic'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  safety: '平安建设 群众安全感和满意度',
  case_satisfaction: '诉求办理满意度',
  topic: '专题调查',
};

export const ROUND_STATES = ['draft', 'sampling', 'distributing', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  draft: '草稿',
  sampling: '抽样',
  distributing: '发放中',
  closed: '已结束',
};

export const ROUND_ACTIONS = ['edit', 'draw', 'start', 'close'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];
export const ROUND_ACTION_LABELS: Record<RoundAction, string> = {
  edit: '修改问卷或配额',
  draw: '抽取样本',
  start: '开始发放',
  close: '结束调查',
};

export const SAMPLE_STATES = ['pending', 'answered', 'refused', 'unreachable'] as const;
export type SampleState = (typeof SAMPLE_STATES)[number];
export const SAMPLE_STATE_LABELS: Record<SampleState, string> = {
  pending: '待答',
  answered: '已答',
  refused: '拒访',
  unreachable: '多次未接',
};

export const CALL_OUTCOMES = ['answered', 'no_answer', 'refused'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  answered: '接通',
  no_answer: '未接',
  refused: '拒访',
};

export const CHANNELS = ['link', 'sms', 'call'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { link: '链接', sms: '短信', call: '电话' };

/** A rule of the survey broken by the input: the field and a message for people. */
export interface SurveyRuleError {
  readonly field: string;
  readonly message: string;
}
