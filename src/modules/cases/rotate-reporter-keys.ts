// Key rotation of the cases' reporter fields (issue 18, `npm run keys:rotate`): every name and phone not written
// under the current data key is decrypted (under the previous key, or v1's try-both) and encrypted again under
// the current one, and the phone's blind index is computed again under the current key. The table is walked once
// by id in batches, each batch one transaction, so a rotation of millions of cases holds no lock for long and
// can be stopped and started again: a row already under the current key is skipped.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { type FieldCrypto, isCiphertext } from '../../core/field-crypto.js';
import { type RotationProgress, rotateInBatches } from '../../db/rotate-in-batches.js';
import type { DB } from '../../db/schema.js';
import { encryptPlainReporters } from './encrypt-reporters.js';
import { normaliseReporterPhone, openReporterField } from './reporter-fields.js';

export type { RotationProgress };

export async function rotateReporterKeys(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  progress: (p: RotationProgress) => void = () => {},
  batch = 2000,
): Promise<RotationProgress> {
  // plain text left from before 0045 is encrypted under the current key first
  await encryptPlainReporters(db, crypto);
  const stale = (v: string | null) => v !== null && isCiphertext(v) && !crypto.isCurrent(v);
  const columns = ['id', 'reporter_name', 'reporter_phone'] as const;
  return rotateInBatches(
    db,
    {
      table: 'cases',
      scan: (q, after, limit) =>
        q.selectFrom('cases').select(columns).where('id', '>', after).orderBy('id').limit(limit).execute(),
      stale: (r) => stale(r.reporter_name) || stale(r.reporter_phone),
      async rotate(trx, ids) {
        const locked = await trx.selectFrom('cases').select(columns).where('id', 'in', ids).forNoKeyUpdate().execute();
        const names: (string | null)[] = [];
        const phones: (string | null)[] = [];
        const hashes: (string | null)[] = [];
        for (const r of locked) {
          const name = openReporterField(crypto, r.reporter_name);
          const phone = openReporterField(crypto, r.reporter_phone);
          names.push(stale(r.reporter_name) && name !== null ? crypto.encrypt(name) : r.reporter_name);
          phones.push(phone === null ? null : crypto.encrypt(phone));
          hashes.push(phone === null ? null : crypto.blindIndex(normaliseReporterPhone(phone)));
        }
        await sql`UPDATE cases SET reporter_name = x.name, reporter_phone = x.phone, reporter_phone_hash = x.hash
          FROM unnest(${sql.val(locked.map((r) => r.id))}::int[], ${sql.val(names)}::text[], ${sql.val(phones)}::text[], ${sql.val(hashes)}::text[])
            AS x(id, name, phone, hash)
          WHERE cases.id = x.id`.execute(trx);
        return locked.length;
      },
    },
    progress,
    batch,
  );
}
