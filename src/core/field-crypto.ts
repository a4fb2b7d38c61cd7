// Encryption at rest of personal fields (ID numbers and phones of the grid's base data, reporters' names and phones
// of cases): AES-256-GCM with a fresh 12-byte nonce per value, and a blind index — HMAC-SHA256 under a second key
// derived from the same master key — so an exact-match search ("who has this ID number?") never decrypts a table.
// Both keys come from DATA_ENCRYPTION_KEY (32 bytes, hex or base64); losing it makes the ciphertexts unreadable.
//
// Key rotation: a ciphertext names the key it was written under (`v2:<key id>:…`, the key id a hash of the key,
// which says nothing about it), so a server given DATA_ENCRYPTION_KEY_PREVIOUS as well reads both generations
// without guessing, and `npm run keys:rotate` finds what is not yet under the current key. Values written before
// key ids (`v1:…`) stay readable: the one place a decrypt tries the current key, then the previous one.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

interface KeySet {
  id: string;
  enc: Buffer;
  index: Buffer;
}

function keySet(masterKey: Buffer): KeySet {
  if (masterKey.length !== 32) throw new Error('the data encryption key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  return {
    id: derive('gongzhi key id').subarray(0, 4).toString('hex'),
    enc: derive('gongzhi field encryption'),
    index: derive('gongzhi blind index'),
  };
}

/** A stored value is a ciphertext of FieldCrypto (either generation), not plain text. */
export function isCiphertext(stored: string): boolean {
  return /^v[12]:/.test(stored);
}

export class FieldCrypto {
  private readonly current: KeySet;
  private readonly previous: KeySet | null;

  /** `previousKey`: the key being rotated away from (DATA_ENCRYPTION_KEY_PREVIOUS), read but never written. */
  constructor(masterKey: Buffer, previousKey?: Buffer | null) {
    this.current = keySet(masterKey);
    this.previous = previousKey ? keySet(previousKey) : null;
    if (this.previous?.id === this.current.id) this.previous = null;
  }

  /** The current key's id, as ciphertexts written now carry it. */
  get keyId(): string {
    return this.current.id;
  }

  /** v2:<key id>:<base64 nonce|tag|ciphertext> */
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.enc, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v2:${this.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (stored.startsWith('v2:')) {
      const id = stored.slice(3, 11);
      const key = [this.current, this.previous].find((k) => k?.id === id);
      if (!key || stored[11] !== ':') throw new Error(`ciphertext written under an unknown data key (${id})`);
      return open(key, stored.slice(12));
    }
    if (stored.startsWith('v1:')) {
      // v1 carries no key id: the current key, else the previous one (GCM's tag tells a wrong key for sure)
      try {
        return open(this.current, stored.slice(3));
      } catch (error) {
        if (!this.previous) throw error;
        return open(this.previous, stored.slice(3));
      }
    }
    throw new Error('unknown ciphertext format');
  }

  /** The value is written under the current key (nothing for a rotation to do). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`v2:${this.current.id}:`);
  }

  /** The keyed hash an exact match looks up (hex, 128 bits: collisions are out of reach, rows stay small). */
  blindIndex(normalised: string): string {
    return indexUnder(this.current, normalised);
  }

  /**
   * The blind indexes a lookup should match: the current key's, and the previous key's while a rotation is
   * under way (rows not yet rotated still carry that one).
   */
  blindIndexes(normalised: string): string[] {
    const out = [indexUnder(this.current, normalised)];
    if (this.previous) out.push(indexUnder(this.previous, normalised));
    return out;
  }
}

function open(key: KeySet, data: string): string {
  if (!data) throw new Error('unknown ciphertext format');
  const raw = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function indexUnder(key: KeySet, normalised: string): string {
  return createHmac('sha256', key.index).update(normalised).digest('hex').slice(0, 32);
}

/** 32 bytes from 64 hex characters or 44 base64 characters; null when it is neither. */
export function parseDataKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(t)) {
    const b = Buffer.from(t, 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}
