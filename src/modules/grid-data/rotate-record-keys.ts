// Key rotation of the grid base data (issue 18, `npm run keys:rotate`): each record's ID number and phone not
// written under the current data key are encrypted again under it, and their blind indexes (a person's natural
// key is the ID number's) computed again under the current key, so exact searches find them. The table is
// walked once by id in batches, one transaction each; a record already under the current key is skipped, so the
// rotation can be stopped and run again.
import { type Kysely, sql } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import { type RotationProgress, rotateInBatches } from '../../db/rotate-in-batches.js';
import type { DB } from '../../db/schema.js';

export async function rotateRecordKeys(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  progress: (p: RotationProgress) => void = () => {},
  batch = 2000,
): Promise<RotationProgress> {
  const stale = (v: string | null) => v !== null && !crypto.isCurrent(v);
  return rotateInBatches(
    db,
    {
      table: 'grid_records',
      scan: (q, after, limit) =>
        q
          .selectFrom('grid_records')
          .select(['id', 'id_cipher', 'phone_cipher'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(limit)
          .execute(),
      stale: (r) => stale(r.id_cipher) || stale(r.phone_cipher),
      async rotate(trx, ids) {
        const locked = await trx
          .selectFrom('grid_records')
          .select(['id', 'kind', 'natural_key', 'id_cipher', 'id_index', 'phone_cipher', 'phone_index'])
          .where('id', 'in', ids)
          .forUpdate()
          .execute();
        const cols = {
          ids: [] as number[],
          idCipher: [] as (string | null)[],
          idIndex: [] as (string | null)[],
          phoneCipher: [] as (string | null)[],
          phoneIndex: [] as (string | null)[],
          naturalKey: [] as string[],
        };
        for (const r of locked) {
          // the values were encrypted in the form their index was taken of (validated: upper-case, normalised)
          const idNumber = r.id_cipher === null ? null : crypto.decrypt(r.id_cipher);
          const phone = r.phone_cipher === null ? null : crypto.decrypt(r.phone_cipher);
          const idIndex = idNumber === null ? r.id_index : crypto.blindIndex(idNumber);
          cols.ids.push(r.id);
          cols.idCipher.push(idNumber === null ? null : crypto.encrypt(idNumber));
          cols.idIndex.push(idIndex);
          cols.phoneCipher.push(phone === null ? null : crypto.encrypt(phone));
          cols.phoneIndex.push(phone === null ? r.phone_index : crypto.blindIndex(phone));
          cols.naturalKey.push(r.kind === 'person' && idIndex !== null ? idIndex : r.natural_key);
        }
        await sql`UPDATE grid_records SET id_cipher = x.id_cipher, id_index = x.id_index, phone_cipher = x.phone_cipher,
            phone_index = x.phone_index, natural_key = x.natural_key
          FROM unnest(${sql.val(cols.ids)}::int[], ${sql.val(cols.idCipher)}::text[], ${sql.val(cols.idIndex)}::text[],
                      ${sql.val(cols.phoneCipher)}::text[], ${sql.val(cols.phoneIndex)}::text[],
                      ${sql.val(cols.naturalKey)}::text[])
            AS x(id, id_cipher, id_index, phone_cipher, phone_index, natural_key)
          WHERE grid_records.id = x.id`.execute(trx);
        return locked.length;
      },
    },
    progress,
    batch,
  );
}
