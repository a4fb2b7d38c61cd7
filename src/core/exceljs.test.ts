// The streaming reader keeps every Chinese character of a large sheet: without the fix in exceljs.ts, a
// character whose UTF-8 bytes fall on a chunk boundary of the decompressed XML came out as U+FFFD. And it reads
// every entry of the zip, in ExcelJS's own order too (the sheets before the shared strings and xl/workbook.xml).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExcelJS, excelStreamingFixed } from './exceljs.js';

describe('ExcelJS streaming reader', () => {
  it('reads back every character of 5,000 rows of Chinese text', async () => {
    expect(excelStreamingFixed).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gz-xlsx-')), 'people.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = writer.addWorksheet('人');
    const text = (i: number) => `常住人口第${i}号·青溪县文昌社区人民路${i}号${'楼'.repeat(i % 7)}`;
    sheet.addRow(['姓名', '地址']).commit();
    for (let i = 1; i <= 5000; i++) sheet.addRow([`张${i}`, text(i)]).commit();
    await writer.commit();

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache' });
    let rows = 0;
    let broken = 0;
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<{ number: number; values: unknown[] }>) {
        if (row.number === 1) continue;
        rows++;
        const address = String(row.values[2]);
        if (address !== text(row.number - 1)) broken++;
      }
    }
    expect(rows).toBe(5000);
    expect(broken).toBe(0);
  }, 60_000);

  // ExcelJS's own loop over the zip lost its last entries in about 1 read in 1,000–1,500 of such a file (measured:
  // 5 in 3,000, 2 in 3,000, 1 in 3,000; 0 in 6,000 with the fix), too rare for a test to catch every time: this one
  // reads it 300 times, each to the end (the sheets' names come from xl/workbook.xml, the last entry) or stopping
  // after the first row, as the imports do once they have what they need — which must not stall the next read.
  it('reads every entry of a workbook ExcelJS wrote, whole or stopping early, 300 times over', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gz-xlsx-')), 'two-sheets.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('场所').addRows([
      ['编码', '名称'],
      ['PL-1', '测试学校'],
      ['PL-2', '远处工地'],
    ]);
    workbook.addWorksheet('备注').addRow(['说明']);
    fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const read = async (stopEarly: boolean) => {
      const seen: string[] = [];
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache' });
      for await (const worksheet of reader) {
        const sheet = worksheet as unknown as AsyncIterable<{ values: unknown[] }> & { name: string };
        for await (const row of sheet) {
          seen.push(`${sheet.name}:${row.values.slice(1).join('/')}`);
          if (stopEarly) return seen;
        }
      }
      return seen;
    };
    for (let i = 0; i < 300; i++) {
      if (i % 3 === 0) expect(await read(true)).toEqual(['场所:编码/名称']);
      else
        expect(await read(false)).toEqual(['场所:编码/名称', '场所:PL-1/测试学校', '场所:PL-2/远处工地', '备注:说明']);
    }
  }, 60_000);
});
