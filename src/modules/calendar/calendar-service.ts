// The holiday calendar administrators keep per year: public holidays and the weekend days made working
// days (调休). Deadlines in working days read it.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}

export class CalendarService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
  ) {}

  async year(year: number) {
    const days = await this.db
      .selectFrom('calendar_days')
      .selectAll()
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .orderBy('day')
      .execute();
    return { year, days };
  }

  async all() {
    return this.db.selectFrom('calendar_days').selectAll().orderBy('day').execute();
  }

  async put(principal: Principal, day: string, kind: 'holiday' | 'workday', name: string) {
    if (!isValidDay(day))
      throw new AppError('VALIDATION_FAILED', { message: `日期「${day}」不正确，格式为 YYYY-MM-DD` });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('calendar_days')
        .values({ day, kind, name })
        .onConflict((oc) => oc.column('day').doUpdateSet({ kind, name }))
        .execute();
      await this.audit.record(
        principal,
        { action: 'calendar.put', targetType: 'day', targetId: day, details: { kind, name } },
        trx,
      );
    });
    return { day, kind, name };
  }

  async remove(principal: Principal, day: string) {
    await this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
      if (!deleted.numDeletedRows) throw new AppError('NOT_FOUND', { message: `${day} 不在日历中` });
      await this.audit.record(principal, { action: 'calendar.delete', targetType: 'day', targetId: day }, trx);
    });
  }
}
