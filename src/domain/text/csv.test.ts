import { describe, expect, it } from 'vitest';
import { CsvParseError, parseCsv, parseCsvRecords } from './csv.js';

describe('parseCsv', () => {
  it('parses plain rows with LF and CRLF', () => {
    expect(parseCsv('a,b,c\n1,2,3\r\n4,5,6\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('handles quoted fields with commas, newlines and escaped quotes', () => {
    const text = 'id,title,body\n1,"物业，收费","第一行\n第二行, 还有逗号"\n2,"他说""你好""",plain\r\n3,"a\r\nb",""\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'title', 'body'],
      ['1', '物业，收费', '第一行\n第二行, 还有逗号'],
      ['2', '他说"你好"', 'plain'],
      ['3', 'a\r\nb', ''],
    ]);
  });

  it('keeps empty fields and strips a BOM; no trailing empty row', () => {
    expect(parseCsv('\ufeffa,,c\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
    expect(parseCsv('x')).toEqual([['x']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"oops\nb')).toThrow(CsvParseError);
  });

  it('maps records by header', () => {
    expect(parseCsvRecords('id,category\n7,"城乡建设"\n8\n')).toEqual([
      { id: '7', category: '城乡建设' },
      { id: '8', category: '' },
    ]);
  });
});
