// The resident's services (服务 on the phone): what each tile says and where it leads. The tiles with their icons are
// CitizenServices.tsx; the phone layout needs only the paths (they make the 服务 tab the active one), without the
// icons and antd's Typography of the page (issue 22: the phone's first load).

export interface ServiceEntry {
  to: string;
  label: string;
  hint: string;
  testId: string;
}

export const CITIZEN_SERVICE_ENTRIES: ServiceEntry[] = [
  { to: '/my/points', label: '我的积分', hint: '文明积分与兑换', testId: 'tab-points' },
  { to: '/my/disputes', label: '我的调解', hint: '矛盾纠纷调解', testId: 'tab-disputes' },
  { to: '/my/deliberations', label: '议事', hint: '提议题、投票', testId: 'tab-deliberations' },
  { to: '/my/party-service', label: '双报到', hint: '微心愿、社区服务', testId: 'tab-party-service' },
  { to: '/my/volunteer', label: '志愿服务', hint: '报名、签到、时长', testId: 'tab-volunteer' },
  { to: '/my/surveys', label: '问卷', hint: '民意调查', testId: 'tab-surveys' },
  { to: '/board/services', label: '办事指南', hint: '材料与最近的站点', testId: 'tile-services' },
  { to: '/public', label: '公开信息', hint: '全县数据与典型案例', testId: 'tile-public' },
];
