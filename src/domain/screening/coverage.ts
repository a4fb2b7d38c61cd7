// Coverage of the screenings: how each due screening stands, and the indicator 排查完成率.
// - on time: completed at or before its due time;
// - late: completed after its due time (逾期完成);
// - missed: its due time passed and it is still not done (未排查, red, visible one level up);
// - open: not yet due and not done (not counted as due yet);
// - cancelled: withdrawn by the assigning level, not counted.
// 排查完成率 = 按时完成数 ÷ 应排查数, 应排查数 = 按时完成 + 逾期完成 + 到期未完成 (a screening done early counts
// before its due time has come, as the assessment's 签收及时率 does). No screening due: no rate (null).
import type { CoverageStatus } from './types.js';

export interface ScreeningOutcome {
  readonly dueAt: Date;
  readonly state: 'pending_sign' | 'in_progress' | 'overdue' | 'done' | 'cancelled';
  readonly completedAt: Date | null;
}

export function coverageStatus(task: ScreeningOutcome, now: Date): CoverageStatus {
  if (task.state === 'cancelled') return 'cancelled';
  if (task.state === 'done' && task.completedAt) return task.completedAt <= task.dueAt ? 'on_time' : 'late';
  return task.dueAt < now || task.state === 'overdue' ? 'missed' : 'open';
}

export interface CoverageCounts {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
}

export const SCREENING_RATE_FORMULA =
  '排查完成率 = 按时完成数 ÷ 应排查数；应排查数 = 按时完成数 + 逾期完成数 + 到期未排查数（未到期且未完成的不计入）';

export function emptyCoverage(): CoverageCounts {
  return { due: 0, onTime: 0, late: 0, missed: 0, open: 0 };
}

export function addToCoverage(counts: CoverageCounts, status: CoverageStatus): CoverageCounts {
  switch (status) {
    case 'on_time':
      return { ...counts, due: counts.due + 1, onTime: counts.onTime + 1 };
    case 'late':
      return { ...counts, due: counts.due + 1, late: counts.late + 1 };
    case 'missed':
      return { ...counts, due: counts.due + 1, missed: counts.missed + 1 };
    case 'open':
      return { ...counts, open: counts.open + 1 };
    case 'cancelled':
      return counts;
  }
}

/** 排查完成率 (0..1), null when nothing was due. */
export function screeningRate(counts: Pick<CoverageCounts, 'due' | 'onTime'>): number | null {
  return counts.due > 0 ? counts.onTime / counts.due : null;
}
