// Sign-in, lock-out, sessions, citizen one-time codes and API keys, through HTTP on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let wall = new Date('2026-11-25T02:00:00Z').getTime();

beforeAll(async () => {
  sys = await startTestSystem({
    wallNow: () => new Date(wall),
    env: { LOCKOUT_ATTEMPTS: '5', LOCKOUT_MINUTES: '15', SESSION_HOURS: '12' },
  });
});
afterAll(async () => sys?.stop());

describe('staff password login', () => {
  it('signs in with the right password and answers /me with role, org and permissions', async () => {
    const login = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'town', password: 'demo1234' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers['set-cookie']).toMatch(/gz_session=.+HttpOnly/i);
    const me = await sys.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'town', role: 'town_operator', org: { kind: 'town' } });
    expect(me.json().permissions).toContain('org.read');
    expect(me.json().permissions).not.toContain('org.manage');
  });

  it('also accepts the session cookie', async () => {
    const login = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'grid', password: 'demo1234' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const me = await sys.request({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().role).toBe('grid_worker');
  });

  it('rejects a wrong password and an unknown user with the same error', async () => {
    const wrong = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dept', password: 'nope12345' },
    });
    const unknown = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope12345' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a missing field with a 400 naming it', async () => {
    const response = await sys.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().message).toContain('password');
  });

  it('locks the account after 5 failures, even against the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await sys.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'village', password: 'wrong-pass1' },
      });
      expect(r.json().code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'village', password: 'wrong-pass1' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'village', password: 'demo1234' },
    });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');

    const admin = await sys.login('admin');
    const users = await sys.request({ method: 'GET', url: '/api/users?q=village', headers: admin });
    const village = users.json().items.find((u: { username: string }) => u.username === 'village');
    expect(village.locked).toBe(true);
    const unlock = await sys.request({ method: 'POST', url: `/api/users/${village.id}/unlock`, headers: admin });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    const again = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'village', password: 'demo1234' },
    });
    expect(again.statusCode).toBe(200);
  });

  it('lets a lock expire after the lock-out period', async () => {
    for (let i = 0; i < 5; i++) {
      await sys.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'mediator', password: 'wrong-pass1' },
      });
    }
    const locked = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mediator', password: 'demo1234' },
    });
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    wall += 16 * 60_000;
    const ok = await sys.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'mediator', password: 'demo1234' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('expires sessions and ends them at logout', async () => {
    const headers = await sys.login('leader');
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    wall += 13 * 3600_000;
    const expired = await sys.request({ method: 'GET', url: '/api/auth/me', headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');

    const fresh = await sys.login('leader');
    const out = await sys.request({ method: 'POST', url: '/api/auth/logout', headers: fresh });
    expect(out.statusCode).toBe(204);
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: fresh })).statusCode).toBe(401);
  });

  it('ends the sessions of a user whose password an admin resets', async () => {
    const dept = await sys.login('dept');
    const admin = await sys.login('admin');
    const list = await sys.request({ method: 'GET', url: '/api/users?q=dept', headers: admin });
    const user = list.json().items.find((u: { username: string }) => u.username === 'dept');
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      headers: admin,
      payload: {},
    });
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(8);
    expect((await sys.request({ method: 'GET', url: '/api/auth/me', headers: dept })).statusCode).toBe(401);
    expect(
      (
        await sys.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'dept', password: 'demo1234' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await sys.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'dept', password: temporary },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('citizen one-time code', () => {
  it('signs a citizen in with the code shown in demo mode, creating the account on first use', async () => {
    const phone = '13912345678';
    const sent = await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().sentTo).toBe('139****5678');
    const code = sent.json().demoCode as string;
    expect(code).toMatch(/^\d{6}$/);
    const bad = await sys.request({
      method: 'POST',
      url: '/api/auth/code/verify',
      payload: { phone, code: code === '000000' ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('INVALID_LOGIN_CODE');
    const ok = await sys.request({ method: 'POST', url: '/api/auth/code/verify', payload: { phone, code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ role: 'citizen', org: null, phone: '139****5678' });
    const reuse = await sys.request({ method: 'POST', url: '/api/auth/code/verify', payload: { phone, code } });
    expect(reuse.json().code).toBe('INVALID_LOGIN_CODE');
  });

  it('refuses a malformed phone in Chinese and a second code within a minute', async () => {
    const bad = await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_PHONE' });
    expect(bad.json().message).toMatch(/手机号/);
    await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone: '13711112222' } });
    const again = await sys.request({
      method: 'POST',
      url: '/api/auth/code/request',
      payload: { phone: '13711112222' },
    });
    expect(again.statusCode).toBe(429);
  });

  it('gives up on a code after too many wrong tries', async () => {
    const phone = '13655556666';
    const code = (await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone } })).json()
      .demoCode;
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++)
      await sys.request({ method: 'POST', url: '/api/auth/code/verify', payload: { phone, code: wrong } });
    const right = await sys.request({ method: 'POST', url: '/api/auth/code/verify', payload: { phone, code } });
    expect(right.json().code).toBe('INVALID_LOGIN_CODE');
  });
});

describe('API keys', () => {
  it('works until revoked, then is refused', async () => {
    const admin = await sys.login('admin');
    const town = (await sys.request({ method: 'GET', url: '/api/orgs?kind=town&limit=1', headers: admin })).json()
      .items[0];
    const created = await sys.request({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin,
      payload: { name: '12345 热线', orgId: town.id, permissions: ['case.read', 'hotline.push'] },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^gz_/);
    expect(apiKey.prefix).toBe(key.slice(0, 10));
    const listed = (await sys.request({ method: 'GET', url: '/api/api-keys', headers: admin })).json();
    expect(JSON.stringify(listed)).not.toContain(key);

    const use = await sys.request({ method: 'GET', url: '/api/cases', headers: { 'x-api-key': key } });
    expect(use.statusCode).toBe(200);
    const bearer = await sys.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bearer.json().role).toBe('api_client');
    // A key carries only its own permissions.
    expect((await sys.request({ method: 'GET', url: '/api/orgs', headers: { 'x-api-key': key } })).statusCode).toBe(
      403,
    );

    expect(
      (await sys.request({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: admin })).statusCode,
    ).toBe(204);
    const after = await sys.request({ method: 'GET', url: '/api/cases', headers: { 'x-api-key': key } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('INVALID_API_KEY');
  });

  it('refuses permissions a key may not carry', async () => {
    const admin = await sys.login('admin');
    const me = (await sys.request({ method: 'GET', url: '/api/auth/me', headers: admin })).json();
    const r = await sys.request({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin,
      payload: { name: 'x', orgId: me.org.id, permissions: ['user.manage'] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION_FAILED');
  });
});
