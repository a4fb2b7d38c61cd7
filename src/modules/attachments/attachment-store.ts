// Where attachment bytes live. Keys are content-addressed (the SHA-256 of what is stored), so the same photo
// uploaded twice is stored once and a half-written file never replaces a good one (write, then rename).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface ObjectStore {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[a-z0-9][a-z0-9./-]*$/.test(key) || key.includes('..')) throw new Error(`bad object key ${key}`);
    return path.join(this.root, key);
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
