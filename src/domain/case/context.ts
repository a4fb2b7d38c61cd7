import type { WorkCalendar } from '../calendar/index.js';
import type { TimeLimitPolicy } from './time-limits.js';

/** What every action needs besides the case and the actor. Time is always given, never read. */
export interface CaseContext {
  readonly now: Date;
  readonly calendar: WorkCalendar;
  readonly timeLimits: TimeLimitPolicy;
}
