// Where attachment bytes live. Keys are content-addressed (the SHA-256 of what is stored), so the same photo
// uploaded twice is stored once and a half-written file never replaces a good one (write, then rename).
// DATA_DIR/uploads by default; an S3-compatible bucket when S3_BUCKET is set (s3-object-store.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../core/config.js';
import { S3ObjectStore } from './s3-object-store.js';

export type StorageKind = 'local' | 's3';

export interface ObjectStore {
  readonly kind: StorageKind;
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  close?(): Promise<void>;
}

/** Refuses a key that could leave the store's root (keys are made by objectKey, never by a client). */
export function checkObjectKey(key: string): string {
  if (!/^[a-z0-9][a-z0-9./-]*$/.test(key) || key.includes('..')) throw new Error(`bad object key ${key}`);
  return key;
}

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  constructor(private readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, checkObjectKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.file(key);
    if (fs.existsSync(target)) return;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(temp, bytes);
    await fs.promises.rename(temp, target);
  }

  async get(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.file(key));
  }
}

/** The content-addressed key of some bytes: ab/cd/<sha256><suffix>. */
export function objectKey(sha256: string, suffix = ''): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}${suffix}`;
}

/**
 * The stores of this configuration: new uploads go to `primary`; each attachment row is read from the store
 * of its own `storage` column, so files uploaded before a switch to S3 stay readable from DATA_DIR.
 */
export function objectStoresFor(config: Config): {
  primary: ObjectStore;
  byKind: Record<StorageKind, ObjectStore | null>;
} {
  const local = new LocalObjectStore(path.join(config.dataDir, 'uploads'));
  const s3 = config.s3 ? new S3ObjectStore(config.s3) : null;
  return { primary: s3 ?? local, byKind: { local, s3 } };
}
