// The start-up step of 0045 (issue 18): cases whose reporter's name or phone is still plain text — written before
// the migration, or loaded around the application (a bulk load, an old dump) — are encrypted in place, with the
// phone's blind index, in batches of BATCH rows, each batch one transaction whose rows are locked with SKIP LOCKED
// (servers starting together share the work). Idempotent: a ciphertext (`v1:`/`v2:`) is never touched, the
// erased name 已注销 neither. Finding the rows is one probe of the partial index cases_reporter_plain_idx, whose
// predicate PLAIN repeats literally: after the conversion the index is empty and the step costs nothing.
import { type Kysely, type SqlBool, sql } from 'kysely';
import { type FieldCrypto, isCiphertext } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import { ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';
import { normaliseReporterPhone, openReporterField } from './reporter-fields.js';

const BATCH = 1000;

/** Exactly the predicate of cases_reporter_plain_idx (0045), so the planner reads that index. */
const PLAIN = sql<SqlBool>`((reporter_phone IS NOT NULL AND (reporter_phone NOT LIKE 'v_:%' OR reporter_phone_hash IS NULL))
     OR (reporter_name IS NOT NULL AND reporter_name NOT LIKE 'v_:%' AND reporter_name <> '已注销'))`;

export async function encryptPlainReporters(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  progress: (message: string) => void = () => {},
): Promise<number> {
  let done = 0;
  for (;;) {
    const changed = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('cases')
        .select(['id', 'reporter_name', 'reporter_phone'])
        .where(PLAIN)
        .orderBy('id')
        .limit(BATCH)
        .forNoKeyUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const ids: number[] = [];
      const names: (string | null)[] = [];
      const phones: (string | null)[] = [];
      const hashes: (string | null)[] = [];
      for (const r of rows) {
        const name = r.reporter_name;
        const phone = openReporterField(crypto, r.reporter_phone);
        ids.push(r.id);
        names.push(name === null || name === ERASED_REPORTER_NAME || isCiphertext(name) ? name : crypto.encrypt(name));
        phones.push(
          r.reporter_phone === null || isCiphertext(r.reporter_phone)
            ? r.reporter_phone
            : crypto.encrypt(r.reporter_phone),
        );
        hashes.push(phone === null ? null : crypto.blindIndex(normaliseReporterPhone(phone)));
      }
      await sql`UPDATE cases SET reporter_name = x.name, reporter_phone = x.phone, reporter_phone_hash = x.hash
        FROM unnest(${sql.val(ids)}::int[], ${sql.val(names)}::text[], ${sql.val(phones)}::text[], ${sql.val(hashes)}::text[])
          AS x(id, name, phone, hash)
        WHERE cases.id = x.id`.execute(trx);
      return rows.length;
    });
    if (changed === 0) break;
    done += changed;
    progress(`报告人姓名和电话加密存储：已加密 ${done} 件`);
  }
  return done;
}
