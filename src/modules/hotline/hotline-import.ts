// Batch import of hotline orders from the spreadsheet a hotline exports: upload → preview (sample rows, the
// category mapping, every bad row with its number) → start → batches run by the background job (whichever
// server process takes the lease), progress polled by the page. Each order goes through the same path as a
// push, so importing the same file again creates nothing new.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import ExcelJS from '../../core/exceljs.js';
import type { DB } from '../../db/schema.js';
import { checkHotlineOrder, type HotlineOrder, type HotlineOrderInput } from '../../domain/intake/hotline-order.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { ImportError } from '../orgs/org-import.js';
import { readTable } from '../orgs/org-import.js';
import type { HotlineService } from './hotline-service.js';

/** The columns a 12345 hotline export carries (the first and the content are required). */
export const HOTLINE_COLUMNS = [
  '工单编号',
  '来电时间',
  '来电人',
  '联系电话',
  '诉求内容',
  '诉求类型',
  '地址',
  '经度',
  '纬度',
  '紧急程度',
] as const;
type Column = (typeof HOTLINE_COLUMNS)[number];
export const MAX_HOTLINE_IMPORT_ROWS = 50_000;
const BATCH = 50;
const LEASE_MS = 120_000;

interface StoredRow {
  row: number;
  order: HotlineOrder;
}

function toInput(values: Partial<Record<Column, string>>): HotlineOrderInput {
  return {
    orderNo: values.工单编号,
    callTime: values.来电时间,
    callerName: values.来电人,
    callerPhone: values.联系电话,
    content: values.诉求内容,
    hotlineCategory: values.诉求类型,
    address: values.地址,
    lng: values.经度,
    lat: values.纬度,
    urgency: values.紧急程度,
  };
}

const FIELD_COLUMN: Record<string, Column> = {
  orderNo: '工单编号',
  callTime: '来电时间',
  callerName: '来电人',
  callerPhone: '联系电话',
  content: '诉求内容',
  hotlineCategory: '诉求类型',
  address: '地址',
  lng: '经度',
  lat: '纬度',
  urgency: '紧急程度',
};

export class HotlineImporter {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly hotline: HotlineService,
  ) {}

  /** Reads and checks a file; keeps its good rows in a preview the administrator then starts. */
  async preview(principal: Principal, file: { fileName: string; bytes: Buffer }) {
    const rows = await readTable(file.bytes, file.fileName, {
      columns: HOTLINE_COLUMNS,
      required: ['工单编号', '诉求内容'],
      maxRows: MAX_HOTLINE_IMPORT_ROWS,
    });
    if (rows.length === 0) throw new AppError('IMPORT_INVALID', { message: '文件中没有数据行' });
    const errors: ImportError[] = [];
    const good: StoredRow[] = [];
    const seen = new Map<string, number>();
    for (const { row, values } of rows) {
      const checked = checkHotlineOrder(toInput(values));
      if (!checked.ok) {
        for (const p of checked.problems) errors.push({ row, column: FIELD_COLUMN[p.field], message: p.message });
        continue;
      }
      const earlier = seen.get(checked.order.orderNo);
      if (earlier) {
        errors.push({ row, column: '工单编号', message: `工单编号与第 ${earlier} 行重复` });
        continue;
      }
      seen.set(checked.order.orderNo, row);
      good.push({ row, order: checked.order });
    }
    // Rows no place can be found for are reported now, not discovered half-way through the import.
    for (const g of good.slice()) {
      try {
        await this.hotline.placeOf(g.order, principal.countyCode);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ row: g.row, column: '地址', message: error.message });
        good.splice(good.indexOf(g), 1);
      }
    }
    errors.sort((a, b) => a.row - b.row);
    const existing = new Set<string>();
    const numbers = good.map((g) => g.order.orderNo);
    for (let i = 0; i < numbers.length; i += 1000) {
      const found = await this.db
        .selectFrom('cases')
        .select('external_ref')
        .where('channel', '=', 'hotline')
        .where('external_ref', 'in', numbers.slice(i, i + 1000))
        .execute();
      for (const f of found) if (f.external_ref) existing.add(f.external_ref);
    }
    const categories = await this.hotline.resolveCategories(good.map((g) => g.order.hotlineCategory ?? ''));
    const counts = new Map<string, number>();
    for (const g of good)
      if (g.order.hotlineCategory) counts.set(g.order.hotlineCategory, (counts.get(g.order.hotlineCategory) ?? 0) + 1);

    const sha = createHash('sha256').update(file.bytes).digest('hex');
    const job = await this.db
      .insertInto('hotline_imports')
      .values({
        file_name: file.fileName.slice(0, 200),
        file_sha256: sha,
        status: 'preview',
        total: good.length,
        rows: JSON.stringify(good),
        errors: JSON.stringify(errors),
        org_id: principal.orgId ?? 0,
        created_by: principal.userId,
        created_at: this.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      importId: job.id,
      fileName: file.fileName,
      rows: rows.length,
      valid: good.length,
      alreadyImported: good.filter((g) => existing.has(g.order.orderNo)).length,
      errors,
      categories: categories.map((c) => ({ ...c, rows: counts.get(c.hotlineCategory) ?? 0 })),
      sample: good.slice(0, 20).map((g) => ({ row: g.row, ...g.order, exists: existing.has(g.order.orderNo) })),
    };
  }

  /** Starts a previewed import; the background job does the work. */
  async start(principal: Principal, id: number) {
    const job = await this.find(principal, id);
    if (job.status !== 'preview') return this.progress(principal, id);
    if (job.total === 0) {
      throw new AppError('IMPORT_INVALID', { message: '文件中没有可导入的行，请先修正错误行后重新上传' });
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('hotline_imports')
        .set({ status: 'running', started_at: this.clock.now() })
        .where('id', '=', id)
        .where('status', '=', 'preview')
        .execute();
      await this.audit.record(
        principal,
        {
          action: 'hotline.import',
          targetType: 'hotline_import',
          targetId: id,
          details: { file: job.file_name, rows: job.total },
        },
        trx,
      );
    });
    return this.progress(principal, id);
  }

  async progress(principal: Principal, id: number) {
    const job = await this.find(principal, id);
    return view(job);
  }

  async list(principal: Principal) {
    const rows = await this.scoped(principal).orderBy('hotline_imports.id', 'desc').limit(20).execute();
    return { items: rows.map(view) };
  }

  private scoped(principal: Principal) {
    return this.db
      .selectFrom('hotline_imports')
      .innerJoin('orgs', 'orgs.id', 'hotline_imports.org_id')
      .select([
        'hotline_imports.id',
        'hotline_imports.file_name',
        'hotline_imports.status',
        'hotline_imports.total',
        'hotline_imports.processed',
        'hotline_imports.created',
        'hotline_imports.updated',
        'hotline_imports.unchanged',
        'hotline_imports.failed',
        'hotline_imports.errors',
        'hotline_imports.created_at',
        'hotline_imports.started_at',
        'hotline_imports.finished_at',
      ])
      .where('orgs.path', 'like', `${principal.scopePath ?? '∅'}%`);
  }

  private async find(principal: Principal, id: number) {
    const job = await this.scoped(principal).where('hotline_imports.id', '=', id).executeTakeFirst();
    if (!job) throw new AppError('IMPORT_NOT_FOUND');
    return job;
  }

  /**
   * One batch of one running import (the background job's pass). The lease keeps other processes off it; a
   * process that dies mid-batch leaves the lease to expire, and the batch is redone — harmlessly, since every
   * order is idempotent. Returns true when more work waits.
   */
  async runBatch(): Promise<boolean> {
    const now = this.clock.now();
    const wall = new Date();
    const claimed = await this.db.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom('hotline_imports')
        .select(['id', 'processed', 'total', 'org_id'])
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', wall)]))
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) return null;
      await trx
        .updateTable('hotline_imports')
        .set({ leased_until: new Date(wall.getTime() + LEASE_MS) })
        .where('id', '=', job.id)
        .execute();
      const slice = await sql<{ item: StoredRow }>`
        SELECT item FROM hotline_imports, jsonb_array_elements(rows) WITH ORDINALITY AS t(item, n)
        WHERE id = ${job.id} AND n > ${job.processed} AND n <= ${job.processed + BATCH} ORDER BY n`.execute(trx);
      return {
        job,
        rows: slice.rows.map((r) => (typeof r.item === 'string' ? JSON.parse(r.item) : r.item) as StoredRow),
      };
    });
    if (!claimed) return false;
    const { job, rows } = claimed;
    const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const errors: ImportError[] = [];
    const county = await this.db
      .selectFrom('orgs')
      .select('county_code')
      .where('id', '=', job.org_id)
      .executeTakeFirst();
    for (const r of rows) {
      try {
        const receipt = await this.hotline.receiveOrder(r.order, null, county?.county_code ?? null);
        counts[receipt.result] += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        counts.failed += 1;
        errors.push({ row: r.row, message: error.message });
      }
    }
    const processed = job.processed + rows.length;
    const done = processed >= job.total;
    await this.db
      .updateTable('hotline_imports')
      .set((eb) => ({
        processed,
        created: eb('created', '+', counts.created),
        updated: eb('updated', '+', counts.updated),
        unchanged: eb('unchanged', '+', counts.unchanged),
        failed: eb('failed', '+', counts.failed),
        ...(errors.length ? { errors: sql<string>`errors || ${JSON.stringify(errors)}::jsonb` } : {}),
        leased_until: null,
        ...(done ? { status: 'done' as const, finished_at: now } : {}),
      }))
      .where('id', '=', job.id)
      .execute();
    return true;
  }
}

function view(job: {
  id: number;
  file_name: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: unknown;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}) {
  return {
    id: job.id,
    fileName: job.file_name,
    status: job.status,
    total: job.total,
    processed: job.processed,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    failed: job.failed,
    errors: job.errors as ImportError[],
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  };
}

export async function hotlineTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('12345工单');
  sheet.addRow([...HOTLINE_COLUMNS]);
  sheet.addRow([
    'HL2026030100001',
    '2026-03-01 09:30',
    '张先生',
    '13800001111',
    '小区门口路灯坏了一个多月，晚上出行不便，希望尽快修复。',
    '城乡建设',
    '青溪县青溪街道',
    '',
    '',
    '一般',
  ]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
