// Encryption at rest of personal fields (ID numbers, phones of the grid's base data): AES-256-GCM with a
// fresh 12-byte nonce per value, and a blind index — HMAC-SHA256 under a second key derived from the same
// master key — so an exact-match search ("who has this ID number?") never decrypts a table. Both keys come
// from DATA_ENCRYPTION_KEY (32 bytes, hex or base64); losing it makes the ciphertexts unreadable.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class FieldCrypto {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data encryption key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongzhi field encryption', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gongzhi blind index', 32));
  }

  /** v1:<base64 nonce|tag|ciphertext> */
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [version, data] = stored.split(':', 2);
    if (version !== VERSION || !data) throw new Error('unknown ciphertext format');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** The keyed hash an exact match looks up (hex, 128 bits: collisions are out of reach, rows stay small). */
  blindIndex(normalised: string): string {
    return createHmac('sha256', this.indexKey).update(normalised).digest('hex').slice(0, 32);
  }
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
