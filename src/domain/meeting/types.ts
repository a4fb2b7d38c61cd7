// A joint meeting (联席会议): a meeting of a kind (the county's 社会治理联席会议, a town's 联席会议, a topic
// meeting), its agenda drawn from the data, attendance by unit, and per agenda item the discussion and the
// decisions that become tasks.

export const MEETING_LEVELS = ['county', 'town', 'topic'] as const;
/** What kind of meeting: the county joint meeting, a town's joint meeting, or a topic meeting (专题会议). */
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

export const MEETING_STATES = ['draft', 'held', 'published', 'cancelled'] as const;
/** 筹备中 → 已召开 → 纪要已发布; a meeting in preparation may be cancelled (已取消). */
export type MeetingState = (typeof MEETING_STATES)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent', 'substitute'] as const;
/** 出席, 缺席, 委托他人代为出席 (with the substitute's name). */
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const CANDIDATE_KINDS = [
  'open_decision',
  'listed_case',
  'county_supervision',
  'multi_unit_case',
  'reopened_case',
  'major_dispute',
  'hotspot',
  'overdue_task',
] as const;
/** Why a candidate is proposed; also the order of the proposal (earlier kinds first). */
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** What an agenda item is about. */
export const ITEM_KINDS = ['case', 'decision', 'hotspot', 'task', 'dispute', 'free'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const MEETING_LEVEL_LABELS: Record<MeetingLevel, string> = {
  county: '县社会治理联席会议',
  town: '镇街联席会议',
  topic: '专题会议',
};

export const MEETING_STATE_LABELS: Record<MeetingState, string> = {
  draft: '筹备中',
  held: '已召开',
  published: '纪要已发布',
  cancelled: '已取消',
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: '出席',
  absent: '缺席',
  substitute: '委托出席',
};

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  case: '案件',
  decision: '前次决定事项',
  hotspot: '热点问题',
  task: '逾期任务',
  dispute: '矛盾纠纷',
  free: '其他议题',
};

/** An organisation as the member rule sees it. */
export interface MemberCandidate {
  readonly id: number;
  readonly kind: string;
  readonly parentId: number | null;
  readonly active: boolean;
}

const DEFAULT_MEMBER_KINDS: Record<MeetingLevel, readonly string[]> = {
  // The county joint meeting: the county departments and the towns.
  county: ['department', 'town'],
  // A town's joint meeting: its offices and villages (departments it invites are added by hand).
  town: ['office', 'village'],
  // A topic meeting: chosen for the topic.
  topic: [],
};

/** The member units a new kind of meeting starts with: the organiser's direct units of the usual kinds. */
export function defaultMemberOrgIds(
  level: MeetingLevel,
  organiserId: number,
  orgs: readonly MemberCandidate[],
): number[] {
  const kinds = DEFAULT_MEMBER_KINDS[level];
  return orgs.filter((o) => o.active && o.parentId === organiserId && kinds.includes(o.kind)).map((o) => o.id);
}

/** The Chinese label of a value as stored (the value itself when it is unknown). */
export const meetingLabel = {
  level: (v: string): string => MEETING_LEVEL_LABELS[v as MeetingLevel] ?? v,
  state: (v: string): string => MEETING_STATE_LABELS[v as MeetingState] ?? v,
  item: (v: string): string => ITEM_KIND_LABELS[v as ItemKind] ?? v,
  attendance: (v: string): string => ATTENDANCE_LABELS[v as AttendanceStatus] ?? v,
};
