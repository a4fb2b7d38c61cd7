// Minimal RFC 4180 CSV parser: quoted fields may contain commas, CR/LF line breaks and doubled quotes ("").
// Accepts LF or CRLF record separators and an optional UTF-8 BOM. Pure: string in, rows out.

export class CsvParseError extends Error {
  override readonly name = 'CsvParseError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
  }
}

/** Parses CSV text into rows of fields. A trailing newline does not produce an empty row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // true once the current record has any content (so "\n\n" gives an empty row only if meaningful)
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    fieldStarted = false;
  };

  while (i < n) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvParseError('unexpected character after closing quote', line);
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.length > 0) throw new CsvParseError('quote inside an unquoted field', line);
      inQuotes = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      endField();
      fieldStarted = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (fieldStarted || field.length > 0 || row.length > 0) endRow();
      line++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (inQuotes) throw new CsvParseError('unterminated quoted field', line);
  if (fieldStarted || field.length > 0 || row.length > 0) endRow();
  return rows;
}

/** Parses CSV with a header row into objects keyed by header name; short rows get '' for missing fields. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return [];
  return rows.slice(1).map((r) => {
    const rec: Record<string, string> = {};
    header.forEach((h, j) => {
      rec[h.trim()] = r[j] ?? '';
    });
    return rec;
  });
}
