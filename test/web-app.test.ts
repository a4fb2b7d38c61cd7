// Serving the web app and compressing answers (issue 22, src/http/web-app.ts): the phone's entry for /report and
// /grid, the desk's for every other page; assets sent precompressed (brotli or gzip, as the browser accepts) with
// a year's cache; JSON above 1 KB compressed per request, small JSON as it is; the live updates (server-sent
// events, /api/stream) and the xlsx downloads not compressed.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD, webPageFor } from '../src/http/web-app.js';
import { startTestSystem, type TestSystem } from './support/system.js';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-web-'));
const SCRIPT = `console.log(${JSON.stringify('共治'.repeat(2000))});`;

/** A built web app in miniature, precompressed as web/vite.config.ts writes it. */
function writeDist() {
  fs.mkdirSync(path.join(dist, 'assets'));
  const write = (name: string, content: string, precompressed: boolean) => {
    fs.writeFileSync(path.join(dist, name), content);
    if (!precompressed) return;
    fs.writeFileSync(path.join(dist, `${name}.br`), zlib.brotliCompressSync(content));
    fs.writeFileSync(path.join(dist, `${name}.gz`), zlib.gzipSync(content));
  };
  write('index.html', `<!doctype html><title>desk</title>${' '.repeat(2000)}`, true);
  write('phone.html', `<!doctype html><title>phone</title>${' '.repeat(2000)}`, true);
  write('assets/app-abc123.js', SCRIPT, true);
  write('assets/small-abc123.js', 'export {};', false);
}

let sys: TestSystem;
beforeAll(async () => {
  writeDist();
  sys = await startTestSystem({ env: { WEB_DIST: dist } });
});
afterAll(async () => {
  await sys?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

function decode(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString();
  return body.toString();
}

describe('the web app', () => {
  it('chooses the phone entry for /report and /grid, the desk app for the rest', () => {
    expect(webPageFor('/report?grid=12', true)).toBe('phone.html');
    expect(webPageFor('/grid', true)).toBe('phone.html');
    expect(webPageFor('/grid/', true)).toBe('phone.html');
    expect(webPageFor('/grid/cases/7', true)).toBe('phone.html');
    expect(webPageFor('/gridlock', true)).toBe('index.html');
    expect(webPageFor('/reports', true)).toBe('index.html');
    expect(webPageFor('/cases/1', true)).toBe('index.html');
    expect(webPageFor('/', true)).toBe('index.html');
    expect(webPageFor('/report', false)).toBe('index.html'); // a build without the phone entry
  });

  it('serves the pages precompressed and revalidated, the phone page for /report', async () => {
    const phone = await sys.request({
      method: 'GET',
      url: '/report?grid=3',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(phone.statusCode).toBe(200);
    expect(phone.headers['content-encoding']).toBe('br');
    expect(decode('br', phone.rawPayload)).toContain('<title>phone</title>');
    expect(phone.headers['cache-control']).toBe('no-cache');
    const desk = await sys.request({ method: 'GET', url: '/cases/12', headers: { 'accept-encoding': 'gzip' } });
    expect(desk.headers['content-encoding']).toBe('gzip');
    expect(decode('gzip', desk.rawPayload)).toContain('<title>desk</title>');
    const plain = await sys.request({ method: 'GET', url: '/grid/patrol' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('<title>phone</title>');
  });

  it('serves the assets precompressed, as the browser accepts, cached for a year', async () => {
    const br = await sys.request({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(decode('br', br.rawPayload)).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    const gz = await sys.request({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode('gzip', gz.rawPayload)).toBe(SCRIPT);
    const identity = await sys.request({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(SCRIPT);
    // an asset the build did not precompress (below 1 KB) is compressed per request: the static file is a stream,
    // whose size the compressor does not know — still the same content, still cached for a year
    const small = await sys.request({
      method: 'GET',
      url: '/assets/small-abc123.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(small.statusCode).toBe(200);
    expect(small.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(small.headers['content-encoding'] as string | undefined, small.rawPayload)).toBe('export {};');
  });

  it(`compresses JSON above ${COMPRESS_THRESHOLD} bytes and leaves small answers alone`, async () => {
    const admin = await sys.login('admin');
    const plain = await sys.request({ method: 'GET', url: '/api/orgs', headers: admin });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD);
    const br = await sys.request({ method: 'GET', url: '/api/orgs', headers: { ...admin, 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode('br', br.rawPayload))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gz = await sys.request({ method: 'GET', url: '/api/orgs', headers: { ...admin, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode('gzip', gz.rawPayload))).toEqual(plain.json());
    const health = await sys.request({ method: 'GET', url: '/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.body.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json().status).toBe('ok');
  });

  it('does not compress the streamed xlsx export', async () => {
    const grid = await sys.login('grid');
    const r = await sys.request({
      method: 'GET',
      url: '/api/grid-data/people/export',
      headers: { ...grid, 'accept-encoding': 'br, gzip' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBe(1);
  });

  it('does not compress the live updates: each event arrives when it is written', async () => {
    const grid = await sys.login('grid');
    await sys.app.listen({ port: 0, host: '127.0.0.1' });
    const address = sys.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/stream', headers: { ...grid, 'accept-encoding': 'br, gzip' } },
        (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve({ headers: res.headers, chunk: chunk.toString() });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
    });
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.chunk).toBe(': connected\n\n');
  });
});
