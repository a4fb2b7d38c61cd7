// Rate limits in the database (issue 18 §3): sign-in per username and address, one-time codes per phone, citizen
// reports per phone, Open311 POST per key, the public pages — 429 RATE_LIMITED with Retry-After and a Chinese
// message, counted in the table rate_limits that every server process shares.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRateRules, RateLimiter } from '../src/http/rate-limits.js';
import { startTestSystem, type TestSystem } from './support/system.js';

vi.setConfig({ testTimeout: 180_000 }); // each refused password costs an Argon2 hash

let sys: TestSystem;
let wall = new Date('2026-11-25T02:00:00Z').getTime();
const seconds = (n: number) => {
  wall += n * 1000;
};

beforeAll(async () => {
  sys = await startTestSystem({
    wallNow: () => new Date(wall),
    env: { RATE_LIMITS: 'login.user=2/60,login.ip=4/60,code.phone=3/3600,report.phone=3/3600,open311.key=3/60' },
  });
});
afterAll(async () => sys?.stop());

const login = (username: string, ip = '198.51.100.1') =>
  sys.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': ip },
    payload: { username, password: 'wrong-password-1' },
  });

describe('rate limits', () => {
  it('limits sign-in per username, with Retry-After and a Chinese message, until the window ends', async () => {
    for (let i = 0; i < 2; i++) expect((await login('nobody-here')).statusCode).toBe(401);
    const limited = await login('nobody-here');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 2, windowSeconds: 60 } });
    expect(limited.json().message).toMatch(/^操作过于频繁，请 \d+ 秒后再试$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await login('someone-else')).statusCode).toBe(401); // another username is not affected
    seconds(61);
    expect((await login('nobody-here')).statusCode).toBe(401);
  });

  it('limits sign-in per client address across usernames', async () => {
    seconds(61);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(`user-${i}`, '198.51.100.99')).statusCode);
    expect(statuses.slice(0, 4).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect((await login('user-x', '198.51.100.100')).statusCode).toBe(401);
  });

  it('limits one-time codes per phone', async () => {
    const phone = '13900001901';
    const ask = () => sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone } });
    for (let i = 0; i < 3; i++) {
      expect((await ask()).statusCode).toBe(200);
      seconds(61); // past the one-a-minute resend rule
    }
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
  });

  it('limits citizen reports per phone', async () => {
    const phone = '13900001902';
    const sent = await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone } });
    const verified = await sys.request({
      method: 'POST',
      url: '/api/auth/code/verify',
      payload: { phone, code: sent.json().demoCode },
    });
    const citizen = { authorization: `Bearer ${verified.json().token}` };
    const report = (i: number) =>
      sys.request({
        method: 'POST',
        url: '/api/citizen/reports',
        headers: citizen,
        payload: { clientToken: `rate-${i}`, body: '楼道里堆满杂物，存在消防隐患', address: '城关镇建设路1号' },
      });
    for (let i = 0; i < 3; i++) expect((await report(i)).statusCode).not.toBe(429);
    const limited = await report(3);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
  });

  it('limits Open311 POST per API key, in the Open311 error shape', async () => {
    const post = () =>
      sys.request({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'api_key=gz_not-a-real-key&service_code=1&description=x&lat=1&long=1',
      });
    for (let i = 0; i < 3; i++) expect((await post()).statusCode).not.toBe(429);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()[0]).toMatchObject({ code: 429 });
    expect(limited.json()[0].description).toMatch(/操作过于频繁/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts in the database: two limiters (two server processes) share one counter; the public pages too', async () => {
    const a = new RateLimiter(sys.services.db, () => new Date(wall));
    const b = new RateLimiter(sys.services.db, () => new Date(wall));
    expect((await a.hit('test:shared', 60_000)).count).toBe(1);
    expect((await b.hit('test:shared', 60_000)).count).toBe(2);
    expect((await a.hit('test:shared', 60_000)).count).toBe(3);
    await sys.request({ method: 'GET', url: '/api/public/counties', headers: { 'x-forwarded-for': '192.0.2.5' } });
    const rows = await sys.services.db.selectFrom('rate_limits').select(['key', 'hits']).execute();
    expect(rows.some((r) => r.key.startsWith('public:') && r.key.includes('192.0.2.5'))).toBe(true);
    // API keys are counted under a digest, never in clear
    expect(rows.some((r) => r.key.includes('gz_not-a-real-key'))).toBe(false);
  });

  it('reads RATE_LIMITS', () => {
    expect(parseRateRules('off')).toBeNull();
    expect(parseRateRules(undefined)?.['login.user']).toEqual({ max: 20, windowSeconds: 900 });
    expect(parseRateRules('login.user=3/30')?.['login.user']).toEqual({ max: 3, windowSeconds: 30 });
    expect(() => parseRateRules('login.nobody=3/30')).toThrow(/RATE_LIMITS/);
    expect(() => parseRateRules('login.user=3')).toThrow(/RATE_LIMITS/);
  });
});
