// Opens the screening tasks (排查任务) of every grid, village, town and county: for each level, the running
// period of its cadence (src/domain/screening/periods.ts) gets one task per active unit, owned by the unit and
// assigned by the level above, due at the close of office of the period's last working day. Run by a job in every
// server process (and by the demo and the benchmark at chosen times). Set-based (bulk-open.ts): a level's missing
// tasks of the period are written in a few statements per 500 units. Idempotent: the task's source key is
// (unit, cadence, period start), so two processes generating at once make each task once — the unique index
// decides and the loser writes nothing — and the screening_tasks row carries the same key.
// When a process starts it first catches up (catchUpScreenings): the periods due since the last pass any process
// made (at most the last 31 days, configurable) that no process opened get their tasks, overdue at once — a
// downtime is not a free pass. A database on which no pass ever ran (a fresh install) has nothing to catch up.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, chinaTime, dayKeyOf, parseDayKey } from '../../domain/calendar/china-time.js';
import {
  CADENCE_LABELS,
  periodLabel,
  periodOf,
  periodsBetween,
  periodToOpen,
  SCREENING_LEVEL_LABELS,
  type ScreeningLevel,
  type ScreeningPeriod,
  screeningSourceKey,
} from '../../domain/screening/index.js';
import type { TaskContext } from '../../domain/task/index.js';
import { taskContext } from '../tasks/task-context.js';
import { BULK_CHUNK, openScreeningsInBulk } from './bulk-open.js';
import type { ScreeningDeps } from './screening-deps.js';
import { readSettings } from './screening-settings.js';

export interface ScreeningUnit {
  id: number;
  name: string;
  kind: ScreeningLevel;
  parentId: number | null;
  countyCode: string;
}

export function screeningTask(unit: ScreeningUnit, period: ScreeningPeriod, checklist: readonly { label: string }[]) {
  const label = periodLabel(period);
  return {
    title: `${unit.name}${CADENCE_LABELS[period.cadence]}排查（${label}）`,
    description: `${SCREENING_LEVEL_LABELS[unit.kind]}${CADENCE_LABELS[period.cadence]}矛盾纠纷排查，期间 ${label}，请于 ${period.dueDay} 下班前完成并填报排查记录。排查内容：${checklist.map((c) => c.label).join('、')}。`,
    sourceKind: 'screening' as const,
    sourceId: String(unit.id),
    sourceLabel: unit.name,
    sourceKey: screeningSourceKey(unit.id, period),
    ownerOrgId: unit.id,
    assignedByOrgId: unit.parentId ?? unit.id,
    dueAt: period.dueAt,
  };
}

/** The task of one unit for one period and its screening row, inside trx; answers whether it was new. */
export async function openScreening(
  deps: Pick<ScreeningDeps, 'tasks'>,
  trx: Transaction<DB>,
  unit: ScreeningUnit,
  period: ScreeningPeriod,
  checklist: readonly { label: string }[],
): Promise<{ taskId: number; created: boolean }> {
  const task = await deps.tasks.create(screeningTask(unit, period, checklist), null, trx);
  await trx
    .insertInto('screening_tasks')
    .values({
      task_id: task.id,
      county_code: unit.countyCode,
      org_id: unit.id,
      parent_org_id: unit.parentId,
      level: unit.kind,
      cadence: period.cadence,
      period_start: period.start,
      period_end: period.end,
      due_day: period.dueDay,
      due_at: period.dueAt,
    })
    .onConflict((oc) => oc.column('task_id').doNothing())
    .execute();
  return { taskId: task.id, created: task.created };
}

export async function screeningUnits(db: ScreeningDeps['db'], countyCode?: string): Promise<ScreeningUnit[]> {
  let query = db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'parent_id', 'county_code'])
    .where('active', '=', true)
    .where('kind', 'in', ['grid', 'village', 'town', 'county'])
    .orderBy('path');
  if (countyCode) query = query.where('county_code', '=', countyCode);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as ScreeningLevel,
    parentId: r.parent_id,
    countyCode: r.county_code,
  }));
}

/** One pass of the generator at the context's time; `units` restricts it (the benchmark, the demo). */
/** The settings row that remembers the time of the last generator pass of any process (the catch-up's bound). */
export const LAST_PASS_KEY = 'screenings.lastPassAt';

async function lastPassAt(db: Kysely<DB>): Promise<Date | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', LAST_PASS_KEY).executeTakeFirst();
  const at = typeof row?.value === 'string' ? new Date(row.value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

async function rememberPass(db: Kysely<DB>, at: Date): Promise<void> {
  const value = JSON.stringify(at.toISOString());
  await db
    .insertInto('settings')
    .values({ key: LAST_PASS_KEY, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

export async function generateScreenings(
  deps: ScreeningDeps,
  options: { units?: ScreeningUnit[] } = {},
): Promise<{ opened: number }> {
  const ctx = await taskContext(deps.contexts);
  await rememberPass(deps.db, ctx.now);
  const settings = await readSettings(deps.db);
  const units = options.units ?? (await screeningUnits(deps.db));
  let opened = 0;
  for (const setting of settings.values()) {
    if (!setting.active) continue;
    const period = periodToOpen(ctx.now, setting.cadence, ctx.calendar);
    if (!period) continue;
    opened += await openMissing(deps, units, setting, period, ctx);
  }
  return { opened };
}

/**
 * The catch-up after downtime: the tasks of every period whose due day fell since the last pass of any process
 * (and within the last `days` days; none when no pass ever ran) up to now and that no process opened, each made as the generator would have made it when its period began — so it
 * is overdue at once, the sweeper turns it red one level up, and coverage counts it as missed (the history entry
 * says it was generated late, and when). Idempotent like every pass; run once when a process starts.
 */
export async function catchUpScreenings(
  deps: ScreeningDeps,
  options: { days: number; units?: ScreeningUnit[] },
): Promise<{ opened: number }> {
  if (!(options.days > 0)) return { opened: 0 };
  const ctx = await taskContext(deps.contexts);
  const last = await lastPassAt(deps.db);
  // never ran here (a fresh install), or the demo clock was turned back past the last pass: nothing was missed
  if (!last || last > ctx.now) {
    await rememberPass(deps.db, ctx.now);
    return { opened: 0 };
  }
  const settings = await readSettings(deps.db);
  const units = options.units ?? (await screeningUnits(deps.db));
  const today = chinaDayOf(ctx.now);
  const bound = dayKeyOf((parseDayKey(today) as number) - Math.floor(options.days));
  const lastDay = chinaDayOf(last);
  const from = [bound, lastDay].sort()[1] as string; // the later of two day keys (YYYY-MM-DD)
  let opened = 0;
  for (const setting of settings.values()) {
    if (!setting.active) continue;
    const first = periodOf(from, setting.cadence, ctx.calendar);
    const periods = [...(first ? [first] : []), ...periodsBetween(from, today, setting.cadence, ctx.calendar)]
      .filter((p, i, all) => all.findIndex((q) => q.start === p.start) === i)
      .filter((p) => p.dueDay >= from && p.dueAt <= ctx.now);
    for (const period of periods) {
      const began = { ...ctx, now: chinaTime(period.start, '00:00') };
      opened += await openMissing(deps, units, setting, period, began, ctx.now);
    }
  }
  // remembered only once everything missed is open: a catch-up that fails half-way is done again at the next start
  await rememberPass(deps.db, ctx.now);
  return { opened };
}

async function openMissing(
  deps: ScreeningDeps,
  units: readonly ScreeningUnit[],
  setting: { level: ScreeningLevel; checklist: readonly { label: string }[] },
  period: ScreeningPeriod,
  ctx: TaskContext,
  catchUpAt?: Date,
): Promise<number> {
  const ofLevel = units.filter((u) => u.kind === setting.level);
  if (ofLevel.length === 0) return 0;
  // What is open already (the usual case after the first pass of the day): one query, no transaction.
  const have = new Set(
    (
      await deps.db
        .selectFrom('screening_tasks')
        .select('org_id')
        .where('level', '=', setting.level)
        .where('cadence', '=', period.cadence)
        .where('period_start', '=', period.start)
        .execute()
    ).map((r) => r.org_id),
  );
  const missing = ofLevel.filter((u) => !have.has(u.id));
  let opened = 0;
  for (let i = 0; i < missing.length; i += BULK_CHUNK) {
    const chunk = missing.slice(i, i + BULK_CHUNK);
    opened += await deps.db
      .transaction()
      .execute((trx) =>
        openScreeningsInBulk(deps, trx, chunk, period, setting.checklist, ctx, catchUpAt ? { catchUpAt } : {}),
      );
  }
  return opened;
}
