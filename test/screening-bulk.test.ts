// The set-based screening generator (src/modules/screenings/bulk-open.ts) against the task service on a real
// database: a task opened in bulk is the task the service would have made — the same rows in every table the
// service writes (counted over every table of the schema, then compared row by row with ids and names taken
// out), the same list entries and pages, the same completion, the same overdue sweep and the same assessment
// facts. Then the catch-up after downtime: the missed working days' tasks, bounded, on the holiday calendar,
// idempotent, and overdue at once.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../src/core/clock.js';
import type { DB } from '../src/db/schema.js';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { periodOf, type ScreeningPeriod } from '../src/domain/screening/index.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
import { AuditService } from '../src/modules/audit/audit-service.js';
import { CaseContextProvider } from '../src/modules/cases/case-context.js';
import { openScreeningsInBulk } from '../src/modules/screenings/bulk-open.js';
import {
  LAST_PASS_KEY,
  openScreening,
  type ScreeningUnit,
  screeningUnits,
} from '../src/modules/screenings/generate-screenings.js';
import { screeningServiceAt } from '../src/modules/screenings/screening-service-at.js';
import { TaskService } from '../src/modules/tasks/index.js';
import { taskContext } from '../src/modules/tasks/task-context.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let g1: ScreeningUnit;
let g2: ScreeningUnit;
let g2User = '';

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  as.grid = await sys.login('grid');
  as.village = await sys.login('village');
  const gridOrg = (await sys.json('GET', '/api/auth/me', as.grid as Headers)).body.org.id;
  const all = await screeningUnits(sys.services.db);
  g1 = all.find((u) => u.id === gridOrg) as ScreeningUnit;
  g2 = all.find((u) => u.kind === 'grid' && u.parentId === g1.parentId && u.id !== g1.id) as ScreeningUnit;
  const code = await sys.services.db
    .selectFrom('orgs')
    .select('code')
    .where('id', '=', g2.id)
    .executeTakeFirstOrThrow();
  g2User = `g${code.code}`;
  as.grid2 = await sys.login(g2User);
});
afterAll(async () => sys?.stop());

const db = () => sys.services.db;

/** Moves the system clock to the next working day after now, at the given time; answers the day. */
async function nextWorkingDay(time: string): Promise<string> {
  const { calendar } = await sys.services.cases.contexts.context();
  const now = sys.services.clock.now();
  for (let d = 1; d < 20; d++) {
    const day = chinaDayOf(new Date(now.getTime() + d * 86_400_000));
    if (!calendar.isWorkingDay(day)) continue;
    await sys.services.clock.advance(chinaTime(day, time).getTime() - now.getTime());
    return day;
  }
  throw new Error('no working day');
}

async function setTime(day: string, time: string) {
  await sys.services.clock.advance(chinaTime(day, time).getTime() - sys.services.clock.now().getTime());
}

/** Row counts of every table of the schema. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db());
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table_name)}`.execute(db());
    counts[table_name] = Number(r.rows[0]?.n);
  }
  return counts;
}

function delta(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .filter((t) => after[t] !== before[t])
      .map((t) => [t, (after[t] as number) - (before[t] ?? 0)]),
  );
}

/**
 * Takes a task's own identity out of a value: its id, number, owner and owner's name, the rows' serial ids, and
 * (for a change made by two requests a moment apart) the instants within `window`.
 */
function normalise(
  value: unknown,
  task: { id: number; number: string },
  unit: ScreeningUnit,
  window?: [Date, Date],
): unknown {
  const inWindow = (t: number) => window !== undefined && t >= window[0].getTime() && t <= window[1].getTime();
  const str = (s: string) => {
    if (/^\d{4}-\d\d-\d\dT/.test(s) && inWindow(Date.parse(s))) return '<recorded>';
    return s
      .replaceAll(task.number, '<number>')
      .replaceAll(unit.name, '<name>')
      .replaceAll(`screening:${unit.id}:`, 'screening:<unit>:')
      .replaceAll(`task:${task.id}:`, 'task:<task>:');
  };
  const leaf = (v: number): unknown => (v === task.id ? '<task>' : v === unit.id ? '<unit>' : v);
  // counts and versions are compared as they are, whatever their value; a record's own serial id is not compared
  const COUNTS = ['progress_percent', 'progressPercent', 'version', 'escalation_level', 'escalationLevel', 'attempts'];
  const walkKey = (k: string, x: unknown): unknown => {
    if (k === 'recordId') return '<record>';
    if (COUNTS.includes(k)) return x;
    return walk(x);
  };
  const walk = (v: unknown): unknown => {
    if (v instanceof Date) return inWindow(v.getTime()) ? '<recorded>' : v.toISOString();
    if (typeof v === 'number') return leaf(v);
    if (typeof v === 'string') {
      if (/^\d+$/.test(v)) return walk(Number(v));
      if (v.startsWith('{')) return walk(JSON.parse(v));
      return str(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const serial = 'task_id' in o || 'target_id' in o;
      return Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => !(serial && k === 'id'))
          .map(([k, x]) => [k, walkKey(k, x)]),
      );
    }
    return v;
  };
  return walk(value);
}

/** Every row the task's creation or change wrote, table by table. */
async function rowsOf(taskId: number) {
  const d = db();
  return {
    tasks: await d.selectFrom('tasks').selectAll().where('id', '=', taskId).execute(),
    task_events: await d
      .selectFrom('task_events')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('version')
      .execute(),
    task_deadlines: await d.selectFrom('task_deadlines').selectAll().where('task_id', '=', taskId).execute(),
    notifications: await d
      .selectFrom('notifications')
      .selectAll()
      .where('task_id', '=', taskId)
      .orderBy('id')
      .execute(),
    outbox: (await d.selectFrom('outbox').selectAll().where('task_id', '=', taskId).orderBy('id').execute()).map(
      ({ delivered_at, attempts, last_error, ...r }) => r,
    ),
    audit_log: (
      await d
        .selectFrom('audit_log')
        .selectAll()
        .where('target_type', '=', 'task')
        .where('target_id', '=', String(taskId))
        .orderBy('id')
        .execute()
    ).map(({ id, hash, prev_hash, ...r }) => r),
    screening_tasks: await d.selectFrom('screening_tasks').selectAll().where('task_id', '=', taskId).execute(),
  };
}

async function taskOf(unit: ScreeningUnit, period: ScreeningPeriod) {
  const r = await db()
    .selectFrom('screening_tasks')
    .innerJoin('tasks', 'tasks.id', 'screening_tasks.task_id')
    .select(['tasks.id', 'tasks.number'])
    .where('screening_tasks.org_id', '=', unit.id)
    .where('screening_tasks.period_start', '=', period.start)
    .executeTakeFirstOrThrow();
  return { id: r.id, number: r.number };
}

async function facts(month: string) {
  const rows = await db()
    .selectFrom('assessment_facts')
    .selectAll()
    .where('month', '=', month)
    .where('unit_id', 'in', [g1.id, g2.id])
    .execute();
  return Object.fromEntries([g1, g2].map((u) => [u.id, rows.find((r) => r.unit_id === u.id)]));
}

/** Services whose clock stands at the system's time (the service and the bulk path at the very same instant). */
function frozenAt(at: Date) {
  const clock: Clock = {
    now: () => at,
    adjustable: false,
    offsetMs: () => 0,
    advance: async () => at,
    refresh: async () => {},
  };
  const audit = new AuditService(db(), clock);
  const contexts = new CaseContextProvider(db(), clock);
  return { audit, contexts, tasks: new TaskService(db(), clock, audit, contexts) };
}

/** One grid's daily task by the service, the other's in bulk, at the system's time; the table deltas of each. */
async function openPair(day: string) {
  const frozen = frozenAt(sys.services.clock.now());
  const { calendar } = await frozen.contexts.context();
  const period = periodOf(day, 'daily', calendar) as ScreeningPeriod;
  const settings = await sys.services.screenings.settings();
  const checklist = settings.find((s) => s.level === 'grid')?.checklist ?? [];
  const c0 = await tableCounts();
  await db()
    .transaction()
    .execute((trx) => openScreening({ tasks: frozen.tasks }, trx, g1, period, checklist));
  const c1 = await tableCounts();
  const ctx = await taskContext(frozen.contexts);
  const made = await db()
    .transaction()
    .execute((trx) => openScreeningsInBulk({ audit: frozen.audit }, trx, [g2], period, checklist, ctx));
  const c2 = await tableCounts();
  expect(made).toBe(1);
  return {
    period,
    service: delta(c0, c1),
    bulk: delta(c1, c2),
    t1: await taskOf(g1, period),
    t2: await taskOf(g2, period),
  };
}

describe('a task opened in bulk is the task the service makes', () => {
  let day = '';
  let t1 = { id: 0, number: '' };
  let t2 = { id: 0, number: '' };
  const n1 = (v: unknown, window?: [Date, Date]) => normalise(v, t1, g1, window);
  const n2 = (v: unknown, window?: [Date, Date]) => normalise(v, t2, g2, window);

  it('writes the same rows in the same tables', async () => {
    day = await nextWorkingDay('08:30');
    const pair = await openPair(day);
    ({ t1, t2 } = pair);
    expect(Object.keys(pair.service).sort()).toEqual(
      expect.arrayContaining([
        'audit_log',
        'notifications',
        'outbox',
        'screening_tasks',
        'task_deadlines',
        'task_events',
        'tasks',
      ]),
    );
    expect(pair.bulk).toEqual(pair.service);
    expect(n2(await rowsOf(t2.id))).toEqual(n1(await rowsOf(t1.id)));
    // and idempotent: the same period again writes nothing
    const ctx = await taskContext(sys.services.cases.contexts);
    const again = await db()
      .transaction()
      .execute((trx) => openScreeningsInBulk({ audit: sys.services.audit }, trx, [g1, g2], pair.period, [], ctx));
    expect(again).toBe(0);
    expect(await sys.services.audit.verifyChain()).toBeNull();
  });

  it('shows the same in the task list, on the task page and on the screening page', async () => {
    const page1 = await sys.json('GET', `/api/tasks/${t1.id}`, as.village as Headers);
    const page2 = await sys.json('GET', `/api/tasks/${t2.id}`, as.village as Headers);
    expect(page1.status).toBe(200);
    expect(n2(page2.body)).toEqual(n1(page1.body));
    const list = await sys.json('GET', '/api/tasks?sourceKind=screening&pageSize=200', as.village as Headers);
    const item = (id: number) => list.body.items.find((i: { id: number }) => i.id === id);
    expect(item(t1.id)).toBeTruthy();
    expect(n2(item(t2.id))).toEqual(n1(item(t1.id)));
    const s1 = await sys.json('GET', `/api/screenings/${t1.id}`, as.grid as Headers);
    const s2 = await sys.json('GET', `/api/screenings/${t2.id}`, as.grid2 as Headers);
    expect(s1.status).toBe(200);
    expect(n2(s2.body)).toEqual(n1(s1.body));
    const mine2 = await sys.json('GET', '/api/screenings?scope=mine&status=open', as.grid2 as Headers);
    expect(mine2.body.items.map((i: { taskId: number }) => i.taskId)).toContain(t2.id);
  });

  it('completes the same way, with the same assessment facts', async () => {
    const before = await facts(day.slice(0, 7));
    const record = (token: string) => ({
      clientToken: token,
      checklist: ['dispute', 'safety', 'key_person', 'petition'].map((key) => ({ key, found: false })),
      nothingFound: true,
      findings: [],
      note: '无异常',
      lat: 29.3,
      lng: 120.1,
    });
    const t0 = sys.services.clock.now();
    const r1 = await sys.json('POST', `/api/screenings/${t1.id}/record`, as.grid as Headers, record('bulk-eq-1'));
    const r2 = await sys.json('POST', `/api/screenings/${t2.id}/record`, as.grid2 as Headers, record('bulk-eq-2'));
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    expect(r2.body).toMatchObject({ status: 'on_time', taskState: 'done' });
    const strip = (rows: Awaited<ReturnType<typeof rowsOf>>) => ({
      ...rows,
      audit_log: rows.audit_log.map(({ at, actor_user_id, ...r }) => r),
      task_events: rows.task_events.map(({ actor_user_id, ...r }) => r),
    });
    const window: [Date, Date] = [t0, sys.services.clock.now()];
    expect(n2(strip(await rowsOf(t2.id)), window)).toEqual(n1(strip(await rowsOf(t1.id)), window));
    const after = await facts(day.slice(0, 7));
    const moved = (id: number) => ({
      due: Number(after[id]?.screening_due) - Number(before[id]?.screening_due ?? 0),
      onTime: Number(after[id]?.screening_on_time) - Number(before[id]?.screening_on_time ?? 0),
    });
    expect(moved(g1.id)).toEqual({ due: 1, onTime: 1 });
    expect(moved(g2.id)).toEqual(moved(g1.id));
  });

  it('runs out the same way: the sweeper makes both overdue one level up, counted alike', async () => {
    const next = await nextWorkingDay('08:30');
    const pair = await openPair(next);
    expect(pair.bulk).toEqual(pair.service);
    // what ran out before (the demo's earlier screenings) settles first, so that the facts move by these two only
    for (let i = 0; i < 50 && (await sys.services.tasks.sweep()).more; i++);
    const before = await facts(next.slice(0, 7));
    await setTime(next, '17:31');
    for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
    const r1 = await rowsOf(pair.t1.id);
    const r2 = await rowsOf(pair.t2.id);
    expect(r2.tasks[0]).toMatchObject({ state: 'overdue', supervisor_org_id: g2.parentId });
    expect(normalise(r2, pair.t2, g2)).toEqual(normalise(r1, pair.t1, g1));
    const after = await facts(next.slice(0, 7));
    for (const u of [g1, g2]) {
      expect(Number(after[u.id]?.screening_due) - Number(before[u.id]?.screening_due ?? 0)).toBe(1);
      expect(Number(after[u.id]?.screening_on_time)).toBe(Number(before[u.id]?.screening_on_time ?? 0));
    }
    // a rebuild from the task histories counts the same
    await rebuildAssessment(db());
    const rebuilt = await facts(next.slice(0, 7));
    for (const u of [g1, g2]) {
      expect([rebuilt[u.id]?.screening_due, rebuilt[u.id]?.screening_on_time]).toEqual([
        after[u.id]?.screening_due,
        after[u.id]?.screening_on_time,
      ]);
    }
  });
});

/** A generator whose time the test sets (the real clock only moves forward). */
function generatorAt(database: Kysely<DB>) {
  return screeningServiceAt(database, { cases: sys.services.cases, disputes: sys.services.disputes });
}

describe('the catch-up after downtime', () => {
  it('opens the tasks missed since the last pass on start, bounded, on the holiday calendar, once', async () => {
    const all = await screeningUnits(db());
    const county = all.find((u) => u.kind === 'county') as ScreeningUnit;
    const town = all.filter((u) => u.kind === 'town').at(-1) as ScreeningUnit;
    const village = all.find((u) => u.kind === 'village' && u.parentId === town.id) as ScreeningUnit;
    const grid = all.find((u) => u.kind === 'grid' && u.parentId === village.id) as ScreeningUnit;
    const units = [grid, village, town, county];
    const { state, service } = generatorAt(db());
    // The process ran on Friday 9 October 2026, then was down until Tuesday the 20th.
    state.at = chinaTime('2026-10-09', '08:00');
    await service.generate({ units });
    state.at = chinaTime('2026-10-20', '08:00');
    const first = await service.catchUp({ units, days: 31 });
    const rows = await db()
      .selectFrom('screening_tasks')
      .innerJoin('tasks', 'tasks.id', 'screening_tasks.task_id')
      .select(['screening_tasks.org_id', 'screening_tasks.period_start', 'tasks.created_at'])
      .where(
        'screening_tasks.org_id',
        'in',
        units.map((u) => u.id),
      )
      .orderBy('screening_tasks.period_start')
      .execute();
    const starts = (id: number) => rows.filter((r) => r.org_id === id).map((r) => r.period_start);
    // From the last pass (9 October) on: the periods before it were not missed — no process ran before that pass;
    // holidays have no task, 调休 days do.
    expect(starts(grid.id)).toEqual([
      '2026-10-09', // made while the process ran
      '2026-10-10', // Saturday, 调休
      '2026-10-12',
      '2026-10-13',
      '2026-10-14',
      '2026-10-15',
      '2026-10-16',
      '2026-10-19',
    ]);
    // the week of 5 October, the first half of October and the month were opened while running
    expect(starts(village.id)).toEqual(['2026-10-05', '2026-10-12']);
    expect(starts(town.id)).toEqual(['2026-10-01']); // 16–31 Oct is still running: the next pass
    expect(starts(county.id)).toEqual(['2026-10-01']);
    expect(first.opened).toBe(7 + 1);
    // each made as the generator would have made it when its period began, marked as generated late
    const caught = rows.find((r) => r.org_id === grid.id && r.period_start === '2026-10-13');
    expect(new Date(caught?.created_at as Date).toISOString()).toBe(chinaTime('2026-10-13', '00:00').toISOString());
    const key = `screening:${grid.id}:daily:2026-10-13`;
    const task = await db()
      .selectFrom('tasks')
      .select(['id', 'state'])
      .where('source_key', '=', key)
      .executeTakeFirstOrThrow();
    const ev = await db()
      .selectFrom('task_events')
      .select('details')
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(ev.details).toMatchObject({ catchUp: { generatedAt: chinaTime('2026-10-20', '08:00').toISOString() } });
    const made = await db()
      .selectFrom('task_events')
      .select('details')
      .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
      .where('tasks.source_key', '=', `screening:${grid.id}:daily:2026-10-09`)
      .executeTakeFirstOrThrow();
    expect(made.details).not.toHaveProperty('catchUp');
    // idempotent: a second start (or a second process) makes nothing
    expect((await service.catchUp({ units, days: 31 })).opened).toBe(0);
    // and the running periods are the ordinary pass's
    expect((await service.generate({ units })).opened).toBe(3); // grid 20 Oct, village week of 19 Oct, town 16–31 Oct

    // Down again until Tuesday 3 November, restarted with a bound of 3 days: only Monday the 2nd is caught up.
    state.at = chinaTime('2026-11-03', '08:00');
    expect((await service.catchUp({ units, days: 3 })).opened).toBe(1);
    const nov = await db()
      .selectFrom('screening_tasks')
      .select('period_start')
      .where('org_id', '=', grid.id)
      .where('period_start', '>', '2026-10-20')
      .execute();
    expect(nov.map((r) => r.period_start)).toEqual(['2026-11-02']);

    // A database on which no pass ever ran (a fresh install, or a year of history just seeded) misses nothing.
    await db().deleteFrom('settings').where('key', '=', LAST_PASS_KEY).execute();
    state.at = chinaTime('2026-11-20', '08:00');
    expect((await service.catchUp({ units, days: 31 })).opened).toBe(0);
    // but that pass is remembered: down from Friday the 20th to Tuesday the 24th, the grid's Friday and Monday
    // and the village's week of the 16th are caught up
    state.at = chinaTime('2026-11-24', '08:00');
    expect((await service.catchUp({ units, days: 31 })).opened).toBe(3);
    const late = await db()
      .selectFrom('screening_tasks')
      .select('period_start')
      .where('org_id', '=', grid.id)
      .where('period_start', '>', '2026-11-02')
      .orderBy('period_start')
      .execute();
    expect(late.map((r) => r.period_start)).toEqual(['2026-11-20', '2026-11-23']);
  });

  it('turns the caught-up tasks red at once through the ordinary sweeper', async () => {
    const all = await screeningUnits(db());
    const town = all.filter((u) => u.kind === 'town').at(-1) as ScreeningUnit;
    const village = all.find((u) => u.kind === 'village' && u.parentId === town.id) as ScreeningUnit;
    const grid = all.find((u) => u.kind === 'grid' && u.parentId === village.id) as ScreeningUnit;
    const key = `screening:${grid.id}:daily:2026-10-13`;
    const { id } = await db().selectFrom('tasks').select('id').where('source_key', '=', key).executeTakeFirstOrThrow();
    const { clock } = sys.services;
    if (clock.now() < chinaTime('2026-10-14', '00:00')) throw new Error('the system clock is expected past October');
    for (let i = 0; i < 50 && (await sys.services.tasks.sweep()).more; i++);
    const task = await db()
      .selectFrom('tasks')
      .select(['state', 'supervisor_org_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ state: 'overdue', supervisor_org_id: village.id });
  });
});
