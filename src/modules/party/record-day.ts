// A first secretary's day on site (驻村): checked in from the phone by the secretary himself (today only), or
// entered by the village (or its town) for a past day of the term. One row per day: a second record of the
// same day changes nothing and says so.
import { AppError } from '../../core/errors.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { can, type Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { loadSecretary } from './assign-secretary.js';
import type { PartyDeps } from './party-deps.js';
import { writePartyChange } from './party-store.js';

export interface RecordDayInput {
  /** 'YYYY-MM-DD'; today by default */
  day?: string;
  note?: string;
}

export async function recordSecretaryDay(
  deps: PartyDeps,
  principal: Principal,
  secretaryId: number,
  input: RecordDayInput,
): Promise<{ day: string; source: 'phone' | 'village'; recorded: boolean }> {
  const row = await loadSecretary(deps.db, principal, secretaryId);
  const now = deps.clock.now();
  const today = chinaDayOf(now);
  const day = input.day ?? today;
  const self = row.user_id !== null && row.user_id === principal.userId;
  const village =
    can(principal, 'party.manage') && (isCountyRoot(principal) || principal.scopeOrgIds.includes(row.village_id));
  if (!self && !village) {
    throw new AppError('FORBIDDEN', { message: '驻村记录由第一书记本人打卡，或由所驻村社区登记' });
  }
  const source = self && day === today ? 'phone' : 'village';
  if (source === 'village' && !village) {
    throw new AppError('VALIDATION_FAILED', {
      message: '手机打卡只能记录当天，往日的驻村情况请由村社区登记',
      details: { field: 'day' },
    });
  }
  if (day > today) {
    throw new AppError('VALIDATION_FAILED', { message: '驻村日期不能晚于今天', details: { field: 'day' } });
  }
  if (day < row.term_start || day > row.term_end || !row.active) {
    throw new AppError('FIRST_SECRETARY_DAY_OUTSIDE_TERM', {
      details: { day, termStart: row.term_start, termEnd: row.term_end },
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('first_secretary_days')
      .values({
        secretary_id: row.id,
        day,
        source,
        note: input.note?.trim() ?? '',
        recorded_by_user_id: principal.userId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['secretary_id', 'day']).doNothing())
      .returning('day')
      .executeTakeFirst();
    if (!inserted) return { day, source, recorded: false };
    await writePartyChange(trx, deps.audit, principal, {
      kind: 'first_secretary',
      id: row.id,
      type: 'day',
      version: row.version,
      at: now,
      details: { day, source },
    });
    return { day, source, recorded: true };
  });
}
