// Serving the built web app and compressing the answers (issue 22).
//
// The web app has two entries (web/vite.config.ts): the desk app (index.html) and the phone's (phone.html), which
// the citizen's 一键反映 (/report, opened from a grid's QR code) and the grid worker's phone (/grid/*) load
// instead, a fraction of the desk's bytes. The build writes each asset also brotli- and gzip-compressed
// (asset.br, asset.gz); @fastify/static sends the one the browser accepts (preCompressed), so nothing is
// compressed per request. The file names under /assets/ carry their content's hash: cached for a year; the pages
// themselves are revalidated on every load.
//
// Dynamic answers (JSON) above COMPRESS_THRESHOLD bytes are compressed per request by @fastify/compress (brotli at
// a low quality, cheap in CPU, or gzip). Server-sent events (/api/cases/stream writes to the raw socket) and the
// xlsx, PDF, image and zip downloads are not: their content types are not compressible (the xlsx is a zip already).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this are sent as they are (the compression would cost more than it saves). */
export const COMPRESS_THRESHOLD = 1024;

/** The phone entry's paths; web/src/phone.tsx isPhonePath serves the same. */
export function isPhonePath(pathname: string): boolean {
  return pathname === '/report' || pathname === '/grid' || pathname.startsWith('/grid/');
}

/** The page (html file of web/dist) that a browser's path gets: the phone's or the desk's. */
export function webPageFor(url: string, hasPhoneEntry: boolean): 'phone.html' | 'index.html' {
  const pathname = (url.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  return hasPhoneEntry && isPhonePath(pathname) ? 'phone.html' : 'index.html';
}

// text/event-stream is left out on purpose (an event must reach the browser when it is written).
const COMPRESSIBLE =
  /^(?:application\/(?:json|problem\+json|geo\+json|xml|javascript)|text\/(?:html|plain|csv|css|xml|javascript))(?:;|$)/;

/** JSON (and text) answers above the threshold, compressed per request. Register before the routes. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    // quality 4: about gzip's CPU for a smaller answer (11, the default, is for files compressed once at build)
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    // a request's body arrives as sent (no decompression of uploads)
    globalDecompression: false,
  });
}

/**
 * The built web app at /: assets precompressed, hashed names cached for a year. Answers whether the app is built
 * and whether it has the phone entry (an older build has only index.html).
 */
export async function registerWebApp(
  app: FastifyInstance,
  webDist: string,
): Promise<{ hasWeb: boolean; hasPhoneEntry: boolean }> {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  const hasPhoneEntry = fs.existsSync(path.join(webDist, 'phone.html'));
  if (!hasWeb) return { hasWeb, hasPhoneEntry };
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    setHeaders(reply, filePath) {
      const relative = path.relative(webDist, filePath);
      if (relative.startsWith(`assets${path.sep}`))
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-cache');
    },
  });
  return { hasWeb, hasPhoneEntry };
}
