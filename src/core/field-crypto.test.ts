import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_DATA_KEY, loadConfig } from './config.js';
import { FieldCrypto, parseDataKey } from './field-crypto.js';

const crypto = new FieldCrypto(DEMO_DATA_KEY);

describe('field encryption', () => {
  it('round-trips, with a fresh nonce each time (same plaintext, different ciphertexts)', () => {
    const a = crypto.encrypt('11010519491231002X');
    const b = crypto.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:/);
    expect(a).not.toContain('11010519491231002X');
    expect(crypto.decrypt(a)).toBe('11010519491231002X');
    expect(crypto.decrypt(b)).toBe('11010519491231002X');
  });
  it('refuses a tampered ciphertext (GCM tag) and another key', () => {
    const a = crypto.encrypt('13812345678');
    const raw = Buffer.from(a.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => crypto.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    const other = new FieldCrypto(Buffer.alloc(32, 7));
    expect(() => other.decrypt(a)).toThrow();
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
    const prod = { GONGZHI_MODE: 'production', SECRET_KEY: 'k3J9x0Qm2vL8pR5tW1yZ7cB4nF6hD0sA' };
    expect(() => loadConfig(prod)).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(loadConfig({ ...prod, DATA_ENCRYPTION_KEY: 'cd'.repeat(32) }).dataEncryptionKey).toEqual(
      Buffer.from('cd'.repeat(32), 'hex'),
    );
  });
});
