// Shapes of the 督导考核 API (src/modules/assessment).
export type UnitType = 'department' | 'town' | 'village' | 'grid';
export type Trend = 'up' | 'down' | 'same' | 'new';

export interface IndicatorDef {
  key: string;
  name: string;
  formula: string;
  kind: 'rate' | 'count';
  higherIsBetter: boolean;
  weight: number;
}

export interface RankingRow {
  unitId: number;
  name: string;
  code: string;
  parentName: string | null;
  facts: Record<string, number>;
  values: Record<string, number | null>;
  scores: Record<string, number | null>;
  indicatorScore: number | null;
  townRating: number | null;
  townRatingCount: number;
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  previousScore: number | null;
  trend: Trend;
  scoreChange: number | null;
}

export interface RankingView {
  unitType: UnitType;
  period: string;
  periodLabel: string;
  previousPeriod: string;
  indicators: IndicatorDef[];
  compositeFormula: string;
  questionnaireFormula: string;
  townRatingWeight: number;
  rows: RankingRow[];
}

export interface PeriodView {
  period: string;
  label: string;
  closed: boolean;
  closedAt: string | null;
}

export interface PeriodsView {
  currentMonth: string;
  lastMonth: string;
  currentQuarter: string;
  months: PeriodView[];
  quarters: PeriodView[];
}

export interface BulletinCase {
  caseId: number;
  number: string;
  title: string;
  townName: string | null;
  leadName: string | null;
}

export interface Bulletin {
  month: string;
  label: string;
  generatedAt: string;
  summary: { facts: Record<string, number>; values: Record<string, number | null> };
  towns: RankingView;
  departments: RankingView;
  overdue: (BulletinCase & { status: string; kind: string | null; at: string })[];
  overdueTotal: number;
  typical: (BulletinCase & { kind: 'best_rated' | 'supervised'; note: string })[];
}

export interface Question {
  key: string;
  text: string;
  scale: 'five' | 'hundred';
}

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  department: '职能部门',
  town: '乡镇（街道）',
  village: '村（社区）',
  grid: '网格',
};

export const OVERDUE_KIND_LABELS: Record<string, string> = {
  accept: '受理',
  verify: '核实',
  dispatch: '派遣',
  sign_for: '签收',
  check_in: '报到',
  handle: '处置',
  reply: '答复',
  callback: '回访',
  appeal_review: '申诉复核',
  supervision: '督办',
};

export function formatValue(value: number | null | undefined, kind: 'rate' | 'count'): string {
  if (value === null || value === undefined) return '—';
  return kind === 'rate' ? `${(value * 100).toFixed(2)}%` : String(value);
}

export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}
