// HEIC/HEIF photos (iPhones) decoded to RGBA pixels by libheif compiled to WebAssembly (`heic-decode`):
// sharp's prebuilt binaries carry no HEVC decoder. The decoder is synchronous and takes about 2 s for a
// 12-megapixel photo, so it runs in one worker thread (photos decode one after another) and the server keeps
// answering meanwhile.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom, the HEIF rotation and mirroring already applied. */
  data: Buffer;
}

/** A photo taking longer than this is treated as unreadable (and the worker replaced). */
const DECODE_TIMEOUT_MS = 60_000;

// CommonJS source for an eval worker: it needs no loader for TypeScript, under tsx, vitest or plain node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.decoder);
parentPort.on('message', async ({ id, bytes }) => {
  try {
    const image = await decode({ buffer: new Uint8Array(bytes) });
    const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    parentPort.postMessage({ id, width: image.width, height: image.height, data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve: (image: DecodedImage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  owner: Worker;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAllOf(owner: Worker, error: Error): void {
  for (const [id, p] of pending) {
    if (p.owner !== owner) continue;
    clearTimeout(p.timer);
    p.reject(error);
    pending.delete(id);
  }
}

function theWorker(): Worker {
  if (worker) return worker;
  const decoder = createRequire(import.meta.url).resolve('heic-decode');
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { decoder } });
  w.unref();
  w.on('message', (m: { id: number; width?: number; height?: number; data?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.error !== undefined || !m.data) p.reject(new Error(m.error ?? 'no pixels'));
    else
      p.resolve({
        width: m.width as number,
        height: m.height as number,
        data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength),
      });
  });
  const lost = (error: Error) => {
    if (worker === w) worker = null;
    failAllOf(w, error);
  };
  w.on('error', lost);
  w.on('exit', (code) => lost(new Error(`HEIC decoder exited (${code})`)));
  worker = w;
  return w;
}

/** Decodes the primary image of a HEIC/HEIF file; rejects on a file libheif cannot read. */
export function decodeHeic(bytes: Buffer): Promise<DecodedImage> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('HEIC decoding timed out'));
      // A stuck decode holds the only worker: replace it (the others waiting on it fail and may retry).
      const stuck = worker;
      worker = null;
      void stuck?.terminate();
    }, DECODE_TIMEOUT_MS);
    timer.unref();
    const owner = theWorker();
    pending.set(id, { resolve, reject, timer, owner });
    const copy = new Uint8Array(bytes); // its own ArrayBuffer, handed over to the worker
    owner.postMessage({ id, bytes: copy.buffer }, [copy.buffer]);
  });
}
