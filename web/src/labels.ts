// Chinese labels for the API's enumerations (translated to English through i18n like any other text).
import type { InboxBox, TimeLimitStage } from './api-types';
import type { OrgKind, Participant, Role } from './types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  leader: '县领导',
  county_operator: '县平台坐席',
  town_operator: '镇街平台',
  village_operator: '村社区平台',
  grid_worker: '网格员',
  department_handler: '职能部门',
  third_party: '第三方力量',
  citizen: '群众',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const KIND_LABELS: Record<OrgKind, string> = {
  county: '县',
  town: '镇街',
  village: '村社区',
  grid: '网格',
  department: '职能部门',
  office: '镇街站所',
  third_party: '第三方组织',
  party: '党组织',
};

export const PARTICIPANT_LABELS: Record<Participant, string> = {
  party: '党',
  government: '政',
  legal: '法',
  residents: '民',
  schools: '学',
  research: '研',
  social: '社',
  media: '媒',
};

export const PARTICIPANT_LONG: Record<Participant, string> = {
  party: '党 · 党组织',
  government: '政 · 政府部门',
  legal: '法 · 政法力量',
  residents: '民 · 群众自治',
  schools: '学 · 学校',
  research: '研 · 研究机构',
  social: '社 · 社会组织',
  media: '媒 · 媒体',
};

/** Which kinds of organisation may sit under a parent of the given kind. */
export const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  county: ['town', 'department', 'third_party', 'party'],
  town: ['village', 'office', 'third_party', 'party'],
  village: ['grid', 'third_party', 'party'],
  grid: ['party'],
  department: ['office'],
  office: [],
  third_party: [],
  party: ['party'],
};

export const CASE_STATUS_LABELS: Record<string, string> = {
  new: '待受理',
  submitted: '待受理',
  accepted: '已受理',
  verifying: '核实中',
  dispatched: '已派遣',
  signed: '已签收',
  handling: '处置中',
  suspended: '已挂起',
  replied: '已反馈',
  closed: '已办结',
  rejected: '不予受理',
  archived: '已归档',
  pending_dispatch: '待派遣',
  appealed: '申诉中',
  merged: '已合并',
};

export const CHANNEL_LABELS: Record<string, string> = {
  citizen: '群众上报',
  app: '群众上报',
  hotline: '12345热线',
  patrol: '网格巡查',
  screening: '矛盾排查',
  citizen_app: '群众上报',
  grid_patrol: '网格巡查',
  walk_in: '来访',
  petition: '信访',
  open311: 'Open311',
  video: '视频智能分析',
  tasks: '任务变更',
};

export const PERMISSION_LABELS: Record<string, string> = {
  'case.create': '创建诉求',
  'case.read': '查询诉求',
  open311: 'Open311 接口',
  'hotline.push': '12345 工单推送',
  'video.push': '视频事件推送',
};

// The case lifecycle (issue 3): actions, clocks, inbox boxes, levels, ratings.
export const CASE_ACTION_LABELS: Record<string, string> = {
  opened: '登记',
  amended: '诉求内容更新',
  accept: '受理',
  reject: '不予受理',
  closeOnTheSpot: '即时办结',
  assignVerification: '交网格核实',
  verify: '核实',
  handleAtGrid: '网格办结',
  reportUp: '上报',
  dispatch: '派遣',
  signFor: '签收',
  returnCase: '退单',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  refuseExtension: '驳回延期',
  suspend: '挂起',
  resume: '恢复办理',
  whistle: '吹哨',
  checkIn: '报到',
  recordProgress: '处置',
  reply: '反馈',
  callback: '回访',
  rate: '评价',
  appeal: '申诉',
  grantAppeal: '申诉成立',
  refuseAppeal: '驳回申诉',
  supervise: '督办',
  urge: '催办',
  escalateOverdue: '超期升级',
  merge: '合并',
  attachDuplicate: '并入重复件',
  close: '办结',
  archive: '归档',
};

export const DEADLINE_KIND_LABELS: Record<string, string> = {
  accept: '受理时限',
  verify: '核实时限',
  dispatch: '派遣时限',
  sign_for: '签收时限',
  check_in: '报到时限',
  handle: '处置时限',
  reply: '反馈时限',
  callback: '回访时限',
  appeal_review: '申诉复核时限',
  supervision: '督办时限',
  appeal_window: '申诉期',
} satisfies Record<TimeLimitStage, string>;

/** The stages a time limit can be set for, in the order of a case's life. */
export const TIME_LIMIT_STAGES = Object.keys(DEADLINE_KIND_LABELS) as TimeLimitStage[];

export const INBOX_BOX_LABELS: Record<string, string> = {
  to_accept: '待受理',
  to_verify: '待核实',
  to_dispatch: '待派遣',
  to_sign: '待签收',
  to_handle: '待处置',
  to_check_in: '待报到',
  to_approve: '待审批',
  to_callback: '待回访',
  due_soon: '即将超期',
  overdue: '已超期',
  supervised: '督办中',
} satisfies Record<InboxBox, string>;

/** The inbox boxes in the order the inbox shows them. */
export const INBOX_BOXES = Object.keys(INBOX_BOX_LABELS) as InboxBox[];

export const CASE_LEVEL_LABELS: Record<string, string> = {
  grid: '网格',
  village: '村社区',
  town: '镇街',
  county: '县平台',
};

export const URGENCY_LABELS: Record<string, string> = { normal: '一般', urgent: '紧急' };

export const RATING_LABELS: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const DURATION_UNIT_LABELS: Record<string, string> = {
  natural_hours: '自然小时',
  working_hours: '工作小时',
  working_days: '工作日',
};

export const UNIT_ROLE_LABELS: Record<string, string> = {
  owner: '责任单位',
  lead: '主办',
  assisting: '协办',
  summoned: '吹哨报到',
  supervisor: '督办',
  dispatcher: '派遣单位',
  verifier: '核实',
};

/** What a unit's assignment status means for its role (the API says pending / done / n/a). */
export function unitStatusLabel(role: string, status: string): string {
  if (status === 'n/a') return '';
  if (status === 'done') return role === 'summoned' ? '已报到' : role === 'dispatcher' ? '' : '已签收';
  if (status === 'pending') return role === 'summoned' ? '待报到' : role === 'dispatcher' ? '待审批' : '待签收';
  return UNIT_STATUS_LABELS[status] ?? status;
}

export const UNIT_STATUS_LABELS: Record<string, string> = {
  pending: '待签收',
  dispatched: '待签收',
  signed: '已签收',
  returned: '已退单',
  summoned: '待报到',
  checked_in: '已报到',
  active: '进行中',
  done: '已完成',
  approved: '已批准',
  refused: '已驳回',
  lapsed: '已失效',
};
