import { describe, expect, it } from 'vitest';
import { TtlCache } from './public-cache.js';

describe('TtlCache', () => {
  it('computes once per time to live, shares one computation, forgets failures and keeps rejected values briefly', async () => {
    let now = 0;
    let calls = 0;
    const cache = new TtlCache<number>(600_000, () => now);
    const compute = async () => ++calls;
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    now = 599_999;
    expect(await cache.get('a', compute)).toBe(1);
    now = 600_000;
    expect(await cache.get('a', compute)).toBe(2);
    await expect(cache.get('b', () => Promise.reject(new Error('db')))).rejects.toThrow('db');
    expect(await cache.get('b', compute)).toBe(3);
    // a value the caller does not want kept (an empty year while the rollups are built) lives 30 s only
    const zero = async () => 0;
    expect(await cache.get('c', zero, (v) => v > 0)).toBe(0);
    now += 30_000;
    expect(await cache.get('c', compute, (v) => v > 0)).toBe(4);
  });
});
