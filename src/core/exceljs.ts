// ExcelJS, with two fixes to its streaming reader (stream.xlsx.WorkbookReader, what the large imports use for
// bounded memory), each a module of ExcelJS replaced in Node's module cache before ExcelJS first loads it. Every
// module of the project takes ExcelJS from here, never from 'exceljs' directly.
// - lib/utils/parse-sax.js decoded each decompressed chunk of XML on its own, so a Chinese character whose UTF-8
//   bytes are split between two chunks became two U+FFFD and a correct row was refused: here the same XML event
//   generator with a streaming TextDecoder per document.
// - lib/utils/iterate-stream.js, its loop over a stream's 'data' events, now and then lost the last entries of the
//   zip: 5 reads in 3,000 of one small file that ExcelJS itself wrote (xl/workbook.xml comes last) failed with
//   "Cannot read properties of undefined (reading 'sheets')", so an import failed at random. Here Node's own async
//   iterator of a readable stream.
import Module, { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
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

/**
 * The stream's entries (the zip's) or chunks (an entry's) in order, none lost. A loop that stops early leaves the
 * stream as it is (ExcelJS then drains the rest of a zip entry: a destroyed entry would stall the zip).
 */
function iterateStream(stream: NodeJS.ReadableStream): AsyncIterable<unknown> {
  const readable = stream instanceof Readable ? stream : stream.pipe(new PassThrough({ objectMode: true }));
  return readable.iterator({ destroyOnReturn: false });
}
const iterateStreamPath = require.resolve('exceljs/lib/utils/iterate-stream.js');

/** Puts `exports` in Node's module cache as the module at `file`, unless it is loaded already. */
function replaceModule(file: string, exports: unknown) {
  if (require.cache[file]) return;
  const patched = new Module(file);
  patched.filename = file;
  patched.loaded = true;
  patched.exports = exports;
  require.cache[file] = patched;
}
replaceModule(parseSaxPath, parseSax);
replaceModule(iterateStreamPath, iterateStream);

export const ExcelJS: typeof E = require('exceljs');
/** The types the project names as ExcelJS.X (a namespace of types only, beside the value). */
export declare namespace ExcelJS {
  type Workbook = E.Workbook;
  type Worksheet = E.Worksheet;
  type Row = E.Row;
  type CellValue = E.CellValue;
  type Buffer = E.Buffer;
}
/** Whether the fixes are in place (false when something loaded ExcelJS's own reader before this module). */
export const excelStreamingFixed =
  require('exceljs/lib/utils/parse-sax.js') === parseSax && require(iterateStreamPath) === iterateStream;
export default ExcelJS;
