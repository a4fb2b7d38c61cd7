// Demo screenings of the demo county: the last two weeks of the first town — the daily screenings of its first
// village's grids, its villages' weekly and its own half-monthly ones — opened by the generator's own function
// at the time each period began, most of them recorded ("nothing found") before their due time through the task
// machine, some left undone, so that the village sees grids that missed a screening in red and the coverage
// report and heat map have something to show. Called by the seed inside its transaction; about fifty tasks.
import type { Kysely, Transaction } from 'kysely';
import { type Clock, SetClock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { dayKeyOf, parseDayKey } from '../../domain/calendar/china-time.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { periodsBetween, type ScreeningLevel } from '../../domain/screening/index.js';
import { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { TaskService } from '../tasks/index.js';
import { openScreening, type ScreeningUnit } from './generate-screenings.js';
import { readSettings } from './screening-settings.js';

const DAYS = 14;
const HOUR = 3600_000;

/** Deterministic "did they do it": about four in five, never the first grid's day before yesterday. */
function done(orgId: number, day: string): boolean {
  let h = orgId * 31;
  for (const c of day) h = (h * 33 + c.charCodeAt(0)) % 1_000_003;
  return h % 5 !== 0;
}

function ownerPrincipal(unit: ScreeningUnit & { path: string }, userId: number | null): Principal {
  return {
    kind: 'user',
    userId,
    apiKeyId: null,
    role: 'grid_worker',
    displayName: '演示',
    orgId: unit.id,
    orgKind: unit.kind,
    scopePath: unit.path,
    scopeOrgIds: [unit.id],
    countyCode: unit.countyCode,
    permissions: new Set(),
  };
}

export async function seedDemoScreenings(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<number> {
  const now = clock.now();
  const town = await trx
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('kind', '=', 'town')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!town) return 0;
  const orgRows = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'parent_id', 'county_code', 'path', 'grid_worker_id'])
    .where('path', 'like', `${town.path}%`)
    .where('kind', 'in', ['town', 'village', 'grid'])
    .where('active', '=', true)
    .orderBy('path')
    .execute();
  // Kept small so the seed stays fast: the town, its villages, and the grids of its first village only.
  const firstVillage = orgRows.filter((r) => r.kind === 'village').sort((a, b) => a.id - b.id)[0];
  const units = orgRows
    .filter((r) => r.kind !== 'grid' || r.parent_id === firstVillage?.id)
    .map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as ScreeningLevel,
      parentId: r.parent_id,
      countyCode: r.county_code,
      path: r.path,
      workerId: r.grid_worker_id,
    }));
  // The task capability at a chosen time: a clock the demo moves through the fortnight.
  const demoClock = new SetClock(now);
  const db = trx as unknown as Kysely<DB>;
  const audit = new AuditService(db, demoClock);
  const contexts = new CaseContextProvider(db, demoClock);
  const tasks = new TaskService(db, demoClock, audit, contexts);
  const settings = await readSettings(trx);
  const today = chinaDayOf(now);
  const from = dayKeyOf((parseDayKey(today) as number) - DAYS);
  const { calendar } = await contexts.context(trx);
  let count = 0;
  for (const setting of settings.values()) {
    const ofLevel = units.filter((u) => u.kind === setting.level);
    if (ofLevel.length === 0) continue;
    for (const period of periodsBetween(from, today, setting.cadence, calendar)) {
      const opensAt = chinaTime(period.start, '00:05');
      if (opensAt >= now) continue;
      for (const unit of ofLevel) {
        demoClock.at = opensAt;
        const { taskId } = await openScreening({ tasks }, trx, unit, period, setting.checklist);
        count++;
        const finishAt = new Date(period.dueAt.getTime() - 3 * HOUR);
        if (period.dueAt > now || !done(unit.id, period.start)) continue;
        // Recorded a few hours before the due time: signed, record written, completed.
        demoClock.at = finishAt;
        const principal = ownerPrincipal(unit, unit.workerId);
        await tasks.actWithin(trx, taskId, { version: 1, action: { type: 'sign' } }, principal);
        await tasks.actWithin(
          trx,
          taskId,
          { version: 2, action: { type: 'complete', result: '排查完成：未发现问题' } },
          principal,
        );
        await trx
          .insertInto('screening_records')
          .values({
            task_id: taskId,
            county_code: unit.countyCode,
            org_id: unit.id,
            client_token: `demo:${taskId}`,
            checklist: JSON.stringify(setting.checklist.map((c) => ({ ...c, found: false, note: '' }))),
            nothing_found: true,
            recorded_by: unit.workerId,
            recorded_at: finishAt,
            late: false,
          })
          .execute();
      }
    }
  }
  progress(`排查任务 ${count} 个（第一个街道近两周）`);
  return count;
}
