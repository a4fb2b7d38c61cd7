// Security hardening (issue 18): headers on every response, the origin check of cookie-authenticated state
// changes, the idle timeout of staff sessions, re-authentication for the most sensitive actions, the staff
// password policy — through HTTP on a real database.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditLog } from '../src/cli/audit-verify.js';
import { installSecurityHeaders } from '../src/http/security.js';
import { startTestSystem, type TestSystem } from './support/system.js';

vi.setConfig({ testTimeout: 180_000 }); // the first requests build the OpenAPI document; CI machines are busy

let sys: TestSystem;
let wall = new Date('2026-11-25T02:00:00Z').getTime();
const minutes = (n: number) => {
  wall += n * 60_000;
};

beforeAll(async () => {
  sys = await startTestSystem({
    wallNow: () => new Date(wall),
    env: { SESSION_IDLE_MINUTES: '30', REAUTH_MINUTES: '10' },
  });
});
afterAll(async () => sys?.stop());

async function cookieLogin(username: string): Promise<{ cookie: string; token: string }> {
  const login = await sys.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'demo1234' },
  });
  expect(login.statusCode).toBe(200);
  return { cookie: String(login.headers['set-cookie']).split(';')[0] ?? '', token: login.json().token };
}

describe('security headers', () => {
  it('every response carries the CSP, nosniff, frame and referrer policies, and no HSTS outside production', async () => {
    for (const url of ['/health', '/api/auth/me', '/api/public/counties', '/no-such-page', '/openapi.json']) {
      const r = await sys.request({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('unsafe-eval');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('sends HSTS and upgrade-insecure-requests in production', async () => {
    const app = Fastify();
    await installSecurityHeaders(app, true);
    app.get('/', async () => ({ ok: true }));
    const r = await app.inject({ method: 'GET', url: '/' });
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(r.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    await app.close();
  });
});

describe('the origin check of cookie-authenticated state changes', () => {
  it('refuses a POST with the session cookie and no Origin or Referer, or from another site', async () => {
    const { cookie } = await cookieLogin('admin');
    const body = { name: 'csrf', orgId: 1, permissions: ['case.read'] };
    const bare = await sys.request({ method: 'POST', url: '/api/api-keys', headers: { cookie }, payload: body });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('CROSS_ORIGIN_REQUEST');
    const evil = await sys.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example.com' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('CROSS_ORIGIN_REQUEST');
    const nullOrigin = await sys.request({
      method: 'DELETE',
      url: '/api/api-keys/1',
      headers: { cookie, origin: 'null' },
    });
    expect(nullOrigin.json().code).toBe('CROSS_ORIGIN_REQUEST');
    // the session survived: the refused logout did not sign out
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it("accepts the app's own origin, or its own Referer when the browser sends no Origin", async () => {
    const { cookie } = await cookieLogin('town');
    const own = await sys.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, host: 'gongzhi.example.gov.cn', origin: 'https://gongzhi.example.gov.cn' },
    });
    expect(own.statusCode).toBe(204);
    const second = await cookieLogin('town');
    const referred = await sys.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: second.cookie, host: 'localhost:3000', referer: 'http://localhost:3000/cases/1' },
    });
    expect(referred.statusCode).toBe(204);
  });

  it('does not apply to reads, to bearer tokens and API keys, or to requests without the cookie', async () => {
    const { cookie, token } = await cookieLogin('village');
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const bearer = await sys.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example.com' },
    });
    expect(bearer.statusCode).toBe(204);
    const anonymous = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'village', password: 'demo1234' },
    });
    expect(anonymous.statusCode).toBe(200);
  });
});

describe('idle timeout of staff sessions', () => {
  it('ends a staff session unused for longer than SESSION_IDLE_MINUTES; use keeps it alive', async () => {
    const town = await sys.login('town');
    minutes(20);
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: town })).statusCode).toBe(200);
    minutes(20); // 40 minutes after sign-in, 20 after the last use
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: town })).statusCode).toBe(200);
    minutes(31);
    const idle = await sys.request({ method: 'GET', url: '/api/auth/me', headers: town });
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: '长时间未操作，登录已失效，请重新登录' });
    minutes(1); // and it stays ended
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: town })).statusCode).toBe(401);
  });

  it("does not end a citizen's session for idleness", async () => {
    const sent = await sys.request({
      method: 'POST',
      url: '/api/auth/code/request',
      payload: { phone: '13900001801' },
    });
    const verified = await sys.request({
      method: 'POST',
      url: '/api/auth/code/verify',
      payload: { phone: '13900001801', code: sent.json().demoCode },
    });
    const citizen = { authorization: `Bearer ${verified.json().token}` };
    minutes(120);
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: citizen })).statusCode).toBe(200);
  });
});

describe('re-authentication for the most sensitive administrator actions', () => {
  it('asks for the password again after REAUTH_MINUTES before creating an API key, a webhook or a bulk export', async () => {
    const admin = await sys.login('admin');
    const orgId = (await sys.json('GET', '/api/orgs/tree', admin)).body[0].id;
    const key = { name: 'fresh', orgId, permissions: ['case.read'] };
    expect((await sys.json('POST', '/api/api-keys', admin, key)).status).toBe(201); // just signed in
    minutes(11);
    const stale = await sys.json('POST', '/api/api-keys', admin, key);
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ code: 'REAUTH_REQUIRED', details: { reauth: 'POST /api/auth/reauth' } });
    const webhook = await sys.json('POST', '/api/webhooks', admin, { name: 'w', url: 'https://example.com/hook' });
    expect(webhook.body, JSON.stringify(webhook.body)).toMatchObject({ code: 'REAUTH_REQUIRED' });
    const exported = await sys.request({ method: 'GET', url: '/api/grid-data/people/export', headers: admin });
    expect(exported.json().code).toBe('REAUTH_REQUIRED');
    // reading and revoking are not gated
    expect((await sys.json('GET', '/api/api-keys', admin)).status).toBe(200);

    const wrong = await sys.json('POST', '/api/auth/reauth', admin, { password: 'not-it-123' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect((await sys.json('POST', '/api/api-keys', admin, key)).status).toBe(403);

    const right = await sys.json('POST', '/api/auth/reauth', admin, { password: 'demo1234' });
    expect(right.status).toBe(200);
    expect(new Date(right.body.reauthUntil).getTime()).toBe(wall + 10 * 60_000);
    expect((await sys.json('POST', '/api/api-keys', admin, key)).status).toBe(201);
    minutes(11);
    expect((await sys.json('POST', '/api/api-keys', admin, key)).body.code).toBe('REAUTH_REQUIRED');
  });

  it('is for staff sessions only: a citizen cannot re-authenticate', async () => {
    const sent = await sys.request({
      method: 'POST',
      url: '/api/auth/code/request',
      payload: { phone: '13900001802' },
    });
    const verified = await sys.request({
      method: 'POST',
      url: '/api/auth/code/verify',
      payload: { phone: '13900001802', code: sent.json().demoCode },
    });
    const citizen = { authorization: `Bearer ${verified.json().token}` };
    expect((await sys.json('POST', '/api/auth/reauth', citizen, { password: 'x' })).status).toBe(403);
  });
});

describe('the staff password policy', () => {
  it('refuses a new password that contains the username, is common or too short, and says why', async () => {
    const admin = await sys.login('admin');
    const orgId = (await sys.json('GET', '/api/orgs/tree', admin)).body[0].id;
    const user = { username: 'zhangwei', displayName: '张伟', role: 'county_operator', orgId };
    const named = await sys.json('POST', '/api/users', admin, { ...user, password: 'Zhangwei2026' });
    expect(named.status).toBe(400);
    expect(named.body).toMatchObject({ code: 'PASSWORD_POLICY', details: { problems: ['contains_username'] } });
    expect(named.body.message).toContain('不能包含用户名');
    const common = await sys.json('POST', '/api/users', admin, { ...user, password: 'Passw0rd' });
    expect(common.body.details.problems).toEqual(['common']);
    const short = await sys.json('POST', '/api/users', admin, { ...user, password: 'a1b2' });
    expect(short.body.details.problems).toContain('too_short');
    const good = await sys.json('POST', '/api/users', admin, { ...user, password: 'Lantern-47-river' });
    expect(good.status).toBe(201);
    await sys.login('zhangwei', 'Lantern-47-river');
    const reset = await sys.json('POST', `/api/users/${good.body.id}/reset-password`, admin, {
      password: 'zhangwei-99',
    });
    expect(reset.body.code).toBe('PASSWORD_POLICY');
  });
});

describe('npm run audit:verify', () => {
  it('finds the chain intact, then names the first entry edited or deleted', async () => {
    const db = sys.services.db;
    const admin = await sys.login('admin');
    await sys.json('POST', '/api/users/1/unlock', admin); // audited administrator actions, so the chain has entries
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    // small batches: the walk crosses batch boundaries; the jobs may append entries meanwhile
    const intact = await verifyAuditLog(db, () => {}, 500);
    expect(intact.broken).toBeNull();
    expect(intact.checked).toBeGreaterThanOrEqual(ids.length);

    const victim = ids[1] as number;
    const original = await db.selectFrom('audit_log').selectAll().where('id', '=', victim).executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ action: 'nothing.to.see' }).where('id', '=', victim).execute();
    const edited = await verifyAuditLog(db, () => {}, 500);
    expect(edited.broken).toMatchObject({ id: victim, action: 'nothing.to.see', problem: 'edited' });
    expect(edited.checked).toBe(1);

    await db.updateTable('audit_log').set({ action: original.action }).where('id', '=', victim).execute();
    expect((await verifyAuditLog(db)).broken).toBeNull();
    await db.deleteFrom('audit_log').where('id', '=', victim).execute();
    const deleted = await verifyAuditLog(db);
    expect(deleted.broken).toMatchObject({ id: ids[2], problem: 'unlinked' });
  });
});
