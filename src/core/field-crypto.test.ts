import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_DATA_KEY, loadConfig } from './config.js';
import { FieldCrypto, isCiphertext, parseDataKey } from './field-crypto.js';

const crypto = new FieldCrypto(DEMO_DATA_KEY);
// written by the format before key ids (`v1:`), under the demo key and under Buffer.alloc(32, 7)
const V1_UNDER_DEMO_KEY = 'v1:uFhSC/JdmplSNC4PJy1Q4q2cK+F7SZ7Liwu2P7OXmh501Cz7l028';
const V1_UNDER_KEY_A = 'v1:12/l79s+5we3GnCzcZIYmliN9pGxyHweZ/1k5kqNTjZJKA5XEqTG';

describe('field encryption', () => {
  it('round-trips, with a fresh nonce each time (same plaintext, different ciphertexts)', () => {
    const a = crypto.encrypt('11010519491231002X');
    const b = crypto.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^v2:${crypto.keyId}:`));
    expect(a).not.toContain('11010519491231002X');
    expect(crypto.decrypt(a)).toBe('11010519491231002X');
    expect(crypto.decrypt(b)).toBe('11010519491231002X');
  });
  it('refuses a tampered ciphertext (GCM tag) and another key', () => {
    const a = crypto.encrypt('13812345678');
    const prefix = `v2:${crypto.keyId}:`;
    const raw = Buffer.from(a.slice(prefix.length), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => crypto.decrypt(`${prefix}${raw.toString('base64')}`)).toThrow();
    const other = new FieldCrypto(Buffer.alloc(32, 7));
    expect(() => other.decrypt(a)).toThrow();
  });
  it('key rotation: the previous key still reads what it wrote (v2 by key id, v1 by trying), never writes', () => {
    const keyA = Buffer.alloc(32, 7);
    const underA = new FieldCrypto(keyA).encrypt('13812345678');
    const rotating = new FieldCrypto(DEMO_DATA_KEY, keyA);
    expect(rotating.decrypt(underA)).toBe('13812345678');
    expect(rotating.isCurrent(underA)).toBe(false);
    const again = rotating.encrypt('13812345678');
    expect(rotating.isCurrent(again)).toBe(true);
    expect(again.startsWith(`v2:${crypto.keyId}:`)).toBe(true);
    // without the previous key, A's value names a key this server does not have
    expect(() => crypto.decrypt(underA)).toThrow(/unknown data key/);
    // values written before key ids (v1), under the current key and under the previous one
    expect(crypto.decrypt(V1_UNDER_DEMO_KEY)).toBe('13812345678');
    expect(rotating.decrypt(V1_UNDER_DEMO_KEY)).toBe('13812345678');
    expect(rotating.decrypt(V1_UNDER_KEY_A)).toBe('13812345678');
    expect(() => crypto.decrypt(V1_UNDER_KEY_A)).toThrow();
    expect(rotating.isCurrent(V1_UNDER_DEMO_KEY)).toBe(false);
    // lookups during a rotation match both generations of the blind index
    expect(rotating.blindIndexes('13812345678')).toEqual([
      crypto.blindIndex('13812345678'),
      new FieldCrypto(keyA).blindIndex('13812345678'),
    ]);
    expect(crypto.blindIndexes('13812345678')).toEqual([crypto.blindIndex('13812345678')]);
    expect(isCiphertext(underA) && isCiphertext(V1_UNDER_KEY_A) && !isCiphertext('13812345678')).toBe(true);
  });
  it('the blind index is deterministic, keyed, and not the plain hash', () => {
    expect(crypto.blindIndex('13812345678')).toBe(crypto.blindIndex('13812345678'));
    expect(crypto.blindIndex('13812345678')).not.toBe(crypto.blindIndex('13812345679'));
    expect(new FieldCrypto(Buffer.alloc(32, 7)).blindIndex('13812345678')).not.toBe(crypto.blindIndex('13812345678'));
    expect(crypto.blindIndex('x')).toMatch(/^[0-9a-f]{32}$/);
  });
  it('keys: 64 hex or 44 base64 characters; production refuses to start without one', () => {
    expect(parseDataKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseDataKey(Buffer.alloc(32, 1).toString('base64'))?.length).toBe(32);
    expect(parseDataKey('short')).toBeNull();
    expect(loadConfig({}).dataEncryptionKey).toEqual(DEMO_DATA_KEY);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'nope' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY_PREVIOUS: 'nope' })).toThrow(/DATA_ENCRYPTION_KEY_PREVIOUS/);
    expect(loadConfig({ DATA_ENCRYPTION_KEY_PREVIOUS: 'ab'.repeat(32) }).dataEncryptionKeyPrevious).toEqual(
      Buffer.from('ab'.repeat(32), 'hex'),
    );
    const prod = { GONGZHI_MODE: 'production', SECRET_KEY: 'k3J9x0Qm2vL8pR5tW1yZ7cB4nF6hD0sA' };
    expect(() => loadConfig(prod)).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(loadConfig({ ...prod, DATA_ENCRYPTION_KEY: 'cd'.repeat(32) }).dataEncryptionKey).toEqual(
      Buffer.from('cd'.repeat(32), 'hex'),
    );
  });
});
