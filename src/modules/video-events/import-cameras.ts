// Import of the camera registry from a spreadsheet (xlsx or CSV, read by the organisation import's reader):
// every row is checked first — its fields, its point in a grid of the principal's area, a code not repeated —
// and every bad row reported with its number, column and reason; one bad row rejects the whole file; a dry
// run stops there. A good file is written in one transaction: a code already registered is updated.

import { AppError } from '../../core/errors.js';
import ExcelJS from '../../core/exceljs.js';
import type { Principal } from '../auth/principal.js';
import { type ImportError, type ImportResult, readTable } from '../orgs/org-import.js';
import { type CameraInput, cameraProblems, gridOfPoint, writeCamera } from './cameras.js';
import type { VideoDeps } from './video-deps.js';

export const CAMERA_COLUMNS = {
  code: '摄像头编号',
  name: '名称',
  lat: '纬度',
  lng: '经度',
  platform: '所属平台',
  active: '启用',
} as const;
type Column = (typeof CAMERA_COLUMNS)[keyof typeof CAMERA_COLUMNS];
const COLUMNS = Object.values(CAMERA_COLUMNS) as Column[];
export const MAX_CAMERA_ROWS = 5000;

const YES = new Set(['', '是', 'y', 'yes', 'true', '1', '启用']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '停用']);

export async function importCameras(
  deps: VideoDeps,
  principal: Principal,
  file: { bytes: Buffer; fileName: string },
  dryRun: boolean,
): Promise<ImportResult> {
  const countyCode = principal.countyCode;
  if (!countyCode) throw new AppError('FORBIDDEN');
  const rows = await readTable<Column>(file.bytes, file.fileName, {
    columns: COLUMNS,
    required: [CAMERA_COLUMNS.code, CAMERA_COLUMNS.name, CAMERA_COLUMNS.lat, CAMERA_COLUMNS.lng],
    maxRows: MAX_CAMERA_ROWS,
  });
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', { message: '文件中没有数据行' });
  const existing = new Map(
    (
      await deps.db.selectFrom('video_cameras').select(['id', 'code']).where('county_code', '=', countyCode).execute()
    ).map((c) => [c.code, c.id]),
  );

  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  const planned: { input: CameraInput; gridId: number; id: number | null }[] = [];
  for (const { row, values } of rows) {
    const num = (text: string | undefined) => (text && text.trim() !== '' ? Number(text) : Number.NaN);
    const activeText = (values[CAMERA_COLUMNS.active] ?? '').trim().toLowerCase();
    const input: CameraInput = {
      code: (values[CAMERA_COLUMNS.code] ?? '').trim(),
      name: (values[CAMERA_COLUMNS.name] ?? '').trim(),
      lat: num(values[CAMERA_COLUMNS.lat]),
      lng: num(values[CAMERA_COLUMNS.lng]),
      platform: values[CAMERA_COLUMNS.platform] ?? '',
      active: !NO.has(activeText),
    };
    const before = errors.length;
    for (const p of cameraProblems(input)) errors.push({ row, column: CAMERA_COLUMNS[p.field], message: p.message });
    if (!YES.has(activeText) && !NO.has(activeText)) {
      errors.push({ row, column: CAMERA_COLUMNS.active, message: `「${activeText}」应为“是”或“否”` });
    }
    if (input.code) {
      const earlier = seen.get(input.code);
      if (earlier) errors.push({ row, column: CAMERA_COLUMNS.code, message: `摄像头编号与第 ${earlier} 行重复` });
      seen.set(input.code, row);
    }
    if (errors.length > before) continue;
    try {
      const { gridId } = await gridOfPoint(deps, principal, input.lat, input.lng);
      planned.push({ input, gridId, id: existing.get(input.code) ?? null });
    } catch (error) {
      errors.push({ row, column: CAMERA_COLUMNS.lat, message: error instanceof AppError ? error.message : '位置有误' });
    }
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('IMPORT_INVALID', {
      message: `导入文件有 ${errors.length} 处错误，未导入任何数据`,
      details: { errors },
    });
  }
  const created = planned.filter((p) => p.id === null).length;
  const result: ImportResult = { rows: planned.length, created, updated: planned.length - created, dryRun };
  if (dryRun) return result;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const p of planned) await writeCamera(trx, now, countyCode, p.gridId, p.input, p.id);
    await deps.audit.record(principal, { action: 'video.camera.import', details: { ...result } }, trx);
  });
  return result;
}

export async function cameraTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('摄像头台账');
  sheet.addRow(COLUMNS);
  sheet.addRow(['QX-CAM-001', '文昌路与解放街交叉口东', 29.6105, 118.9905, '雪亮工程平台', '是']);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
