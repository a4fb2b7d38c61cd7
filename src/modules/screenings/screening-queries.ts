// Reading screenings: a unit's own (今日排查, 我的排查), its children's (the village sees which grids missed
// yesterday's screening, the town which villages missed this week's), one with its record, the inbox counts,
// the coverage report per period and level with 排查完成率, and a unit's year as a calendar heat map.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  addToCoverage,
  CADENCE_LABELS,
  COVERAGE_STATUS_LABELS,
  type CoverageStatus,
  coverageStatus,
  emptyCoverage,
  periodLabel,
  SCREENING_LEVEL_LABELS,
  SCREENING_RATE_FORMULA,
  type ScreeningLevel,
  screeningRate,
} from '../../domain/screening/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { screeningsVisibleTo } from './screening-scope.js';
import { readSettings } from './screening-settings.js';
import type {
  CoverageReport,
  CoverageRow,
  HeatMap,
  ScreeningDetail,
  ScreeningListItem,
  ScreeningRecordView,
} from './screening-views.js';

const OPEN_STATES = ['pending_sign', 'in_progress', 'overdue'] as const;

export interface ScreeningListQuery {
  /** mine: my unit's; children: the units one level below mine; all: my whole subtree. */
  scope?: 'mine' | 'children' | 'all';
  status?: CoverageStatus;
  level?: ScreeningLevel;
  orgId?: number;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

function baseQuery(db: Kysely<DB>, principal: Principal) {
  return db
    .selectFrom('screening_tasks')
    .innerJoin('tasks', 'tasks.id', 'screening_tasks.task_id')
    .innerJoin('orgs', 'orgs.id', 'screening_tasks.org_id')
    .leftJoin('screening_records', 'screening_records.task_id', 'screening_tasks.task_id')
    .where(screeningsVisibleTo(principal));
}

const LIST_COLUMNS = [
  'screening_tasks.task_id',
  'screening_tasks.org_id',
  'screening_tasks.parent_org_id',
  'screening_tasks.level',
  'screening_tasks.cadence',
  'screening_tasks.period_start',
  'screening_tasks.period_end',
  'screening_tasks.due_day',
  'screening_tasks.due_at',
  'tasks.number',
  'tasks.version',
  'tasks.state',
  'tasks.completed_at',
  'orgs.name as org_name',
  'screening_records.id as record_id',
] as const;

type ListRow = {
  task_id: number;
  org_id: number;
  parent_org_id: number | null;
  level: ScreeningLevel;
  cadence: ScreeningListItem['cadence'];
  period_start: string;
  period_end: string;
  due_day: string;
  due_at: Date;
  number: string;
  version: number;
  state: string;
  completed_at: Date | null;
  org_name: string;
  record_id: number | null;
};

function toItem(r: ListRow, now: Date): ScreeningListItem {
  const status = coverageStatus(
    {
      dueAt: new Date(r.due_at),
      state: r.state as 'done',
      completedAt: r.completed_at ? new Date(r.completed_at) : null,
    },
    now,
  );
  return {
    taskId: Number(r.task_id),
    taskNumber: r.number,
    taskVersion: r.version,
    taskState: r.state,
    org: { id: r.org_id, name: r.org_name },
    parentOrgId: r.parent_org_id,
    level: r.level,
    levelLabel: SCREENING_LEVEL_LABELS[r.level],
    cadence: r.cadence,
    cadenceLabel: CADENCE_LABELS[r.cadence],
    periodStart: r.period_start,
    periodEnd: r.period_end,
    periodLabel: periodLabel({ start: r.period_start, end: r.period_end }),
    dueDay: r.due_day,
    dueAt: new Date(r.due_at).toISOString(),
    status,
    statusLabel: COVERAGE_STATUS_LABELS[status],
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    recordId: r.record_id === null ? null : Number(r.record_id),
  };
}

export class ScreeningQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, q: ScreeningListQuery): Promise<{ items: ScreeningListItem[]; total: number }> {
    const now = this.clock.now();
    let query = baseQuery(this.db, principal);
    const scope = q.scope ?? 'all';
    if (scope === 'mine') query = query.where('screening_tasks.org_id', '=', principal.orgId ?? -1);
    if (scope === 'children') query = query.where('screening_tasks.parent_org_id', '=', principal.orgId ?? -1);
    if (q.level) query = query.where('screening_tasks.level', '=', q.level);
    if (q.orgId) query = query.where('screening_tasks.org_id', '=', q.orgId);
    if (q.from) query = query.where('screening_tasks.due_day', '>=', q.from);
    if (q.to) query = query.where('screening_tasks.due_day', '<=', q.to);
    switch (q.status) {
      case 'missed':
        query = query.where('tasks.state', 'in', OPEN_STATES).where('screening_tasks.due_at', '<', now);
        break;
      case 'open':
        query = query.where('tasks.state', 'in', OPEN_STATES).where('screening_tasks.due_at', '>=', now);
        break;
      case 'on_time':
        query = query.where('tasks.state', '=', 'done').where('tasks.completed_late', '=', false);
        break;
      case 'late':
        query = query.where('tasks.state', '=', 'done').where('tasks.completed_late', '=', true);
        break;
      case 'cancelled':
        query = query.where('tasks.state', '=', 'cancelled');
        break;
    }
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const [rows, count] = await Promise.all([
      query
        .select([...LIST_COLUMNS])
        .orderBy('screening_tasks.due_at', q.status === 'open' ? 'asc' : 'desc')
        .orderBy('orgs.path')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toItem(r as ListRow, now)), total: Number(count.n) };
  }

  /** 待排查: my unit's screenings still to do (those already red among them), and the units below that missed one. */
  async inbox(principal: Principal): Promise<{ todo: number; overdue: number; missedBelow: number }> {
    const now = this.clock.now();
    const open = (q: ReturnType<typeof baseQuery>) => q.where('tasks.state', 'in', OPEN_STATES);
    const count = async (q: ReturnType<typeof baseQuery>) =>
      Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const mine = open(baseQuery(this.db, principal)).where('screening_tasks.org_id', '=', principal.orgId ?? -1);
    const [todo, overdue, missedBelow] = await Promise.all([
      count(mine),
      count(mine.where('screening_tasks.due_at', '<', now)),
      count(
        open(baseQuery(this.db, principal))
          .where('screening_tasks.parent_org_id', '=', principal.orgId ?? -1)
          .where('screening_tasks.due_at', '<', now),
      ),
    ]);
    return { todo, overdue, missedBelow };
  }

  async get(principal: Principal, taskId: number): Promise<ScreeningDetail> {
    const now = this.clock.now();
    const row = await baseQuery(this.db, principal)
      .select([...LIST_COLUMNS])
      .where('screening_tasks.task_id', '=', taskId)
      .executeTakeFirst();
    if (!row) throw new AppError('SCREENING_NOT_FOUND', { details: { taskId } });
    const item = toItem(row as ListRow, now);
    const record = item.recordId === null ? null : await this.record(item.recordId);
    const setting = (await readSettings(this.db)).get(item.level);
    return {
      ...item,
      checklist: record ? record.checklist.map((c) => ({ key: c.key, label: c.label })) : (setting?.checklist ?? []),
      canRecord:
        record === null &&
        (OPEN_STATES as readonly string[]).includes(item.taskState) &&
        item.org.id === principal.orgId &&
        principal.permissions.has('screening.record'),
      locationRequired: item.level === 'grid',
      record,
    };
  }

  private async record(id: number): Promise<ScreeningRecordView> {
    const [r, findings] = await Promise.all([
      this.db
        .selectFrom('screening_records')
        .leftJoin('users', 'users.id', 'screening_records.recorded_by')
        .selectAll('screening_records')
        .select('users.display_name')
        .where('screening_records.id', '=', id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('screening_findings')
        .leftJoin('cases', 'cases.id', 'screening_findings.case_id')
        .leftJoin('disputes', 'disputes.id', 'screening_findings.dispute_id')
        .selectAll('screening_findings')
        .select(['cases.number as case_number', 'disputes.number as dispute_number'])
        .where('record_id', '=', id)
        .orderBy('seq')
        .execute(),
    ]);
    return {
      id: Number(r.id),
      checklist: r.checklist,
      nothingFound: r.nothing_found,
      note: r.note,
      findings: findings.map((f) => ({
        seq: f.seq,
        itemKey: f.item_key,
        itemLabel: f.item_label,
        route: f.route,
        summary: f.summary,
        caseId: f.case_id === null ? null : Number(f.case_id),
        caseNumber: f.case_number,
        disputeId: f.dispute_id === null ? null : Number(f.dispute_id),
        disputeNumber: f.dispute_number,
      })),
      attachmentIds: r.attachment_ids,
      lat: r.lat,
      lng: r.lng,
      recordedBy: r.display_name,
      recordedAt: new Date(r.recorded_at).toISOString(),
      late: r.late,
    };
  }

  /** Coverage per unit of one level over the screenings due within [from, to]. */
  async coverage(
    principal: Principal,
    q: { from: string; to: string; level: ScreeningLevel },
  ): Promise<CoverageReport> {
    const now = this.clock.now();
    const rows = await baseQuery(this.db, principal)
      .select([...LIST_COLUMNS, 'orgs.path'])
      .where('screening_tasks.level', '=', q.level)
      .where('screening_tasks.due_day', '>=', q.from)
      .where('screening_tasks.due_day', '<=', q.to)
      .orderBy('orgs.path')
      .execute();
    const findingRows = await this.db
      .selectFrom('screening_findings')
      .innerJoin('screening_records', 'screening_records.id', 'screening_findings.record_id')
      .innerJoin('screening_tasks', 'screening_tasks.task_id', 'screening_records.task_id')
      .select([
        'screening_tasks.org_id',
        'screening_findings.item_key',
        'screening_findings.item_label',
        'screening_findings.route',
        (eb) => eb.fn.countAll<string>().as('n'),
      ])
      .where(screeningsVisibleTo(principal))
      .where('screening_tasks.level', '=', q.level)
      .where('screening_tasks.due_day', '>=', q.from)
      .where('screening_tasks.due_day', '<=', q.to)
      .groupBy([
        'screening_tasks.org_id',
        'screening_findings.item_key',
        'screening_findings.item_label',
        'screening_findings.route',
      ])
      .execute();
    const byOrg = new Map<number, CoverageRow>();
    let totals = emptyCoverage();
    for (const r of rows) {
      const item = toItem(r as ListRow, now);
      const row = byOrg.get(item.org.id) ?? { org: item.org, ...emptyCoverage(), rate: null, findings: 0 };
      const next = addToCoverage(row, item.status);
      byOrg.set(item.org.id, { ...row, ...next, rate: screeningRate(next) });
      totals = addToCoverage(totals, item.status);
    }
    const types = new Map<string, { itemKey: string; itemLabel: string; cases: number; disputes: number }>();
    let findingsTotal = 0;
    for (const f of findingRows) {
      const n = Number(f.n);
      findingsTotal += n;
      const row = byOrg.get(f.org_id);
      if (row) row.findings += n;
      const t = types.get(f.item_key) ?? { itemKey: f.item_key, itemLabel: f.item_label, cases: 0, disputes: 0 };
      if (f.route === 'case') t.cases += n;
      else t.disputes += n;
      types.set(f.item_key, t);
    }
    return {
      from: q.from,
      to: q.to,
      level: q.level,
      levelLabel: SCREENING_LEVEL_LABELS[q.level],
      formula: SCREENING_RATE_FORMULA,
      totals: { ...totals, rate: screeningRate(totals), findings: findingsTotal },
      rows: [...byOrg.values()],
      findingsByType: [...types.values()].sort((a, b) => b.cases + b.disputes - (a.cases + a.disputes)),
    };
  }

  /** One unit's screenings of a year, day by day (the echarts calendar). */
  async heatmap(principal: Principal, q: { orgId: number; year: number }): Promise<HeatMap> {
    const now = this.clock.now();
    const org = await this.db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('id', '=', q.orgId)
      .where('county_code', '=', principal.countyCode ?? '∅')
      .executeTakeFirst();
    if (!org || !(principal.scopeOrgIds.includes(org.id) || isCountyRoot(principal))) {
      throw new AppError('ORG_NOT_FOUND', { details: { orgId: q.orgId } });
    }
    const rows = await baseQuery(this.db, principal)
      .select([...LIST_COLUMNS])
      .where('screening_tasks.org_id', '=', q.orgId)
      .where('screening_tasks.due_day', '>=', `${q.year}-01-01`)
      .where('screening_tasks.due_day', '<=', `${q.year}-12-31`)
      .orderBy('screening_tasks.due_day')
      .execute();
    return {
      org,
      year: q.year,
      days: rows.map((r) => {
        const item = toItem(r as ListRow, now);
        return { day: item.dueDay, status: item.status, taskId: item.taskId };
      }),
    };
  }
}
