// Import of towns, villages and grids from a spreadsheet (xlsx or CSV) and of grid boundaries from
// GeoJSON. Every row is checked first; one bad row rejects the whole file with each row's problem, and a
// good file is written in one transaction, so nothing is ever half-imported. Re-importing updates.
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import ExcelJS from '../../core/exceljs.js';
import type { DB, GeoJSONGeometry, Org, OrgKind } from '../../db/schema.js';
import { canNest, codeProblem } from '../../domain/org/org-rules.js';
import type { AuditService } from '../audit/audit-service.js';
import { inScope, type Principal } from '../auth/principal.js';
import type { OrgService } from './org-service.js';

export interface ImportError {
  row: number;
  column?: string;
  message: string;
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}

const COLUMNS = ['编码', '名称', '类型', '上级编码', '户数', '人口', '电话', '地址'] as const;
const TYPES: Record<string, { kind: OrgKind; subkind: string }> = {
  镇: { kind: 'town', subkind: '镇' },
  乡: { kind: 'town', subkind: '乡' },
  街道: { kind: 'town', subkind: '街道' },
  村: { kind: 'village', subkind: '村' },
  社区: { kind: 'village', subkind: '社区' },
  网格: { kind: 'grid', subkind: '网格' },
};
export const MAX_IMPORT_ROWS = 20_000;

interface SheetRow {
  row: number;
  values: Partial<Record<(typeof COLUMNS)[number], string>>;
}

interface PlannedRow {
  row: number;
  code: string;
  name: string;
  kind: OrgKind;
  subkind: string;
  parentCode: string;
  households: number | null;
  population: number | null;
  phone: string | null;
  address: string | null;
  existing?: Org;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell holds the wall time it shows, as if it were UTC (spreadsheets have no time zone).
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
  }
  return String(value).trim();
}

/** Rows of the first sheet of an xlsx or CSV file, by header name (shared by every spreadsheet import). */
export async function readTable<C extends string>(
  buffer: Buffer,
  filename: string,
  options: { columns: readonly C[]; required: readonly C[]; maxRows: number },
): Promise<{ row: number; values: Partial<Record<C, string>> }[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(filename)) {
      const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
      // Cells stay text: no guessing of dates or numbers (order numbers and phones keep their digits).
      sheet = await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value } as never);
    } else {
      await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
      sheet = workbook.worksheets[0];
    }
  } catch {
    throw new AppError('IMPORT_INVALID', { message: '无法读取文件：请上传 .xlsx 或 UTF-8 编码的 .csv 文件' });
  }
  if (!sheet) throw new AppError('IMPORT_INVALID', { message: '文件中没有工作表' });
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const missing = options.required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new AppError('IMPORT_INVALID', {
      message: `缺少列：${missing.join('、')}（请使用导入模板）`,
      details: { errors: [{ row: 1, message: `缺少列：${missing.join('、')}` }] },
    });
  }
  const rows: { row: number; values: Partial<Record<C, string>> }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = row.values as ExcelJS.CellValue[];
    const values: Partial<Record<C, string>> = {};
    for (const column of options.columns) {
      const index = header.indexOf(column);
      if (index >= 0) values[column] = cellText(cells[index]);
    }
    if (Object.values(values).some((v) => v)) rows.push({ row: number, values });
  });
  if (rows.length > options.maxRows) {
    throw new AppError('IMPORT_INVALID', { message: `一次最多导入 ${options.maxRows} 行` });
  }
  return rows;
}

export async function readSheet(buffer: Buffer, filename: string): Promise<SheetRow[]> {
  return readTable(buffer, filename, { columns: COLUMNS, required: COLUMNS.slice(0, 4), maxRows: MAX_IMPORT_ROWS });
}

function optionalInt(text: string | undefined, row: number, column: string, errors: ImportError[]): number | null {
  if (!text) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    errors.push({ row, column, message: `${column}须为非负整数，实为「${text}」` });
    return null;
  }
  return n;
}

export class OrgImporter {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly orgs: OrgService,
  ) {}

  async importOrgs(principal: Principal, rows: SheetRow[], dryRun: boolean): Promise<ImportResult> {
    if (rows.length === 0) throw new AppError('IMPORT_INVALID', { message: '文件中没有数据行' });
    const existing = new Map((await this.db.selectFrom('orgs').selectAll().execute()).map((o) => [o.code, o] as const));
    const errors: ImportError[] = [];
    const planned: PlannedRow[] = [];
    const seen = new Map<string, number>();
    for (const { row, values } of rows) {
      const code = values.编码 ?? '';
      const name = values.名称 ?? '';
      const type = TYPES[values.类型 ?? ''];
      const parentCode = values.上级编码 ?? '';
      if (!code) errors.push({ row, column: '编码', message: '编码不能为空' });
      if (!name) errors.push({ row, column: '名称', message: '名称不能为空' });
      if (!type) {
        errors.push({
          row,
          column: '类型',
          message: `类型须为 ${Object.keys(TYPES).join('/')}，实为「${values.类型 ?? ''}」`,
        });
      }
      if (!parentCode) errors.push({ row, column: '上级编码', message: '上级编码不能为空' });
      const households = optionalInt(values.户数, row, '户数', errors);
      const population = optionalInt(values.人口, row, '人口', errors);
      if (!code || !name || !type || !parentCode) continue;
      const problem = codeProblem(type.kind, code, parentCode);
      if (problem) errors.push({ row, column: '编码', message: problem });
      const earlier = seen.get(code);
      if (earlier) errors.push({ row, column: '编码', message: `编码与第 ${earlier} 行重复` });
      seen.set(code, row);
      const current = existing.get(code);
      if (current && (current.kind !== type.kind || !inScope(principal, current.path))) {
        errors.push({ row, column: '编码', message: `编码 ${code} 已被其他组织使用` });
      }
      planned.push({
        row,
        code,
        name,
        kind: type.kind,
        subkind: type.subkind,
        parentCode,
        households,
        population,
        phone: values.电话 || null,
        address: values.地址 || null,
        existing: current,
      });
    }
    const plannedKinds = new Map(planned.map((p) => [p.code, p.kind] as const));
    for (const p of planned) {
      const parent = existing.get(p.parentCode);
      const parentKind = parent?.kind ?? plannedKinds.get(p.parentCode);
      if (!parentKind) {
        errors.push({ row: p.row, column: '上级编码', message: `上级编码 ${p.parentCode} 不存在` });
      } else if (!canNest(parentKind, p.kind)) {
        errors.push({ row: p.row, column: '类型', message: '该类型不能作为上级组织的下级' });
      } else if (parent && !inScope(principal, parent.path)) {
        errors.push({ row: p.row, column: '上级编码', message: `上级组织 ${p.parentCode} 不在您的管辖范围内` });
      } else if (p.existing && p.existing.parent_id !== parent?.id && parent) {
        errors.push({ row: p.row, column: '上级编码', message: '导入不能改变已有组织的上级' });
      }
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError('IMPORT_INVALID', {
        message: `导入文件有 ${errors.length} 处错误，未导入任何数据`,
        details: { errors },
      });
    }
    const created = planned.filter((p) => !p.existing).length;
    const result = { rows: planned.length, created, updated: planned.length - created, dryRun };
    if (dryRun) return result;

    await this.db.transaction().execute(async (trx) => {
      const byCode = new Map(existing);
      // Parents before children: codes of the administrative levels grow with depth.
      for (const p of [...planned].sort((a, b) => a.code.length - b.code.length)) {
        if (p.existing) {
          await trx
            .updateTable('orgs')
            .set({
              name: p.name,
              subkind: p.subkind,
              households: p.households,
              population: p.population,
              phone: p.phone,
              address: p.address,
              version: p.existing.version + 1,
              updated_at: this.clock.now(),
            })
            .where('id', '=', p.existing.id)
            .execute();
          continue;
        }
        const parent = byCode.get(p.parentCode);
        if (!parent)
          throw new AppError('IMPORT_INVALID', { details: { errors: [{ row: p.row, message: '上级不存在' }] } });
        const org = await this.orgs.insertOrg(trx, parent, {
          code: p.code,
          name: p.name,
          kind: p.kind,
          subkind: p.subkind,
          participant: 'government',
          households: p.households,
          population: p.population,
          phone: p.phone,
          address: p.address,
        });
        byCode.set(org.code, org);
      }
      await this.audit.record(principal, { action: 'org.import', details: { ...result } }, trx);
    });
    this.orgs.invalidateLocator();
    return result;
  }

  async importBoundaries(principal: Principal, collection: unknown): Promise<{ updated: number }> {
    const features = (collection as { type?: string; features?: unknown[] })?.features;
    if ((collection as { type?: string })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
      throw new AppError('IMPORT_INVALID', { message: '须为 GeoJSON FeatureCollection' });
    }
    const grids = new Map(
      (await this.db.selectFrom('orgs').selectAll().where('kind', '=', 'grid').execute()).map(
        (g) => [g.code, g] as const,
      ),
    );
    const errors: ImportError[] = [];
    const updates: { id: number; geometry: GeoJSONGeometry }[] = [];
    features.forEach((raw, index) => {
      const row = index + 1;
      const feature = raw as { properties?: { code?: unknown }; geometry?: GeoJSONGeometry };
      const code = feature?.properties?.code;
      const grid = typeof code === 'string' || typeof code === 'number' ? grids.get(String(code)) : undefined;
      if (!grid || !inScope(principal, grid.path)) {
        errors.push({
          row,
          message: `第 ${row} 个要素：properties.code「${String(code ?? '')}」不是您管辖范围内的网格编码`,
        });
        return;
      }
      const problem = geometryProblem(feature.geometry);
      if (problem) {
        errors.push({ row, message: `第 ${row} 个要素（${grid.code}）：${problem}` });
        return;
      }
      updates.push({ id: grid.id, geometry: feature.geometry as GeoJSONGeometry });
    });
    if (features.length === 0) errors.push({ row: 0, message: '没有要素' });
    if (errors.length) {
      throw new AppError('IMPORT_INVALID', {
        message: `边界文件有 ${errors.length} 处错误，未导入任何数据`,
        details: { errors },
      });
    }
    await this.db.transaction().execute(async (trx) => {
      for (const u of updates) {
        await trx
          .updateTable('orgs')
          .set((eb) => ({
            boundary: JSON.stringify(u.geometry),
            version: eb('version', '+', 1),
            updated_at: this.clock.now(),
            ...centroid(u.geometry),
          }))
          .where('id', '=', u.id)
          .execute();
      }
      await this.audit.record(
        principal,
        { action: 'grid.boundaries.import', details: { updated: updates.length } },
        trx,
      );
    });
    this.orgs.invalidateLocator();
    return { updated: updates.length };
  }
}

/** Why a GeoJSON geometry is unusable as a grid boundary, or null. */
export function geometryProblem(geometry: unknown): string | null {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return '几何类型须为 Polygon 或 MultiPolygon';
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return '坐标为空';
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return '坐标为空';
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) return '每个环至少需要 4 个点';
      for (const point of ring) {
        if (!Array.isArray(point) || point.length < 2) return '坐标点格式不正确';
        const [lng, lat] = point as number[];
        if (typeof lng !== 'number' || typeof lat !== 'number' || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
          return '经纬度超出范围（应为 [经度, 纬度]）';
        }
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) return '环未闭合（首尾坐标须相同）';
    }
  }
  return null;
}

function centroid(geometry: GeoJSONGeometry): { center_lat: number; center_lng: number } {
  const outer = (geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]) as number[][];
  let x = 0;
  let y = 0;
  const ring = outer.slice(0, -1);
  for (const [lng = 0, lat = 0] of ring) {
    x += lng;
    y += lat;
  }
  return { center_lng: x / ring.length, center_lat: y / ring.length };
}

export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('组织机构');
  sheet.addRow([...COLUMNS]);
  sheet.addRow(['330788009', '示例镇', '镇', '330788', '', '', '0579-88000000', '示例镇人民路 1 号']);
  sheet.addRow(['330788009001', '示例村', '村', '330788009', '420', '1300', '', '']);
  sheet.addRow(['330788009001001', '示例村第1网格', '网格', '330788009001', '210', '650', '', '']);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
