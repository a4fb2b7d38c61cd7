// Import of base records from an xlsx file, all or nothing. The file is read from disk twice, one row at a
// time (bounded memory for 100,000 rows): the first pass checks every row and reports each bad one with its
// row number, column and reason (ID number check digit or birth date, phone, unknown grid, a point outside
// its grid, a duplicate key in the file, a code already used outside the importer's grids), and counts what
// would be created or updated; a dry run stops there. The second pass writes every row in ONE transaction,
// updating by natural key (a person's ID number in the grid; the code of the others) instead of duplicating,
// with each record's history. Progress lives in memory for the page's polling and in the job row at each phase.
import { rm } from 'node:fs/promises';
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  diffRecord,
  GRID_COLUMN,
  KIND_FIELDS,
  type RecordKind,
  type RecordValues,
  type RowProblem,
  validateRow,
} from '../../domain/grid-data/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { type GridRef, gridsUnder } from './grid-data-scope.js';
import { columnsOf, comparableOfValues, comparableValues, historyMask } from './record-codec.js';
import {
  householdsOfVillages,
  placementProblems,
  type ReadingContext,
  readingContext,
  refreshDuplicates,
  writeChanges,
} from './record-rules.js';
import { readRows } from './sheets.js';

export const MAX_IMPORT_ROWS = 200_000;
const MAX_REPORTED_ERRORS = 1000;
const BATCH = 500;

export interface ImportProgress {
  id: number;
  kind: RecordKind;
  status: 'checking' | 'writing' | 'done' | 'refused' | 'failed';
  dryRun: boolean;
  fileName: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errorCount: number;
  errors: RowProblem[];
  message: string | null;
}

interface LiveJob extends ImportProgress {
  countyCode: string;
  orgId: number;
  userId: number | null;
}

/** The jobs running in this process (their progress is read from here, not from the database). */
export const liveImports = new Map<number, LiveJob>();

interface PlannedRow {
  row: number;
  grid: GridRef;
  value: RecordValues;
}

/** A row checked: its values and grid, or its problems. */
function checkRow(
  kind: RecordKind,
  row: number,
  cells: Record<string, unknown>,
  ctx: ReadingContext,
  grids: { byKey: Map<string, GridRef>; only: GridRef | null; orgName: string },
  households: Map<string, { id: number; villageId: number }>,
): { planned?: PlannedRow; problems: RowProblem[] } {
  const { value, problems } = validateRow(kind, row, cells, ctx);
  const gridText = String(cells[GRID_COLUMN] ?? '').trim();
  const grid = gridText ? grids.byKey.get(gridText) : grids.only;
  if (!grid) {
    problems.push({
      row,
      column: GRID_COLUMN,
      reason: gridText ? `「${gridText}」不是${grids.orgName}的网格` : '请填写所属网格（网格编码或名称）',
    });
    return { problems };
  }
  if (!problems.length) {
    for (const p of placementProblems(kind, value, grid, (c) => households.get(c))) {
      problems.push({ row, column: p.column, reason: p.reason });
    }
  }
  return { planned: problems.length ? undefined : { row, grid, value }, problems };
}

function keyOf(kind: RecordKind, p: PlannedRow, blind: (s: string) => string): string {
  return kind === 'person' ? blind(String(p.value.idNumber)) : String(p.value[KIND_FIELDS[kind][0]?.key as string]);
}

export async function startImport(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  input: { orgId: number; filePath: string; fileName: string; dryRun: boolean },
): Promise<ImportProgress> {
  const grids = await gridsUnder(deps.db, principal, input.orgId);
  if (!grids.length)
    throw new AppError('VALIDATION_FAILED', { message: '所选单位下没有网格', details: { field: 'orgId' } });
  const org = await deps.db
    .selectFrom('orgs')
    .select(['name', 'county_code'])
    .where('id', '=', input.orgId)
    .executeTakeFirstOrThrow();
  const job = await deps.db
    .insertInto('grid_data_imports')
    .values({
      kind,
      county_code: org.county_code,
      org_id: input.orgId,
      user_id: principal.userId,
      file_name: input.fileName,
      dry_run: input.dryRun,
      status: 'checking',
      created_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const live: LiveJob = {
    id: job.id,
    kind,
    status: 'checking',
    dryRun: input.dryRun,
    fileName: input.fileName,
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    errorCount: 0,
    errors: [],
    message: null,
    countyCode: org.county_code,
    orgId: input.orgId,
    userId: principal.userId,
  };
  liveImports.set(job.id, live);
  const done = runImport(deps, principal, kind, live, grids, org.name, input.filePath)
    .catch(async (error) => {
      live.status = 'failed';
      const unreadable = !(error instanceof AppError) && /signature|zip|end of central directory/i.test(String(error));
      live.message =
        error instanceof AppError
          ? error.message
          : unreadable
            ? '无法读取文件：请上传 xlsx 格式的表格（可先下载导入模板），未导入任何数据'
            : '导入失败，未导入任何数据，请稍后重试';
      if (!(error instanceof AppError) && !unreadable) console.error('grid data import failed', error);
    })
    .then(async () => {
      await deps.db
        .updateTable('grid_data_imports')
        .set({
          status: live.status,
          total: live.total,
          processed: live.processed,
          created: live.created,
          updated: live.updated,
          error_count: live.errorCount,
          errors: JSON.stringify(live.errors),
          message: live.message,
          finished_at: deps.clock.now(),
        })
        .where('id', '=', live.id)
        .execute();
      liveImports.delete(live.id);
      await rm(input.filePath, { force: true });
    });
  runningImports.add(done);
  // a failure to record the outcome (the database went away) is logged, not left to stop the process
  done
    .catch((error) => console.error('grid data import: could not record its outcome', error))
    .finally(() => runningImports.delete(done));
  return publicOf(live);
}

/** Settled when every import of this process has finished (tests, shutdown). */
export const runningImports = new Set<Promise<void>>();

function publicOf(j: LiveJob): ImportProgress {
  const { countyCode: _c, orgId: _o, userId: _u, ...rest } = j;
  return { ...rest, errors: [...rest.errors] };
}

async function runImport(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  live: LiveJob,
  grids: GridRef[],
  orgName: string,
  filePath: string,
): Promise<void> {
  const ctx = await readingContext(deps, principal);
  const countyCode = live.countyCode;
  const byKey = new Map<string, GridRef>();
  for (const g of grids) {
    byKey.set(g.code, g);
    byKey.set(g.name, g);
  }
  const gridInfo = { byKey, only: grids.length === 1 ? (grids[0] as GridRef) : null, orgName };
  const villageIds = [...new Set(grids.map((g) => g.villageId))];
  const households = kind === 'person' ? await householdsOfVillages(deps.db, countyCode, villageIds) : new Map();
  const inScope = new Set(grids.map((g) => g.id));
  const blind = (s: string) => deps.crypto.blindIndex(s);

  const report = (p: RowProblem) => {
    live.errorCount++;
    if (live.errors.length < MAX_REPORTED_ERRORS) live.errors.push(p);
  };

  // ── pass 1: check every row ──
  const seen = new Map<string, number>();
  let batch: PlannedRow[] = [];
  let headerChecked = false;
  const lookup = async () => {
    if (!batch.length) return;
    const existing = await existingOf(deps.db, kind, countyCode, batch, blind);
    for (const p of batch) {
      const found = existing.get(existingKey(kind, p, blind));
      if (!found) live.created++;
      else if (!inScope.has(found.grid_id) && !isCountyRoot(principal)) {
        report({ row: p.row, column: KIND_FIELDS[kind][0]?.label as string, reason: '该编码已被其他网格的记录使用' });
      } else live.updated++;
    }
    batch = [];
  };
  for await (const item of readRows(filePath)) {
    if ('header' in item) {
      const missing = KIND_FIELDS[kind].filter((f) => f.required && !item.header.includes(f.label)).map((f) => f.label);
      if (missing.length) {
        report({ row: 1, column: missing.join('、'), reason: `缺少必填列「${missing.join('、')}」，请使用导入模板` });
        break;
      }
      headerChecked = true;
      continue;
    }
    live.total++;
    if (live.total > MAX_IMPORT_ROWS) {
      report({ row: item.row, column: '', reason: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件` });
      break;
    }
    const { planned, problems } = checkRow(kind, item.row, item.cells, ctx, gridInfo, households);
    for (const p of problems) report(p);
    if (planned) {
      const key = `${kind === 'person' ? planned.grid.id : ''}|${keyOf(kind, planned, blind)}`;
      const earlier = seen.get(key);
      if (earlier) {
        report({
          row: item.row,
          column: KIND_FIELDS[kind][kind === 'person' ? 1 : 0]?.label as string,
          reason: `与第 ${earlier} 行重复`,
        });
      } else {
        seen.set(key, item.row);
        batch.push(planned);
        if (batch.length >= BATCH) await lookup();
      }
    }
    live.processed = live.total;
  }
  await lookup();
  seen.clear();
  if (!headerChecked && live.errorCount === 0) report({ row: 1, column: '', reason: '文件中没有表头或工作表' });
  if (live.errorCount === 0 && live.total === 0) report({ row: 2, column: '', reason: '文件中没有数据行' });
  if (live.errorCount > 0) {
    live.errors.sort((a, b) => a.row - b.row);
    live.status = 'refused';
    live.message = `导入文件有 ${live.errorCount} 处错误，未导入任何数据`;
    live.created = 0;
    live.updated = 0;
    return;
  }
  if (live.dryRun) {
    live.status = 'done';
    live.message = `检查通过：将新增 ${live.created} 条、更新 ${live.updated} 条（试导入，未写入）`;
    return;
  }

  // ── pass 2: write every row in one transaction ──
  live.status = 'writing';
  live.processed = 0;
  await deps.db
    .updateTable('grid_data_imports')
    .set({ status: 'writing', total: live.total })
    .where('id', '=', live.id)
    .execute();
  const now = deps.clock.now();
  let created = 0;
  let updated = 0;
  await deps.db.transaction().execute(async (trx) => {
    let rows: PlannedRow[] = [];
    const flush = async () => {
      const r = await writeBatch(deps, trx, principal, kind, countyCode, rows, now);
      created += r.created;
      updated += r.updated;
      live.processed += rows.length;
      rows = [];
    };
    for await (const item of readRows(filePath)) {
      if ('header' in item) continue;
      const { planned } = checkRow(kind, item.row, item.cells, ctx, gridInfo, households);
      if (!planned)
        throw new AppError('IMPORT_INVALID', { message: `第 ${item.row} 行在导入过程中发生变化，未导入任何数据` });
      rows.push(planned);
      if (rows.length >= BATCH) await flush();
    }
    await flush();
    await deps.audit.record(
      principal,
      {
        action: 'griddata.import',
        targetType: `grid_${kind}`,
        details: { orgId: live.orgId, rows: live.total, created, updated },
      },
      trx,
    );
  });
  live.created = created;
  live.updated = updated;
  live.status = 'done';
  live.message = `已导入 ${live.total} 行：新增 ${created} 条，更新 ${updated} 条`;
}

function existingKey(kind: RecordKind, p: PlannedRow, blind: (s: string) => string): string {
  return kind === 'person' ? `${p.grid.id}|${blind(String(p.value.idNumber))}` : keyOf(kind, p, blind);
}

async function existingOf(
  db: GridDataDeps['db'] | Transaction<DB>,
  kind: RecordKind,
  countyCode: string,
  rows: PlannedRow[],
  blind: (s: string) => string,
) {
  const keys = [...new Set(rows.map((p) => keyOf(kind, p, blind)))];
  const found = await db
    .selectFrom('grid_records')
    .selectAll()
    .where('kind', '=', kind)
    .where('county_code', '=', countyCode)
    .where('natural_key', 'in', keys)
    .execute();
  return new Map(found.map((r) => [kind === 'person' ? `${r.grid_id}|${r.natural_key}` : r.natural_key, r]));
}

async function writeBatch(
  deps: GridDataDeps,
  trx: Transaction<DB>,
  principal: Principal,
  kind: RecordKind,
  countyCode: string,
  rows: PlannedRow[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  if (!rows.length) return { created: 0, updated: 0 };
  const blind = (s: string) => deps.crypto.blindIndex(s);
  const existing = await existingOf(trx, kind, countyCode, rows, blind);
  const villageIds = [...new Set(rows.map((r) => r.grid.villageId))];
  const households = kind === 'person' ? await householdsOfVillages(trx, countyCode, villageIds) : new Map();
  const inserts = [];
  const insertChanges: ReturnType<typeof diffRecord>[] = [];
  const changeEntries: Parameters<typeof writeChanges>[3] = [];
  const personKeys: string[] = [];
  let updated = 0;
  for (const p of rows) {
    const current = existing.get(existingKey(kind, p, blind));
    const { values: comparable, masks } = comparableOfValues(kind, p.value, deps.crypto);
    const cols = columnsOf(kind, p.value, deps.crypto);
    if (cols.id_index) personKeys.push(cols.id_index);
    const householdId =
      typeof p.value.householdCode === 'string' ? (households.get(p.value.householdCode)?.id ?? null) : null;
    if (!current) {
      inserts.push({
        kind,
        county_code: countyCode,
        town_id: p.grid.townId,
        village_id: p.grid.villageId,
        grid_id: p.grid.id,
        ...cols,
        attrs: JSON.stringify(cols.attrs),
        household_id: householdId,
        created_at: now,
        updated_at: now,
      });
      insertChanges.push(diffRecord(kind, null, comparable, historyMask(masks)));
      continue;
    }
    if (current.id_index && current.id_masked) masks.set(current.id_index, current.id_masked);
    if (current.phone_index && current.phone_masked) masks.set(current.phone_index, current.phone_masked);
    const changes = diffRecord(kind, comparableValues(kind, current), comparable, historyMask(masks));
    if (current.grid_id !== p.grid.id)
      changes.push({ field: 'gridId', label: '所属网格', from: current.grid_id, to: p.grid.id });
    updated++;
    if (!changes.length && !current.archived) continue;
    await trx
      .updateTable('grid_records')
      .set({
        ...cols,
        attrs: JSON.stringify(cols.attrs),
        grid_id: p.grid.id,
        village_id: p.grid.villageId,
        town_id: p.grid.townId,
        household_id: householdId,
        archived: false,
        version: sql`version + 1`,
        updated_at: now,
      })
      .where('id', '=', current.id)
      .execute();
    changeEntries.push({ recordId: current.id, action: 'import', changes });
  }
  if (inserts.length) {
    const ids = await trx.insertInto('grid_records').values(inserts).returning('id').execute();
    ids.forEach((r, i) => {
      changeEntries.push({ recordId: r.id, action: 'import', changes: insertChanges[i] ?? [] });
    });
  }
  await writeChanges(trx, principal, now, changeEntries);
  if (kind === 'person') await refreshDuplicates(trx, countyCode, personKeys);
  return { created: inserts.length, updated };
}

/** A job's progress: from memory while it runs in this process, else from its row. */
export async function importProgress(deps: GridDataDeps, principal: Principal, id: number): Promise<ImportProgress> {
  const visible = (orgId: number, countyCode: string, userId: number | null) =>
    principal.role !== 'citizen' &&
    countyCode === principal.countyCode &&
    (userId === principal.userId || isCountyRoot(principal) || principal.scopeOrgIds.includes(orgId));
  const live = liveImports.get(id);
  if (live) {
    if (!visible(live.orgId, live.countyCode, live.userId)) throw new AppError('GRID_IMPORT_NOT_FOUND');
    return publicOf(live);
  }
  const row = await deps.db.selectFrom('grid_data_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !visible(row.org_id, row.county_code, row.user_id)) throw new AppError('GRID_IMPORT_NOT_FOUND');
  return {
    id: row.id,
    kind: row.kind as RecordKind,
    status: row.status,
    dryRun: row.dry_run,
    fileName: row.file_name,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    errorCount: row.error_count,
    errors: row.errors as RowProblem[],
    message: row.message,
  };
}
