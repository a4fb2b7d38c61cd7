// Service time credited for one sign-up, as a pure function: the time between check-in and check-out that
// falls within the activity's own time, rounded down to whole half-hours (a volunteer's 1 h 20 min is 1 h),
// so it is never more than the activity lasted, whenever they came and left.
export const HOURS_STEP_MINUTES = 30;

export function creditedMinutes(
  checkedInAt: Date,
  checkedOutAt: Date,
  activity: { startsAt: Date; endsAt: Date },
): number {
  const from = Math.max(checkedInAt.getTime(), activity.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), activity.endsAt.getTime());
  if (to <= from) return 0;
  const minutes = Math.floor((to - from) / 60_000);
  return minutes - (minutes % HOURS_STEP_MINUTES);
}

/** Hours for people: 90 → 1.5. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** Whole hours for civility points (a rule counted per hour): the started half-hours do not count. */
export function wholeHours(minutes: number): number {
  return Math.floor(minutes / 60);
}
