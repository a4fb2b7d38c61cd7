// How the 督导考核 pages name unit types and overdue clocks and print rates and scores (the API's shapes are the
// server's own: ../../api-types).
import type { DeadlineKind, UnitType } from '../../api-types';

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
} satisfies Record<DeadlineKind, string>;

export function formatValue(value: number | null | undefined, kind: 'rate' | 'count'): string {
  if (value === null || value === undefined) return '—';
  return kind === 'rate' ? `${(value * 100).toFixed(2)}%` : String(value);
}

export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}
