// What a citizen reads about their report: the state machine's states in plain words, and the steps of the
// timeline told as what happened to their matter (never who at the office did it).

export interface CitizenStatus {
  /** Plain words: 已提交, 已受理, 处理中, 已答复, 已办结 … */
  label: string;
  /** One line on what happens next. */
  hint: string;
  color: string;
  /** Position on the five-step progress bar (提交 → 受理 → 处理 → 答复 → 办结). */
  step: number;
}

export const CITIZEN_STATUS: Record<string, CitizenStatus> = {
  submitted: { label: '已提交', hint: '已送达所在村（社区），等待受理', color: 'blue', step: 0 },
  verifying: { label: '已受理', hint: '网格员正在现场核实', color: 'blue', step: 1 },
  pending_dispatch: { label: '已受理', hint: '正在安排承办单位', color: 'blue', step: 1 },
  dispatched: { label: '处理中', hint: '已转交承办单位', color: 'orange', step: 2 },
  handling: { label: '处理中', hint: '承办单位正在办理', color: 'orange', step: 2 },
  suspended: { label: '处理中', hint: '需等待其他部门结果，办理暂缓', color: 'orange', step: 2 },
  replied: { label: '已答复', hint: '请查看答复并评价', color: 'cyan', step: 3 },
  closed: { label: '已办结', hint: '如对结果有异议，可在期限内申诉', color: 'green', step: 4 },
  archived: { label: '已办结', hint: '已归档', color: 'green', step: 4 },
  appealed: { label: '申诉复核中', hint: '您的申诉正在复核', color: 'purple', step: 3 },
  rejected: { label: '未受理', hint: '请查看说明', color: 'default', step: 1 },
  merged: { label: '已合并办理', hint: '与其他群众反映的同一问题一起办理', color: 'blue', step: 2 },
};

export function citizenStatus(state: string): CitizenStatus {
  return CITIZEN_STATUS[state] ?? { label: '处理中', hint: '', color: 'blue', step: 2 };
}

export const CITIZEN_STEPS = ['提交', '受理', '处理', '答复', '办结'];

/** How each public timeline step reads to the citizen; `{{unit}}` is the acting unit's name. */
export const CITIZEN_EVENT_TEXT: Record<string, string> = {
  opened: '您的反映已提交',
  amended: '反映内容已更新',
  accept: '{{unit}}已受理',
  reject: '{{unit}}未予受理',
  closeOnTheSpot: '{{unit}}已当场答复',
  assignVerification: '已安排网格员现场核实',
  verify: '网格员已现场核实',
  handleAtGrid: '网格员已现场处理',
  reportUp: '已上报上级平台协调',
  dispatch: '已转交承办单位办理',
  signFor: '{{unit}}已接单',
  whistle: '已召集相关部门协同处置',
  checkIn: '{{unit}}已到场',
  reply: '{{unit}}已答复',
  callback: '已回访',
  rate: '您已评价',
  appeal: '您已申诉',
  grantAppeal: '申诉成立，重新办理',
  refuseAppeal: '申诉复核完成',
  close: '已办结',
  archive: '已归档',
  merge: '与相同问题合并办理',
  suspend: '办理暂缓',
  resume: '恢复办理',
  supervise: '已列入督办',
};

export const RATING_LABELS: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
