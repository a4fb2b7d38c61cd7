// The time windows a hotspot view compares: the current window against earlier ones of the same length. For the
// day view, the same weekday of the 8 weeks before (the weekly season is the strongest one in case volumes); for
// the week view the 8 weeks before; for the month view six 30-day windows.

export type HotspotPeriod = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

export interface HotspotPeriodSpec {
  windowMs: number;
  /** Windows between two compared ones (7 for the day view: same weekday). */
  stride: number;
  /** How many earlier windows are compared with the current one. */
  history: number;
  label: string;
}

export const HOTSPOT_PERIODS: Record<HotspotPeriod, HotspotPeriodSpec> = {
  day: { windowMs: DAY_MS, stride: 7, history: 8, label: '近 24 小时，对比前 8 周同一星期几' },
  week: { windowMs: 7 * DAY_MS, stride: 1, history: 8, label: '近 7 天，对比前 8 周' },
  month: { windowMs: 30 * DAY_MS, stride: 1, history: 6, label: '近 30 天，对比前 6 个 30 天' },
};

/** One window: cases reported in (from, to]; `age` counts window lengths back from now (0 = current). */
export interface HotspotWindow {
  age: number;
  from: Date;
  to: Date;
}

/** The windows compared, the current one first; they never overlap. */
export function hotspotWindows(period: HotspotPeriod, now: Date): HotspotWindow[] {
  const spec = HOTSPOT_PERIODS[period];
  return Array.from({ length: spec.history + 1 }, (_, i) => {
    const age = i * spec.stride;
    return {
      age,
      from: new Date(now.getTime() - (age + 1) * spec.windowMs),
      to: new Date(now.getTime() - age * spec.windowMs),
    };
  });
}
