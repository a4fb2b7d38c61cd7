// Every way a dispute action can be refused, with a stable code and a message for people; and the labels the
// API and the web app show for states, actions, risk levels, sources, routes.
import type {
  DisputeActionType,
  DisputeSource,
  DisputeState,
  FailureRoute,
  HandlingLevel,
  Performance,
  RiskLevel,
} from './types.js';

export const DISPUTE_ERRORS = {
  DISPUTE_ACTION_NOT_ALLOWED_IN_STATE: '矛盾纠纷当前状态不允许此操作',
  NOT_AUTHORISED_FOR_DISPUTE_ACTION: '您所在单位无权对该矛盾纠纷执行此操作',
  VALIDATION: '操作参数不正确',
} as const;

export type DisputeErrorCode = keyof typeof DISPUTE_ERRORS;

export interface DisputeDomainError {
  readonly code: DisputeErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export function disputeError(
  code: DisputeErrorCode,
  details: Record<string, unknown> = {},
  message?: string,
): DisputeDomainError {
  return { code, message: message ?? DISPUTE_ERRORS[code], details };
}

export const DISPUTE_STATE_LABELS: Record<DisputeState, string> = {
  registered: '待受理',
  accepted: '待分派',
  mediating: '调解中',
  agreed: '协议待签',
  following_up: '待回访',
  closed: '已结案',
  failed: '调解不成',
  rejected: '不予受理',
};

export const DISPUTE_ACTION_LABELS: Record<DisputeActionType | 'register', string> = {
  register: '登记',
  accept: '受理',
  reject: '不予受理',
  assign: '指派调解',
  recordSession: '调解记录',
  extend: '延长调解期限',
  reachAgreement: '调解成功（拟定协议）',
  sign: '协议签署',
  fail: '调解不成',
  transfer: '移交上级',
  recordFollowUp: '回访',
  confirmPerformance: '当事人确认履行',
  referJudicial: '申请司法确认',
  urge: '催办',
  escalateOverdue: '超期升级督办',
};

export const RISK_LABELS: Record<RiskLevel, string> = { general: '一般', serious: '较大', major: '重大' };

export const SOURCE_LABELS: Record<DisputeSource, string> = {
  screening: '排查发现',
  case: '案件转入',
  walk_in: '来访登记',
  citizen: '群众申请',
  police: '警调对接',
  court: '诉调对接',
  petition: '访调对接',
};

export const FAILURE_ROUTE_LABELS: Record<FailureRoute, string> = {
  litigation: '诉讼',
  arbitration: '仲裁',
  administrative: '行政处理',
};

export const PERFORMANCE_LABELS: Record<Performance, string> = {
  performed: '已履行',
  partial: '部分履行',
  not_performed: '未履行',
};

export const LEVEL_LABELS: Record<HandlingLevel, string> = { village: '村级', town: '镇级', county: '县级' };
