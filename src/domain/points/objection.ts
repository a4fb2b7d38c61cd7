// A household's objection (申诉) to a deduction: within the village's window of calendar days after the
// entry was posted (China time, to the end of the last day), once per entry.
import { chinaDayNumber, DAY_MS, dayStart } from '../calendar/china-time.js';
import { err, ok, type Result } from '../result.js';
import { type PointsDomainError, pointsError } from './errors.js';
import type { EntryKind } from './types.js';

/** The end of the objection window: the end of the China day `days` days after the entry's day. */
export function objectionDeadline(postedAt: Date, days: number): Date {
  return new Date(dayStart(chinaDayNumber(postedAt) + days) + DAY_MS);
}

export function checkObjection(input: {
  kind: EntryKind;
  postedAt: Date;
  now: Date;
  days: number;
  alreadyObjected: boolean;
}): Result<{ deadline: Date }, PointsDomainError> {
  if (input.kind !== 'deduct') {
    return err(pointsError('POINTS_OBJECTION_NOT_ALLOWED', '只能对扣分记录提出申诉'));
  }
  if (input.alreadyObjected) {
    return err(pointsError('POINTS_OBJECTION_NOT_ALLOWED', '该扣分记录已提出过申诉，请等待复核结果'));
  }
  const deadline = objectionDeadline(input.postedAt, input.days);
  if (input.now.getTime() >= deadline.getTime()) {
    return err(
      pointsError('POINTS_OBJECTION_WINDOW_CLOSED', `已超过申诉期限（扣分后 ${input.days} 天内可申诉）`, {
        deadline: deadline.toISOString(),
      }),
    );
  }
  return ok({ deadline });
}

/** May this entry still be objected to (for the phone's button)? */
export function objectionOpen(kind: EntryKind, postedAt: Date, now: Date, days: number, objected: boolean): boolean {
  return checkObjection({ kind, postedAt, now, days, alreadyObjected: objected }).ok;
}
