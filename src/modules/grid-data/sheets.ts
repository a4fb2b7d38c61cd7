// The spreadsheets of the base data: the import template, the streaming row reader (bounded memory: one row
// at a time from the file on disk) and the streaming export of exactly what the list's filters show.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from '../../core/exceljs.js';
import {
  GRID_COLUMN,
  importColumns,
  KIND_FIELDS,
  KIND_LABELS,
  makeIdNumber,
  type RecordKind,
} from '../../domain/grid-data/index.js';
import type { Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { viewOf } from './record-codec.js';
import { filtered, type RecordFilter, withPlaceNames } from './record-queries.js';
import { readingContext } from './record-rules.js';

const SAMPLES: Record<RecordKind, Record<string, unknown>> = {
  person: {
    姓名: '王建国',
    身份证号: makeIdNumber('330788', '19650312', 131),
    联系电话: '13900000000',
    户编号: 'H0001',
    楼栋: '3幢',
    单元: '2单元',
    房号: '301',
    人口类型: '户籍',
    特殊人群标签: '退役军人、党员',
  },
  household: { 户编号: 'H0001', 户主姓名: '王建国', 家庭人口: 4, 楼栋: '3幢', 单元: '2单元', 房号: '301' },
  place: { 场所编码: 'P0001', 名称: '文昌路 12 号楼', 场所类型: '楼栋', 单元数: 3, 楼层数: 6, 地址: '文昌路 12 号' },
  thing: { 部件编码: 'T0001', 名称: '文昌路消防栓 1 号', 部件类型: '消防栓', 下次巡检日期: '2027-01-15' },
  organisation: {
    统一社会信用代码: '91330788MA2XXXXXX1',
    名称: '青溪县某某物业服务有限公司',
    组织类型: '物业',
    联系人: '李经理',
    联系电话: '0571-87654321',
  },
};

export async function importTemplate(kind: RecordKind, tags: readonly string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${KIND_LABELS[kind]}导入`);
  const columns = importColumns(kind);
  sheet.addRow(columns).font = { bold: true };
  sheet.addRow(columns.map((c) => (c === GRID_COLUMN ? '' : (SAMPLES[kind][c] ?? ''))));
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(12, c.length * 3);
    // ID numbers and phones must stay text: as numbers Excel would round 18 digits
    if (['身份证号', '联系电话'].includes(c)) col.numFmt = '@';
  });
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '必填', '说明']).font = { bold: true };
  help.addRow([GRID_COLUMN, '导入到村社区时必填', '网格编码或名称；导入到某一网格时可不填']);
  for (const f of KIND_FIELDS[kind]) {
    const note =
      f.type === 'enum'
        ? `可选：${f.options?.join(' / ')}`
        : f.type === 'tags'
          ? `可多个，用顿号分隔：${tags.join('、')}`
          : f.type === 'idNumber'
            ? '18 位，按 GB 11643 校验；性别、出生日期可不填（按身份证号）'
            : f.type === 'date'
              ? '日期，如 2026-03-01'
              : f.type === 'phone'
                ? '11 位手机号或带区号的固定电话'
                : f.type === 'lat' || f.type === 'lng'
                  ? '十进制度（WGS-84），须落在所属网格内'
                  : '';
    help.addRow([f.label, f.required ? '是' : '', note]);
  }
  help.getColumn(3).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return (v as { text: unknown }).text;
    if ('result' in v) return (v as { result: unknown }).result ?? null;
    return null;
  }
  return v;
}

export interface SheetRow {
  row: number;
  cells: Record<string, unknown>;
}

/** The first worksheet's rows after the header, one at a time (empty rows skipped). */
export async function* readRows(filePath: string): AsyncGenerator<SheetRow | { header: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    let header: string[] | null = null;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (!header) {
        header = values.map((v) => String(cellValue(v) ?? '').trim());
        yield { header };
        continue;
      }
      const cells: Record<string, unknown> = {};
      let any = false;
      header.forEach((h, i) => {
        const v = cellValue(values[i] ?? null);
        if (v !== null && String(v).trim() !== '') any = true;
        if (h) cells[h] = v;
      });
      if (any) yield { row: row.number, cells };
    }
    return;
  }
}

/** Exactly what the list shows under these filters, every page, streamed as xlsx. */
export async function exportRecords(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  f: RecordFilter,
): Promise<Readable> {
  const ctx = await readingContext(deps, principal);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(KIND_LABELS[kind]);
  const fields = KIND_FIELDS[kind];
  const header = ['所属村社区', GRID_COLUMN, ...fields.map((s) => s.label), '重复登记'];
  sheet.addRow(header).commit();
  const page = (after: number) =>
    withPlaceNames(filtered(deps, principal, kind, f, ctx))
      .where('grid_records.id', '>', after)
      .orderBy('grid_records.id')
      .limit(2000)
      .execute();
  // the first page before the answer starts: a filter the database refuses (an organisation id beyond its
  // integer range) is an error answer, not a file broken off half-way (found by test/fuzz.test.ts)
  let rows = await page(0);
  (async () => {
    for (;;) {
      for (const r of rows) {
        const v = viewOf(r, ctx.catalogue, ctx.canSeeSensitive, ctx.today);
        const values = fields.map((s) => {
          const x = v.fields[s.key];
          return Array.isArray(x) ? x.join('、') : x;
        });
        sheet.addRow([v.villageName, v.gridName, ...values, v.duplicate ? '是' : '']).commit();
      }
      if (rows.length < 2000) break;
      rows = await page((rows[rows.length - 1] as { id: number }).id);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error as Error));
  return out;
}
