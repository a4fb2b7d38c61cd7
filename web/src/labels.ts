// Chinese labels for the API's enumerations (translated to English through i18n like any other text).
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
};

export const CHANNEL_LABELS: Record<string, string> = {
  citizen: '群众上报',
  app: '群众上报',
  hotline: '12345热线',
  patrol: '网格巡查',
  screening: '矛盾排查',
  walk_in: '来访',
  petition: '信访',
  open311: 'Open311',
};

export const PERMISSION_LABELS: Record<string, string> = {
  'case.create': '创建诉求',
  'case.read': '查询诉求',
  open311: 'Open311 接口',
  'hotline.push': '12345 工单推送',
};
