// The reporter's name and phone as the cases table keeps them (issue 18, PIPL): AES-256-GCM ciphertexts in
// reporter_name and reporter_phone (the grid base data's envelope, src/core/field-crypto.ts) and the blind index of
// the normalised phone in reporter_phone_hash, which every "same reporter" and "this citizen's cases" match uses.
// The columns keep their names, so the retention predicates and partial indexes of 0043 hold as they are; the
// erased name 已注销 stays plain (a marker, not a person).
import { type FieldCrypto, isCiphertext } from '../../core/field-crypto.js';
import { normalisePhone } from '../../domain/grid-data/index.js';

export interface ReporterColumns {
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_phone_hash: string | null;
}

/** The phone as its blind index is taken: a mobile without +86, spaces or hyphens; anything else trimmed. */
export function normaliseReporterPhone(phone: string): string {
  return normalisePhone(phone) ?? phone.trim();
}

/** The columns written for a reporter's plain name and phone. */
export function sealReporter(crypto: FieldCrypto, name: string | null, phone: string | null): ReporterColumns {
  return {
    reporter_name: name === null ? null : crypto.encrypt(name),
    reporter_phone: phone === null ? null : crypto.encrypt(phone),
    reporter_phone_hash: phone === null ? null : crypto.blindIndex(normaliseReporterPhone(phone)),
  };
}

/**
 * A stored reporter field in plain text. A value that is no ciphertext is returned as it is: the erased name
 * 已注销, and rows written before 0045 that the start-up conversion (encrypt-reporters.ts) has not reached yet.
 */
export function openReporterField(crypto: FieldCrypto, stored: string | null): string | null {
  if (stored === null || !isCiphertext(stored)) return stored;
  return crypto.decrypt(stored);
}

/** The blind indexes a citizen's phone is matched by (the previous key's too while a rotation runs). */
export function reporterPhoneHashes(crypto: FieldCrypto, phone: string): string[] {
  return crypto.blindIndexes(normaliseReporterPhone(phone));
}
