// The screening cadence (矛盾纠纷排查): each level of the organisation tree screens its area on a cadence — grid
// daily, village weekly, town half-monthly, county monthly by default; an administrator may change them — with a
// checklist per level. Each due screening is a task; what it finds becomes a case or a dispute record.

export const SCREENING_LEVELS = ['grid', 'village', 'town', 'county'] as const;
export type ScreeningLevel = (typeof SCREENING_LEVELS)[number];

export const SCREENING_LEVEL_LABELS: Record<ScreeningLevel, string> = {
  grid: '网格',
  village: '村（社区）',
  town: '镇（街道）',
  county: '县',
};

export const CADENCES = ['daily', 'weekly', 'half_monthly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const CADENCE_LABELS: Record<Cadence, string> = {
  daily: '每日',
  weekly: '每周',
  half_monthly: '每半月',
  monthly: '每月',
};

/** The seed's cadence: 网格每日、村每周、镇街每半月、县每月. */
export const DEFAULT_CADENCE: Record<ScreeningLevel, Cadence> = {
  grid: 'daily',
  village: 'weekly',
  town: 'half_monthly',
  county: 'monthly',
};

export interface ChecklistItem {
  readonly key: string;
  readonly label: string;
}

const BASE_CHECKLIST: readonly ChecklistItem[] = [
  { key: 'dispute', label: '矛盾纠纷' },
  { key: 'safety', label: '安全隐患' },
  { key: 'key_person', label: '重点人员动态' },
  { key: 'petition', label: '信访苗头' },
];

export const DEFAULT_CHECKLIST: Record<ScreeningLevel, readonly ChecklistItem[]> = {
  grid: BASE_CHECKLIST,
  village: [...BASE_CHECKLIST, { key: 'group_risk', label: '群体性事件苗头' }],
  town: [...BASE_CHECKLIST, { key: 'group_risk', label: '群体性事件苗头' }, { key: 'backlog', label: '积案化解情况' }],
  county: [
    ...BASE_CHECKLIST,
    { key: 'group_risk', label: '群体性事件苗头' },
    { key: 'backlog', label: '积案化解情况' },
  ],
};

/** Where a finding goes: a case through the case service, or a dispute record through the dispute service. */
export const FINDING_ROUTES = ['case', 'dispute'] as const;
export type FindingRoute = (typeof FINDING_ROUTES)[number];

/** How a due screening stands (the coverage report and the heat map). */
export const COVERAGE_STATUSES = ['on_time', 'late', 'missed', 'open', 'cancelled'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = {
  on_time: '按时完成',
  late: '逾期完成',
  missed: '未排查',
  open: '待排查',
  cancelled: '已取消',
};
