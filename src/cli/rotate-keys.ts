// `npm run keys:rotate` (issue 18): re-encrypts the personal fields at rest under the current DATA_ENCRYPTION_KEY —
// the cases' reporters' names and phones, the grid base data's ID numbers and phones — and computes their blind
// indexes again under it, in batches with progress. Values written under DATA_ENCRYPTION_KEY_PREVIOUS (or before
// key ids, `v1:`) are read with it; values already under the current key are skipped, so an interrupted rotation
// is simply run again. The procedure is in SECURITY.md ("Rotating the data encryption key").
// Reads DATABASE_URL or the embedded database under DATA_DIR (the embedded one only while no server has it open).
import type { Kysely } from 'kysely';
import { loadConfig } from '../core/config.js';
import { FieldCrypto } from '../core/field-crypto.js';
import { openDatabase } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { rotateReporterKeys } from '../modules/cases/rotate-reporter-keys.js';
import { rotateRecordKeys } from '../modules/grid-data/rotate-record-keys.js';
import { runAsCli } from './run-cli.js';

export interface KeyRotation {
  keyId: string;
  tables: { table: string; scanned: number; rotated: number }[];
}

export async function rotateDataKeys(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  progress: (p: { table: string; scanned: number; rotated: number }) => void = () => {},
  batch = 2000,
): Promise<KeyRotation> {
  const cases = await rotateReporterKeys(db, crypto, progress, batch);
  const records = await rotateRecordKeys(db, crypto, progress, batch);
  return { keyId: crypto.keyId, tables: [cases, records] };
}

async function main() {
  const config = loadConfig();
  if (!config.dataEncryptionKeyPrevious)
    console.log('[keys] DATA_ENCRYPTION_KEY_PREVIOUS is not set: only values without a key id (v1) are rewritten');
  const crypto = new FieldCrypto(config.dataEncryptionKey, config.dataEncryptionKeyPrevious);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await rotateDataKeys(database.db, crypto, (p) =>
      process.stdout.write(
        `\r[keys] ${p.table}: ${p.scanned.toLocaleString()} rows read, ${p.rotated.toLocaleString()} re-encrypted`,
      ),
    );
    process.stdout.write('\n');
    for (const t of result.tables)
      console.log(
        `[keys] ${t.table}: ${t.rotated.toLocaleString()} of ${t.scanned.toLocaleString()} rows re-encrypted`,
      );
    console.log(
      `[keys] done: everything is under key ${result.keyId}; remove DATA_ENCRYPTION_KEY_PREVIOUS and restart the servers`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runAsCli(import.meta.url, main);
