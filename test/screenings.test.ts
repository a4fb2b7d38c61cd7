// The screening cadence (排查) through HTTP on a real database: the cadence over the 2026 National Day week with
// its 调休 days (due dates written by hand), generation that is idempotent with two generators at once, a grid
// worker recording today's screening with a finding that becomes a case (and the resend that changes nothing),
// a village's finding that becomes a dispute, the refusals, a missed screening shown one level up, the coverage
// report with 排查完成率 and its xlsx, the heat map, and the administrator's settings.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.js';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
import { screeningUnits } from '../src/modules/screenings/generate-screenings.js';
import { screeningServiceAt } from '../src/modules/screenings/screening-service-at.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
});
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

/** A generator whose time the test sets (the real clock only moves forward). */
function generatorAt(db: Kysely<DB>) {
  return screeningServiceAt(db, { cases: sys.services.cases, disputes: sys.services.disputes });
}

const dueText = (d: Date | string) => {
  const at = new Date(d);
  return `${chinaDayOf(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
};

/** The second street's first village and its first grid: untouched by the demo screenings. */
async function secondTownUnits() {
  const all = await screeningUnits(sys.services.db);
  const village = all.find((u) => u.kind === 'village' && u.parentId === org.town2);
  const grid = all.find((u) => u.kind === 'grid' && u.parentId === village?.id);
  const town = all.find((u) => u.id === org.town2);
  const county = all.find((u) => u.kind === 'county');
  if (!village || !grid || !town || !county) throw new Error('demo tree changed');
  return { village, grid, town, county };
}

describe('the cadence over the 2026 National Day week', () => {
  it('opens each level’s screening on the holiday calendar, due on the hand-written days', async () => {
    const { village, grid, town, county } = await secondTownUnits();
    const { state, service } = generatorAt(sys.services.db);
    for (let day = Date.UTC(2026, 8, 18); day <= Date.UTC(2026, 9, 19); day += 86_400_000) {
      for (const time of ['08:00', '18:00']) {
        state.at = chinaTime(new Date(day).toISOString().slice(0, 10), time);
        await service.generate({ units: [grid, village, town, county] });
      }
    }
    const rows = await sys.services.db
      .selectFrom('screening_tasks')
      .innerJoin('tasks', 'tasks.id', 'screening_tasks.task_id')
      .select(['screening_tasks.org_id', 'screening_tasks.period_start', 'screening_tasks.due_at', 'tasks.source_key'])
      .where('screening_tasks.org_id', 'in', [grid.id, village.id, town.id, county.id])
      .where('screening_tasks.due_day', '<=', '2026-10-19')
      .orderBy('screening_tasks.due_at')
      .execute();
    const of = (id: number) => rows.filter((r) => r.org_id === id).map((r) => dueText(r.due_at));
    expect(of(grid.id)).toEqual([
      '2026-09-18 17:30',
      '2026-09-20 17:30', // Sunday, 调休
      '2026-09-21 17:30',
      '2026-09-22 17:30',
      '2026-09-23 17:30',
      '2026-09-24 17:30', // 25–27 中秋
      '2026-09-28 17:30',
      '2026-09-29 17:30',
      '2026-09-30 17:30', // 1–7 国庆
      '2026-10-08 17:30',
      '2026-10-09 17:30',
      '2026-10-10 17:30', // Saturday, 调休
      '2026-10-12 17:30',
      '2026-10-13 17:30',
      '2026-10-14 17:30',
      '2026-10-15 17:30',
      '2026-10-16 17:30',
      '2026-10-19 17:30',
    ]);
    expect(of(village.id)).toEqual([
      '2026-09-20 17:30', // week of Sep 14, ends on the working Sunday
      '2026-09-24 17:30', // Friday is 中秋
      '2026-09-30 17:30', // the week runs into 国庆
      '2026-10-10 17:30', // after 国庆: the working Saturday
      '2026-10-16 17:30',
    ]);
    expect(of(town.id)).toEqual(['2026-09-30 17:30', '2026-10-15 17:30']);
    expect(of(county.id)).toEqual(['2026-09-30 17:30']); // October's is due on the 30th, after the range
    const grids = rows.filter((r) => r.org_id === grid.id);
    expect(grids.find((r) => r.period_start === '2026-10-10')?.source_key).toBe(
      `screening:${grid.id}:daily:2026-10-10`,
    );
    // Each task is owned by the unit and assigned by the level above.
    const task = await sys.services.db
      .selectFrom('tasks')
      .select(['owner_org_id', 'assigned_by_org_id', 'source_kind', 'state'])
      .where('source_key', '=', `screening:${village.id}:weekly:2026-10-05`)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({
      owner_org_id: village.id,
      assigned_by_org_id: town.id,
      source_kind: 'screening',
      state: 'pending_sign',
    });
  });

  it('makes each task once when two generators run at the same moment (two server processes)', async () => {
    const all = await screeningUnits(sys.services.db);
    const units = all.filter((u) => u.kind === 'grid' && u.countyCode === all[0]?.countyCode).slice(40, 70);
    const a = generatorAt(sys.services.db);
    const b = generatorAt(sys.services.db);
    a.state.at = b.state.at = chinaTime('2026-10-20', '08:00');
    const [ra, rb] = await Promise.all([a.service.generate({ units }), b.service.generate({ units })]);
    expect(ra.opened + rb.opened).toBe(units.length);
    const again = await a.service.generate({ units });
    expect(again.opened).toBe(0);
    const made = await sys.services.db
      .selectFrom('screening_tasks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(
        'org_id',
        'in',
        units.map((u) => u.id),
      )
      .where('period_start', '=', '2026-10-20')
      .executeTakeFirstOrThrow();
    expect(Number(made.n)).toBe(units.length);
    const tasks = await sys.services.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source_kind', '=', 'screening')
      .where('source_key', 'like', '%:daily:2026-10-20')
      .executeTakeFirstOrThrow();
    expect(Number(tasks.n)).toBe(units.length);
  });
});

describe('recording screenings', () => {
  let monday = '';
  let gridTask = 0;
  let grid2Task = 0;
  let villageTask = 0;
  let grid2 = 0;

  beforeAll(async () => {
    // The next Monday 09:00 (a working day in December 2026), then the generator for the first village's units.
    const now = sys.services.clock.now();
    for (let d = 1; d < 9; d++) {
      const at = chinaTime(chinaDayOf(new Date(now.getTime() + d * 86_400_000)), '09:00');
      if (at.getUTCDay() === 1) {
        await sys.services.clock.advance(at.getTime() - now.getTime());
        monday = chinaDayOf(at);
        break;
      }
    }
    const all = await screeningUnits(sys.services.db);
    const grids = all.filter((u) => u.parentId === org.village);
    grid2 = grids.find((g) => g.id !== org.grid)?.id ?? 0;
    const units = all.filter((u) => u.id === org.village || u.id === org.town || grids.some((g) => g.id === u.id));
    await sys.services.screenings.generate({ units });
    const mine = await json('GET', '/api/screenings?scope=mine&status=open', 'grid');
    gridTask = mine.body.items.find((i: { periodStart: string }) => i.periodStart === monday).taskId;
    const keyed = async (orgId: number, cadence: string, start: string) =>
      Number(
        (
          await sys.services.db
            .selectFrom('screening_tasks')
            .select('task_id')
            .where('org_id', '=', orgId)
            .where('cadence', '=', cadence as 'daily')
            .where('period_start', '=', start)
            .executeTakeFirstOrThrow()
        ).task_id,
      );
    grid2Task = await keyed(grid2, 'daily', monday);
    villageTask = await keyed(org.village as number, 'weekly', monday);
    // the demo's earlier screenings whose day has passed settle now, so that the facts below move by today's only
    for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
    factsBefore = await screeningFacts();
  });

  /** The two grids' assessment facts of the month (the demo's earlier screenings are in them already). */
  let factsBefore: Record<number, { screening_due: number; screening_on_time: number; task_due: number }> = {};
  async function screeningFacts() {
    const rows = await sys.services.db
      .selectFrom('assessment_facts')
      .select(['unit_id', 'screening_due', 'screening_on_time', 'task_due'])
      .where('month', '=', monday.slice(0, 7))
      .where('unit_id', 'in', [org.grid as number, grid2])
      .execute();
    const zero = { screening_due: 0, screening_on_time: 0, task_due: 0 };
    return Object.fromEntries(
      [org.grid as number, grid2].map((id) => [id, rows.find((r) => r.unit_id === id) ?? zero]),
    );
  }

  const checklist = (found: string[] = []) =>
    ['dispute', 'safety', 'key_person', 'petition'].map((key) => ({ key, found: found.includes(key) }));
  const here = { lat: 29.3, lng: 120.1 };

  it('shows the grid worker today’s screening with the grid’s checklist, due at 17:30', async () => {
    const r = await json('GET', `/api/screenings/${gridTask}`, 'grid');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      level: 'grid',
      cadence: 'daily',
      periodStart: monday,
      status: 'open',
      canRecord: true,
      locationRequired: true,
      record: null,
    });
    expect(dueText(r.body.dueAt)).toBe(`${monday} 17:30`);
    expect(r.body.checklist.map((c: { label: string }) => c.label)).toEqual([
      '矛盾纠纷',
      '安全隐患',
      '重点人员动态',
      '信访苗头',
    ]);
    const inbox = await json('GET', '/api/screenings/inbox', 'grid');
    expect(inbox.body.todo).toBeGreaterThanOrEqual(1);
  });

  it('refuses an incomplete or contradictory record, a missing location, and other units', async () => {
    const base = { clientToken: 'refusal-0001', checklist: checklist(), nothingFound: true, ...here };
    const missing = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', {
      ...base,
      checklist: checklist().slice(1),
    });
    expect([missing.status, missing.body.code, missing.body.details.missing]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['dispute'],
    ]);
    const contradictory = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', {
      ...base,
      findings: [{ itemKey: 'safety', route: 'case', summary: '楼道堆放杂物存在消防隐患' }],
    });
    expect([contradictory.status, contradictory.body.details.field]).toEqual([400, 'nothingFound']);
    const noFinding = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', {
      ...base,
      checklist: checklist(['safety']),
      nothingFound: false,
    });
    expect([noFinding.status, noFinding.body.details.field]).toEqual([400, 'findings']);
    const nowhere = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', { ...base, lat: null, lng: null });
    expect([nowhere.status, nowhere.body.details.field]).toEqual([400, 'location']);
    const notMine = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', {
      ...base,
      attachmentIds: ['not-an-upload-of-mine'],
    });
    expect([notMine.status, notMine.body.details.field]).toEqual([400, 'attachmentIds']);
    const village = await json('POST', `/api/screenings/${gridTask}/record`, 'village', base);
    expect([village.status, village.body.code]).toEqual([403, 'SCREENING_NOT_OWNER']);
    const otherTown = await json('GET', `/api/screenings/${gridTask}`, 'town2');
    expect([otherTown.status, otherTown.body.code]).toEqual([404, 'SCREENING_NOT_FOUND']);
    const otherTownRecord = await json('POST', `/api/screenings/${gridTask}/record`, 'town2', base);
    expect(otherTownRecord.body.code).toBe('SCREENING_NOT_FOUND');
    const cases = await sys.services.db
      .selectFrom('cases')
      .select('id')
      .where('client_token', 'like', 'screening:refusal-0001:%')
      .execute();
    expect(cases).toEqual([]);
  });

  it('completes the grid’s screening with a finding that becomes a case, once however often the phone resends', async () => {
    const payload = {
      clientToken: 'phone-token-grid-0001',
      checklist: checklist(['safety']),
      nothingFound: false,
      findings: [{ itemKey: 'safety', route: 'case', summary: '3 栋楼道堆放大量纸箱，存在消防隐患' }],
      note: '已提醒住户清理',
      ...here,
    };
    const first = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', payload);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'on_time', taskState: 'done', canRecord: false });
    const finding = first.body.record.findings[0];
    expect(finding).toMatchObject({ itemLabel: '安全隐患', route: 'case', disputeId: null });
    expect(finding.caseNumber).toMatch(/^GZ/);
    const kase = await sys.services.db
      .selectFrom('cases')
      .select(['channel', 'grid_id', 'title'])
      .where('id', '=', finding.caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ channel: 'screening', grid_id: org.grid });
    expect(kase.title).toContain('排查发现安全隐患');
    // The task: signed and completed through the machine, in the record's transaction.
    const events = await sys.services.db
      .selectFrom('task_events')
      .select(['type', 'to_state'])
      .where('task_id', '=', gridTask)
      .orderBy('version')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['create', 'sign', 'complete']);
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(gridTask))
      .where('action', '=', 'screening.record')
      .execute();
    expect(audit).toHaveLength(1);

    const resend = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', payload);
    expect([resend.status, resend.body.replayed, resend.body.record.id]).toEqual([200, true, first.body.record.id]);
    const cases = await sys.services.db
      .selectFrom('cases')
      .select('id')
      .where('client_token', 'like', 'screening:phone-token-grid-0001:%')
      .execute();
    expect(cases).toHaveLength(1);
    const another = await json('POST', `/api/screenings/${gridTask}/record`, 'grid', {
      ...payload,
      clientToken: 'phone-token-grid-0002',
    });
    expect([another.status, another.body.code]).toEqual([409, 'SCREENING_ALREADY_RECORDED']);
    // The same token on another screening: the other grid's is not even visible to this worker.
    const reused = await json('POST', `/api/screenings/${grid2Task}/record`, 'grid', payload);
    expect([reused.status, reused.body.code]).toEqual([404, 'SCREENING_NOT_FOUND']);
  });

  it('registers a village’s finding as a dispute record (source screening)', async () => {
    const r = await json('POST', `/api/screenings/${villageTask}/record`, 'village', {
      clientToken: 'village-weekly-0001',
      checklist: [...checklist(['dispute']), { key: 'group_risk', found: false }],
      nothingFound: false,
      findings: [
        {
          itemKey: 'dispute',
          route: 'dispute',
          summary: '两户因宅基地边界发生争执，需调解',
          gridId: org.grid,
          dispute: {
            typeCode: 'neighbour',
            parties: [
              { role: 'applicant', kind: 'person', name: '王建军' },
              { role: 'respondent', kind: 'person', name: '李国强' },
            ],
          },
        },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const f = r.body.record.findings[0];
    expect(f).toMatchObject({ route: 'dispute', caseId: null });
    expect(f.disputeNumber).toMatch(/^MD/);
    const dispute = await sys.services.db
      .selectFrom('disputes')
      .select(['source', 'source_ref'])
      .where('id', '=', f.disputeId)
      .executeTakeFirstOrThrow();
    expect(dispute).toEqual({ source: 'screening', source_ref: 'screening:village-weekly-0001:1' });
  });

  it('turns a missed screening red and shows it one level up, in the village’s 待排查 box', async () => {
    const now = sys.services.clock.now();
    await sys.services.clock.advance(chinaTime(monday, '17:31').getTime() - now.getTime());
    for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
    const missed = await json(
      'GET',
      `/api/screenings?scope=children&status=missed&from=${monday}&to=${monday}`,
      'village',
    );
    expect(missed.status).toBe(200);
    const ids = missed.body.items.map((i: { taskId: number }) => i.taskId);
    expect(ids).toContain(grid2Task);
    expect(ids).not.toContain(gridTask);
    expect(missed.body.items.find((i: { taskId: number }) => i.taskId === grid2Task)).toMatchObject({
      status: 'missed',
      statusLabel: '未排查',
      taskState: 'overdue',
    });
    const task = await sys.services.db
      .selectFrom('tasks')
      .select('supervisor_org_id')
      .where('id', '=', grid2Task)
      .executeTakeFirstOrThrow();
    expect(task.supervisor_org_id).toBe(org.village);
    const inbox = await json('GET', '/api/screenings/inbox', 'village');
    expect(inbox.body.missedBelow).toBeGreaterThanOrEqual(1);
    // The town sees villages (its children), not grids, among its children's missed ones.
    const town = await json('GET', `/api/screenings?scope=children&status=missed&from=${monday}&to=${monday}`, 'town');
    expect(town.body.items.every((i: { level: string }) => i.level === 'village')).toBe(true);
    // Another town sees none of it.
    const town2 = await json('GET', `/api/screenings?scope=all&from=${monday}&to=${monday}&level=grid`, 'town2');
    expect(town2.body.items.filter((i: { org: { id: number } }) => i.org.id === org.grid)).toEqual([]);
  });

  it('reports coverage with 排查完成率, the findings by type, an xlsx and the heat map', async () => {
    const r = await json('GET', `/api/screenings/coverage?from=${monday}&to=${monday}&level=grid`, 'village');
    expect(r.status).toBe(200);
    const row = (id: number | undefined) => r.body.rows.find((x: { org: { id: number } }) => x.org.id === id);
    expect(row(org.grid)).toMatchObject({ due: 1, onTime: 1, late: 0, missed: 0, rate: 1, findings: 1 });
    expect(row(grid2)).toMatchObject({ due: 1, onTime: 0, missed: 1, rate: 0, findings: 0 });
    expect(r.body.totals.due).toBe(r.body.rows.length);
    expect(r.body.totals.rate).toBeCloseTo(r.body.totals.onTime / r.body.totals.due);
    expect(r.body.formula).toContain('按时完成数 ÷ 应排查数');
    expect(r.body.findingsByType).toEqual([{ itemKey: 'safety', itemLabel: '安全隐患', cases: 1, disputes: 0 }]);
    const xlsx = await sys.request({
      method: 'GET',
      url: `/api/screenings/coverage?from=${monday}&to=${monday}&level=grid&format=xlsx`,
      headers: as.village,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const heat = await json('GET', `/api/screenings/heatmap?orgId=${org.grid}&year=${monday.slice(0, 4)}`, 'village');
    expect(heat.body.days.find((d: { day: string }) => d.day === monday)).toMatchObject({
      status: 'on_time',
      taskId: gridTask,
    });
    const hidden = await json('GET', `/api/screenings/heatmap?orgId=${org.grid}&year=2026`, 'town2');
    expect(hidden.status).toBe(404);
  });

  it('counts the day for 排查完成率 in the assessment, apart from 任务按期完成率', async () => {
    const after = await screeningFacts();
    const delta = (id: number, key: 'screening_due' | 'screening_on_time' | 'task_due') =>
      Number(after[id]?.[key]) - Number(factsBefore[id]?.[key]);
    // the grid recorded on time; the second grid missed the day (its clock ran out at 17:30)
    expect([delta(org.grid as number, 'screening_due'), delta(org.grid as number, 'screening_on_time')]).toEqual([
      1, 1,
    ]);
    expect([delta(grid2, 'screening_due'), delta(grid2, 'screening_on_time')]).toEqual([1, 0]);
    expect([delta(org.grid as number, 'task_due'), delta(grid2, 'task_due')]).toEqual([0, 0]);
    // a rebuild from the task histories counts the same
    await rebuildAssessment(sys.services.db);
    const rebuilt = await screeningFacts();
    expect(rebuilt[grid2]).toEqual(after[grid2]);
    expect(rebuilt[org.grid as number]).toEqual(after[org.grid as number]);
  });
});

describe('settings', () => {
  it('lets the administrator change a level’s cadence and checklist, guarded by the version', async () => {
    const list = await json('GET', '/api/screenings/settings', 'village');
    const village = list.body.items.find((s: { level: string }) => s.level === 'village');
    expect(list.body.items.map((s: { cadence: string }) => s.cadence)).toEqual([
      'daily',
      'weekly',
      'half_monthly',
      'monthly',
    ]);
    const body = {
      cadence: 'daily',
      checklist: [...village.checklist, { key: 'elderly', label: '独居老人走访' }],
      version: village.version,
    };
    const saved = await json('PUT', '/api/screenings/settings/village', 'admin', body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ cadence: 'daily', cadenceLabel: '每日', version: village.version + 1 });
    const stale = await json('PUT', '/api/screenings/settings/village', 'admin', body);
    expect([stale.status, stale.body.code]).toEqual([409, 'SCREENING_SETTINGS_CONFLICT']);
    const duplicate = await json('PUT', '/api/screenings/settings/village', 'admin', {
      ...body,
      checklist: [
        { key: 'a', label: 'A' },
        { key: 'a', label: 'B' },
      ],
      version: village.version + 1,
    });
    expect(duplicate.status).toBe(400);
    const notAdmin = await json('PUT', '/api/screenings/settings/village', 'town', body);
    expect(notAdmin.status).toBe(403);
    // Put it back for whoever runs next.
    await json('PUT', '/api/screenings/settings/village', 'admin', { ...village, version: village.version + 1 });
  });
});
