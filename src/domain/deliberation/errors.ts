// Every way a deliberation rule can refuse, with a stable code and a message for people; and the labels the
// API and the web app show.
import type { StationKind, TopicActionType, TopicState } from './types.js';

export const DELIBERATION_ERRORS = {
  TOPIC_ACTION_NOT_ALLOWED_IN_STATE: '议题当前状态不允许此操作',
  NOT_AUTHORISED_FOR_TOPIC_ACTION: '您无权对该议题执行此操作',
  VALIDATION: '操作参数不正确',
} as const;

export type DeliberationErrorCode = keyof typeof DELIBERATION_ERRORS;

export interface DeliberationDomainError {
  readonly code: DeliberationErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function deliberationError(
  code: DeliberationErrorCode,
  details: Record<string, unknown> = {},
  message?: string,
): DeliberationDomainError {
  return { code, message: message ?? DELIBERATION_ERRORS[code], details };
}

export const TOPIC_STATE_LABELS: Record<TopicState, string> = {
  proposed: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  withdrawn: '已撤回',
  scheduled: '已排期',
  voting: '表决中',
  voted: '已表决',
  decided: '已决定',
  implementing: '落实中',
  done: '已办结',
};

export const TOPIC_ACTION_LABELS: Record<TopicActionType | 'raise', string> = {
  raise: '提出议题',
  accept: '受理',
  reject: '不予受理',
  withdraw: '撤回',
  schedule: '安排议事',
  recordHearing: '记录议事过程',
  openVoting: '发起表决',
  closeVoting: '结束表决',
  decide: '记录决定',
  implement: '交办落实',
  complete: '办结并反馈',
};

export const STATION_KIND_LABELS: Record<StationKind, string> = {
  wulao: '五老议事站',
  shuoshi: '说事评理站',
  pingyi: '群众评议站',
  other: '其他议事组织',
};
