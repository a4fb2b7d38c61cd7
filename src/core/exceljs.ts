// ExcelJS, with one fix: its streaming reader (stream.xlsx.WorkbookReader, what the large imports use for
// bounded memory) decodes each decompressed chunk of XML on its own, so a Chinese character whose UTF-8 bytes are
// split between two chunks becomes two U+FFFD and a correct row is refused. The fix is the same XML event
// generator (lib/utils/parse-sax.js) with a streaming TextDecoder per document, put in Node's module cache before
// ExcelJS first loads it. Every module of the project takes ExcelJS from here, never from 'exceljs' directly.
import { createRequire } from 'node:module';
import type * as E from 'exceljs';

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
// saxes is ExcelJS's own dependency: resolved from ExcelJS, as its reader would
const requireFromExcelJS = createRequire(parseSaxPath);

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  const { SaxesParser } = requireFromExcelJS('saxes') as typeof import('saxes');
  let source: AsyncIterable<Buffer | string> = iterable;
  if (typeof iterable.pipe === 'function' && !(Symbol.asyncIterator in iterable)) {
    const { PassThrough } = require('node:stream') as typeof import('node:stream');
    source = (iterable as unknown as NodeJS.ReadableStream).pipe(new PassThrough());
  }
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => {
    error = e;
  });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of source) {
    // stream: true keeps the bytes of a character split at the chunk's end for the next chunk
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

if (!require.cache[parseSaxPath]) {
  const Module = require('node:module') as { new (id: string): NodeJS.Module };
  const patched = new Module(parseSaxPath);
  patched.filename = parseSaxPath;
  patched.loaded = true;
  patched.exports = parseSax;
  require.cache[parseSaxPath] = patched;
}

export const ExcelJS: typeof E = require('exceljs');
/** The types the project names as ExcelJS.X (a namespace of types only, beside the value). */
export declare namespace ExcelJS {
  type Workbook = E.Workbook;
  type Worksheet = E.Worksheet;
  type Row = E.Row;
  type CellValue = E.CellValue;
  type Buffer = E.Buffer;
}
/** Whether the fix is in place (false when something loaded ExcelJS's own reader before this module). */
export const excelStreamingFixed = require('exceljs/lib/utils/parse-sax.js') === parseSax;
export default ExcelJS;
