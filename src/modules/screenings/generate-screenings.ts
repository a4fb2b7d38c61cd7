// Opens the screening tasks (排查任务) of every grid, village, town and county: for each level, the running
// period of its cadence (src/domain/screening/periods.ts) gets one task per active unit, owned by the unit and
// assigned by the level above, due at the close of office of the period's last working day. Run by a job in every
// server process (and by the demo and the benchmark at chosen times). Idempotent: the task's source key is
// (unit, cadence, period start), so two processes generating at once make each task once — the unique index
// decides and the loser gets the winner's task — and the screening_tasks row carries the same key.
// A day that passed with no process running has no task (a task is never born overdue); a week, half-month or
// month that began while none ran is opened on restart.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  CADENCE_LABELS,
  periodLabel,
  periodToOpen,
  SCREENING_LEVEL_LABELS,
  type ScreeningLevel,
  type ScreeningPeriod,
  screeningSourceKey,
} from '../../domain/screening/index.js';
import type { ScreeningDeps } from './screening-deps.js';
import { readSettings } from './screening-settings.js';

/** Units per transaction: fewer commits when a county's 500 grids open their day at once. */
const BATCH = 50;

export interface ScreeningUnit {
  id: number;
  name: string;
  kind: ScreeningLevel;
  parentId: number | null;
  countyCode: string;
}

function screeningTask(unit: ScreeningUnit, period: ScreeningPeriod, checklist: readonly { label: string }[]) {
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
export async function generateScreenings(
  deps: ScreeningDeps,
  options: { units?: ScreeningUnit[] } = {},
): Promise<{ opened: number }> {
  const { now, calendar } = await deps.contexts.context();
  const settings = await readSettings(deps.db);
  const units = options.units ?? (await screeningUnits(deps.db));
  let opened = 0;
  for (const setting of settings.values()) {
    if (!setting.active) continue;
    const period = periodToOpen(now, setting.cadence, calendar);
    if (!period) continue;
    const ofLevel = units.filter((u) => u.kind === setting.level);
    if (ofLevel.length === 0) continue;
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
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      opened += await deps.db.transaction().execute(async (trx) => {
        let n = 0;
        for (const unit of batch) {
          if ((await openScreening(deps, trx, unit, period, setting.checklist)).created) n++;
        }
        return n;
      });
    }
  }
  return { opened };
}
