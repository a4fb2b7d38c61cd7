// Dashboard tables as spreadsheets: one sheet per table, a title row, a bold header, the same numbers as the page.
import ExcelJS from '../../core/exceljs.js';

export interface Sheet {
  name: string;
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '共治 Gongzhi';
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name.slice(0, 31));
    ws.addRow([s.title]).font = { bold: true, size: 13 };
    ws.addRow(s.columns).font = { bold: true };
    for (const row of s.rows) ws.addRow(row);
    ws.columns.forEach((col, i) => {
      col.width = i === 0 ? 24 : 12;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
