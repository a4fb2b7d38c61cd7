// The streaming reader keeps every Chinese character of a large sheet: without the fix in exceljs.ts, a
// character whose UTF-8 bytes fall on a chunk boundary of the decompressed XML came out as U+FFFD.
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
});
