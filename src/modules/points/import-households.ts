// Import of a village's household list from a spreadsheet (xlsx or CSV, the reading shared with the
// organisation import): every row is checked first and every bad row is reported with its number, column
// and reason; one bad row rejects the whole file; a dry run stops there. A good file is written in one
// transaction: a door number already registered in the village is updated, a new one added.

import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import ExcelJS from '../../core/exceljs.js';
import type { Principal } from '../auth/principal.js';
import { type ImportError, type ImportResult, readTable } from '../orgs/org-import.js';
import { checkHouseholdFields, HOUSEHOLD_COLUMNS } from './household-fields.js';
import type { PointsDeps } from './points-deps.js';
import { requireVillage } from './points-scope.js';

const GRID_COLUMN = '所属网格';
export const HOUSEHOLD_IMPORT_COLUMNS = [...Object.values(HOUSEHOLD_COLUMNS), GRID_COLUMN] as const;
type Column = (typeof HOUSEHOLD_IMPORT_COLUMNS)[number];
export const MAX_HOUSEHOLD_ROWS = 5000;

/** The spreadsheet's rows, by header name. */
export function readHouseholdSheet(bytes: Buffer, fileName: string) {
  return readTable<Column>(bytes, fileName, {
    columns: HOUSEHOLD_IMPORT_COLUMNS,
    required: [HOUSEHOLD_COLUMNS.doorNo, HOUSEHOLD_COLUMNS.headName],
    maxRows: MAX_HOUSEHOLD_ROWS,
  });
}

export async function importHouseholds(
  deps: PointsDeps,
  principal: Principal,
  villageId: number,
  rows: { row: number; values: Partial<Record<Column, string>> }[],
  dryRun: boolean,
): Promise<ImportResult> {
  const village = await requireVillage(deps.db, principal, villageId);
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', { message: '文件中没有数据行' });
  const grids = await deps.db
    .selectFrom('orgs')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', village.id)
    .where('kind', '=', 'grid')
    .execute();
  const existing = await deps.db
    .selectFrom('points_households')
    .select(['id', 'village_id', 'door_no', 'head_phone'])
    .where('county_code', '=', village.countyCode)
    .where((eb) => eb.or([eb('village_id', '=', village.id), eb('head_phone', 'is not', null)]))
    .execute();
  const byDoor = new Map(existing.filter((h) => h.village_id === village.id).map((h) => [h.door_no, h]));
  const phoneOwner = new Map(existing.filter((h) => h.head_phone).map((h) => [h.head_phone as string, h]));

  const errors: ImportError[] = [];
  const seenDoor = new Map<string, number>();
  const seenPhone = new Map<string, number>();
  const planned = rows.map(({ row, values }) => {
    const { value, problems } = checkHouseholdFields({
      doorNo: values.门牌号,
      headName: values.户主姓名,
      members: values.家庭人口,
      address: values.地址,
      phone: values.户主手机,
    });
    for (const p of problems) errors.push({ row, column: p.column, message: p.message });
    const gridText = values.所属网格 ?? '';
    const grid = gridText ? grids.find((g) => g.code === gridText || g.name === gridText) : undefined;
    if (gridText && !grid)
      errors.push({ row, column: GRID_COLUMN, message: `「${gridText}」不是${village.name}的网格` });
    const current = byDoor.get(value.doorNo);
    if (value.doorNo) {
      const earlier = seenDoor.get(value.doorNo);
      if (earlier) errors.push({ row, column: HOUSEHOLD_COLUMNS.doorNo, message: `门牌号与第 ${earlier} 行重复` });
      seenDoor.set(value.doorNo, row);
    }
    if (value.phone) {
      const earlier = seenPhone.get(value.phone);
      const owner = phoneOwner.get(value.phone);
      if (earlier) errors.push({ row, column: HOUSEHOLD_COLUMNS.phone, message: `户主手机与第 ${earlier} 行重复` });
      else if (owner && owner.id !== current?.id) {
        errors.push({ row, column: HOUSEHOLD_COLUMNS.phone, message: `手机号 ${value.phone} 已登记为其他农户的户主` });
      }
      seenPhone.set(value.phone, row);
    }
    return { row, value, gridId: grid?.id ?? null, current };
  });
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw new AppError('IMPORT_INVALID', {
      message: `导入文件有 ${errors.length} 处错误，未导入任何数据`,
      details: { errors },
    });
  }
  const created = planned.filter((p) => !p.current).length;
  const result: ImportResult = { rows: planned.length, created, updated: planned.length - created, dryRun };
  if (dryRun) return result;

  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const { value, gridId, current } of planned) {
      const fields = {
        head_name: value.headName,
        members: value.members,
        address: value.address,
        head_phone: value.phone,
        grid_id: gridId,
        updated_at: now,
      };
      if (current) {
        await trx
          .updateTable('points_households')
          .set({ ...fields, version: sql`version + 1` })
          .where('id', '=', current.id)
          .execute();
      } else {
        await trx
          .insertInto('points_households')
          .values({
            ...fields,
            county_code: village.countyCode,
            village_id: village.id,
            door_no: value.doorNo,
            created_at: now,
          })
          .execute();
      }
    }
    await deps.audit.record(
      principal,
      { action: 'points.household.import', details: { villageId: village.id, ...result } },
      trx,
    );
  });
  return result;
}

export async function householdTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('农户名单');
  sheet.addRow([...HOUSEHOLD_IMPORT_COLUMNS]);
  sheet.addRow(['文昌路 12 号', '王建国', 4, '青溪县青溪街道文昌路 12 号', '13900000000', '']);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
