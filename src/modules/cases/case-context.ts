// What every case action needs besides the case: the time, the working calendar (the holiday table) and
// the time limits (the rules table), both read from the database and cached for a few seconds so that an
// administrator's change reaches every server process quickly.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import {
  createWorkCalendar,
  DEFAULT_OFFICE_HOURS,
  type DurationUnit,
  type OfficeHours,
  type WorkCalendar,
} from '../../domain/calendar/index.js';
import {
  type CaseContext,
  type TimeLimitPolicy,
  type TimeLimitStage,
  timeLimitTable,
  type Urgency,
} from '../../domain/case/index.js';

const TTL_MS = 10_000;
export const OFFICE_HOURS_KEY = 'office_hours';

export class CaseContextProvider {
  private cached: { at: number; calendar: WorkCalendar; timeLimits: TimeLimitPolicy } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  invalidate(): void {
    this.cached = null;
  }

  /** `db` reads through the caller's transaction when there is one (the embedded database has one connection). */
  private async load(db: Kysely<DB> | Transaction<DB> = this.db) {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached;
    const [days, rules, hours] = await Promise.all([
      db.selectFrom('calendar_days').selectAll().execute(),
      db.selectFrom('time_limit_rules').selectAll().execute(),
      db.selectFrom('settings').select('value').where('key', '=', OFFICE_HOURS_KEY).executeTakeFirst(),
    ]);
    const calendar = createWorkCalendar({
      specialDays: days.map((d) => ({ day: d.day, kind: d.kind })),
      officeHours: (hours?.value as OfficeHours | undefined) ?? DEFAULT_OFFICE_HOURS,
    });
    const timeLimits = timeLimitTable(
      rules.map((r) => ({
        stage: r.stage as TimeLimitStage,
        ...(r.category_id !== null && { categoryId: String(r.category_id) }),
        ...(r.urgency !== null && { urgency: r.urgency as Urgency }),
        limit: { amount: r.amount, unit: r.unit as DurationUnit, warnAtShare: r.warn_share },
      })),
    );
    this.cached = { at: Date.now(), calendar, timeLimits };
    return this.cached;
  }

  async officeHours(): Promise<OfficeHours> {
    return (await this.load()).calendar.officeHours;
  }

  async context(db?: Kysely<DB> | Transaction<DB>): Promise<CaseContext> {
    const { calendar, timeLimits } = await this.load(db);
    return { now: this.clock.now(), calendar, timeLimits };
  }
}
