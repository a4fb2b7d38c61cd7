// Several server processes on one port (issue 22, src/cli/cluster.ts): WORKERS is refused without PostgreSQL (the
// embedded database belongs to one process); on PostgreSQL `WORKERS=2` starts two processes that migrate and seed
// once between them, share the port, and deliver a webhook event once (the outbox's claims are shared).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkersError, workerCount } from '../src/cli/cluster.js';
import { runServerUntilExit, type ServerProcess, startServerProcess } from './support/server-process.js';
import { createTestDatabase, onPostgres } from './support/system.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('WORKERS', () => {
  it('is a whole number, and more than one needs DATABASE_URL', () => {
    expect(workerCount({})).toBe(1);
    expect(workerCount({ WORKERS: '1' })).toBe(1);
    expect(workerCount({ WORKERS: '4', DATABASE_URL: 'postgres://x/y' })).toBe(4);
    expect(() => workerCount({ WORKERS: 'two' })).toThrow(WorkersError);
    expect(() => workerCount({ WORKERS: '0' })).toThrow(WorkersError);
    expect(() => workerCount({ WORKERS: '2' })).toThrow(/needs PostgreSQL: set DATABASE_URL/);
  });

  it('refuses to start WORKERS=2 on the embedded database, with the reason', async () => {
    const { code, output } = await runServerUntilExit({ WORKERS: '2', GONGZHI_MODE: 'demo' }, ['DATABASE_URL']);
    expect(code).toBe(1);
    expect(output).toContain('WORKERS=2 needs PostgreSQL');
    expect(output).toContain('cannot be shared between processes');
  }, 120_000);

  it.runIf(onPostgres())(
    'runs two processes on PostgreSQL that share the port and deliver a webhook event once',
    async () => {
      const db = await createTestDatabase('gz_workers');
      cleanups.push(db.drop);
      const received: { id: string; topic: string; taskId?: number; type: string; version: number }[] = [];
      const hook = http.createServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => {
          body += d.toString();
        });
        req.on('end', () => {
          received.push(JSON.parse(body));
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      cleanups.push(() => new Promise((r) => hook.close(() => r())));
      const server: ServerProcess = await startServerProcess({ WORKERS: '2', DATABASE_URL: db.url });
      cleanups.push(server.stop);
      // both processes came up (each prints its banner); the seed ran once (one admin account)
      const waitUntil = async (ok: () => boolean | Promise<boolean>) => {
        for (let i = 0; i < 600 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 500));
      };
      await waitUntil(() => (server.log().match(/共治 Gongzhi is up/g) ?? []).length >= 2);
      expect(server.log()).toContain('starting 2 server processes on one port (WORKERS=2)');
      expect((server.log().match(/共治 Gongzhi is up/g) ?? []).length).toBe(2);

      const login = async (username: string) => {
        const r = await fetch(`${server.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'demo1234' }),
        });
        expect(r.status).toBe(200);
        return { authorization: `Bearer ${((await r.json()) as { token: string }).token}` };
      };
      const call = async (who: Record<string, string>, method: string, url: string, body?: unknown) => {
        const r = await fetch(`${server.baseUrl}${url}`, {
          method,
          headers: { ...who, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: r.status, body: (await r.json()) as Record<string, unknown> };
      };
      const admin = await login('admin');
      const port = (hook.address() as AddressInfo).port;
      const sub = await call(admin, 'POST', '/api/webhooks', {
        name: '督办系统',
        url: `http://127.0.0.1:${port}/hook`,
        channels: ['tasks'],
      });
      expect(sub.status).toBe(201);
      const orgs = await call(admin, 'GET', `/api/orgs?q=${encodeURIComponent('住房和城乡建设局')}`);
      const housing = (orgs.body.items as { id: number; name: string }[]).find((o) => o.name === '住房和城乡建设局');
      expect(housing).toBeDefined();
      const task = await call(await login('county'), 'POST', '/api/tasks', {
        title: '楼道消防隐患专项整治',
        ownerOrgId: housing?.id,
        limit: { amount: 3, unit: 'working_days' },
      });
      expect(task.status).toBe(201);
      // both processes run the outbox dispatcher: the event is delivered, and only once. Other tasks may be opened
      // meanwhile (the screening cadence opens its tasks at a period's start, a Monday): each of their changes too
      // is delivered once.
      const taskId = task.body.id as number;
      const ours = () => received.filter((b) => b.topic === 'task.changed' && b.taskId === taskId);
      await waitUntil(() => ours().length > 0);
      await new Promise((r) => setTimeout(r, 5000));
      expect(ours().map((b) => [b.type, b.version])).toEqual([['create', 1]]);
      const changeIds = received.map((b) => b.id);
      expect(new Set(changeIds).size).toBe(changeIds.length);
    },
    600_000,
  );
});
