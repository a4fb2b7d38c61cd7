// Civility points (文明积分) and credit households (诚信户): the words of the ledger, shared by the pure rules,
// the module and the web app. A household's balance is the sum of its ledger entries; entries are never
// changed, a mistake is put right by a counter-entry (correction).

/** What a rule counts: per time (次) or per hour of service (小时). */
export const RULE_UNITS = ['time', 'hour'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];
export const RULE_UNIT_LABELS: Record<RuleUnit, string> = { time: '次', hour: '小时' };

/** The period a rule's cap runs over, in China time. */
export const CAP_PERIODS = ['month', 'year'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];
export const CAP_PERIOD_LABELS: Record<CapPeriod, string> = { month: '每月', year: '每年' };

/** A refund gives back the points of a cancelled redemption (a counter-entry to it, never an edit). */
export const ENTRY_KINDS = ['award', 'deduct', 'correction', 'redemption', 'refund'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  award: '加分',
  deduct: '扣分',
  correction: '更正',
  redemption: '兑换',
  refund: '退还',
};

export const REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  pending: '待审批',
  approved: '已通过',
  rejected: '未通过',
};

export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = {
  open: '待复核',
  upheld: '申诉成立',
  dismissed: '维持原判',
};

export const CREDIT_GRADES = ['AAA', 'AA', 'A'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** A rule as the pure checks need it. */
export interface PointsRuleSpec {
  /** Points per unit: positive earns, negative costs (垃圾分类 +2, 乱堆乱放 −5). */
  points: number;
  unit: RuleUnit;
  /** At most this many points (in absolute value) per household and period; null: no cap. */
  capPoints: number | null;
  capPeriod: CapPeriod | null;
  active: boolean;
}

/** A village's settings; a village that never saved any has these defaults. */
export interface PointsSettings {
  /** An award or deduction of at least this many points (absolute) waits for a second person's approval. */
  approvalThreshold: number;
  /** A household may object to a deduction within this many days (China calendar days after the entry). */
  objectionDays: number;
  /** Year points for each credit grade (诚信户 A, AA, AAA). */
  creditGradeA: number;
  creditGradeAA: number;
  creditGradeAAA: number;
  /** The public board of the village is on; it shows full head names only when the village publishes them. */
  boardPublic: boolean;
  boardFullNames: boolean;
}

export const DEFAULT_POINTS_SETTINGS: PointsSettings = {
  approvalThreshold: 10,
  objectionDays: 7,
  creditGradeA: 30,
  creditGradeAA: 60,
  creditGradeAAA: 100,
  boardPublic: true,
  boardFullNames: false,
};

/** How far back a deed may be dated when it is recorded (days). */
export const MAX_BACKDATE_DAYS = 31;
/** The largest quantity of one award (times or hours). */
export const MAX_QUANTITY = 100;
