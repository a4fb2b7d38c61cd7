// Status sync through webhooks: a receiver that fails its first attempts still gets every status change of the
// hotline cases it subscribed to, in order per case, exactly once per change id (it dedups redeliveries), with
// a valid signature; two dispatchers side by side never deliver one change twice. Plus the admin API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../src/domain/intake/hotline-order.js';
import { OutboxDispatcher } from '../src/jobs/outbox-dispatcher.js';
import { firstGridPoint } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let admin: Record<string, string>;
let county: Record<string, string>;
let dept: Record<string, string>;
let server: http.Server;
let url: string;
let point: { lat: number; lng: number };

interface Received {
  body: Record<string, unknown>;
  signatureOk: boolean;
  acknowledged: boolean;
}
const received: Received[] = [];
let secret = '';
let failuresLeft = 4;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  admin = await sys.login('admin');
  county = await sys.login('county');
  dept = await sys.login('dept');
  point = await firstGridPoint(sys);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const verdict = verifySignature({
        secret,
        timestamp: req.headers['x-gz-timestamp'] as string,
        signature: req.headers['x-gz-signature'] as string,
        body: raw,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      // Fails the first attempts, and then every third one, as a flaky hotline gateway would.
      const fail = failuresLeft > 0 || received.length % 3 === 2;
      if (failuresLeft > 0) failuresLeft -= 1;
      received.push({ body: JSON.parse(raw), signatureOk: verdict === 'ok', acknowledged: !fail });
      res.statusCode = fail ? 503 : 200;
      res.end(fail ? 'busy' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gongzhi-status`;
}, 120_000);
afterAll(async () => {
  server?.close();
  await sys?.stop();
});

async function act(caseId: number, headers: Record<string, string>, action: Record<string, unknown>) {
  const detail = await sys.request({ method: 'GET', url: `/api/cases/${caseId}`, headers });
  expect(detail.statusCode).toBe(200);
  const r = await sys.request({
    method: 'POST',
    url: `/api/cases/${caseId}/actions`,
    headers,
    payload: { version: detail.json().version, action },
  });
  expect(r.statusCode, r.body).toBe(200);
}

async function drain(dispatchers: OutboxDispatcher[]) {
  for (let i = 0; i < 500; i++) {
    // The system's own dispatcher too (the retry route nudges it): wait for any pass it has in flight.
    await Promise.all([...dispatchers.map((d) => d.pass()), sys.services.jobs.runNow('outbox-dispatcher')]);
    const open = await sys.services.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'delivered')
      .executeTakeFirstOrThrow();
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0 && Number(outbox.n) === 0) return;
    // A delivery the system's own dispatcher failed waits out its real backoff: bring it due now, as time
    // passing would, so the loop does not depend on which dispatcher took it.
    await sys.services.db
      .updateTable('webhook_deliveries')
      .set({ available_at: new Date(0) })
      .where('status', '<>', 'delivered')
      .execute();
  }
  const left = await sys.services.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('status', '<>', 'delivered')
    .execute();
  const out = await sys.services.db
    .selectFrom('outbox')
    .select(['id', 'case_id'])
    .where('delivered_at', 'is', null)
    .execute();
  throw new Error(`deliveries did not drain: ${JSON.stringify({ left, out })}`);
}

describe('status sync', () => {
  it('delivers every change of hotline cases, in order, once per change id, signed', async () => {
    const created = await sys.request({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { name: '12345 状态回传', url, channels: ['hotline'] },
    });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    expect(secret).toMatch(/^whsec_/);

    const housing = await sys.services.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '住房和城乡建设局')
      .executeTakeFirstOrThrow();
    const caseIds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await sys.services.hotline.receive(
        {
          orderNo: `WH-${Date.now()}-${i}`,
          content: `第 ${i} 件：楼道堆放杂物，存在消防隐患。`,
          callerPhone: '13900002222',
          lat: point.lat,
          lng: point.lng,
        },
        null,
      );
      caseIds.push(r.caseId);
    }
    // A walk-in case: not a hotline one, so not for this subscription.
    const walkIn = await sys.services.cases.create(
      { channel: 'walk_in', body: '来访群众反映邻里噪音纠纷。', lat: point.lat, lng: point.lng },
      null,
    );

    const first = new OutboxDispatcher(sys.services.db, { backoffBaseMs: 0 });
    const second = new OutboxDispatcher(sys.services.db, { backoffBaseMs: 0 });
    await drain([first, second]);
    for (const id of caseIds) {
      await act(id, county, { type: 'accept' });
      await drain([first, second]);
      await act(id, county, { type: 'dispatch', leadOrgId: housing.id, assistingOrgIds: [] });
    }
    await drain([first, second]);
    for (const id of caseIds) {
      await act(id, dept, { type: 'signFor' });
      await act(id, dept, { type: 'reply', content: '已安排物业清理楼道杂物，并张贴消防提示。' });
    }
    await drain([first, second]);

    expect(received.every((r) => r.signatureOk)).toBe(true);
    expect(received.some((r) => !r.acknowledged)).toBe(true);
    const acked = received.filter((r) => r.acknowledged).map((r) => r.body);
    // Exactly once per change id among the acknowledged deliveries …
    const ids = acked.map((b) => b.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    // … every change of every hotline case, and nothing of the walk-in case …
    const events = await sys.services.db
      .selectFrom('case_events')
      .select(['case_id', 'version', 'type', 'to_state'])
      .where('case_id', 'in', caseIds)
      .orderBy('case_id')
      .orderBy('version')
      .execute();
    expect(new Set(ids)).toEqual(new Set(events.map((e) => `${e.case_id}:${e.version}`)));
    expect(acked.some((b) => b.caseId === walkIn.id)).toBe(false);
    // … and in order per case (the order attempts were made, acknowledged or not).
    for (const id of caseIds) {
      const versions = received.filter((r) => r.body.caseId === id).map((r) => r.body.version as number);
      for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1] as number);
      const ackedVersions = acked.filter((b) => b.caseId === id).map((b) => b.version);
      expect(ackedVersions).toEqual(events.filter((e) => e.case_id === id).map((e) => e.version));
    }
    const reply = acked.find((b) => b.type === 'reply');
    expect(reply).toMatchObject({
      topic: 'case.changed',
      channel: 'hotline',
      reply: '已安排物业清理楼道杂物，并张贴消防提示。',
    });
    expect(reply?.externalRef).toMatch(/^WH-/);
  });

  it('delivers task changes only to subscriptions that tick 任务变更 (tasks)', async () => {
    const created = await sys.request({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { name: '督办系统', url, channels: ['tasks'] },
    });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    const before = received.length;
    const housing = await sys.services.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', '住房和城乡建设局')
      .executeTakeFirstOrThrow();
    const task = await sys.request({
      method: 'POST',
      url: '/api/tasks',
      headers: county,
      payload: { title: '楼道消防隐患专项整治', ownerOrgId: housing.id, limit: { amount: 3, unit: 'working_days' } },
    });
    expect(task.statusCode).toBe(201);
    const signed = await sys.request({
      method: 'POST',
      url: `/api/tasks/${task.json().id}/actions`,
      headers: dept,
      payload: { version: 1, action: { type: 'sign' } },
    });
    expect(signed.statusCode).toBe(200);
    await drain([new OutboxDispatcher(sys.services.db, { backoffBaseMs: 0 })]);
    const bodies = received
      .slice(before)
      .filter((r) => r.acknowledged)
      .map((r) => r.body);
    // Only the task subscription heard of it (the hotline one lists hotline cases only), signed, in order.
    expect(received.slice(before).every((r) => r.signatureOk)).toBe(true);
    expect(bodies.map((b) => [b.topic, b.type, b.version])).toEqual([
      ['task.changed', 'create', 1],
      ['task.changed', 'sign', 2],
    ]);
    expect(bodies[1]).toMatchObject({ taskId: task.json().id, state: 'in_progress', stateLabel: '办理中' });
  });

  it('shows deliveries with attempts and errors, and retries one by hand', async () => {
    const list = await sys.request({ method: 'GET', url: '/api/webhooks/deliveries?limit=500', headers: admin });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: number; status: string; attempts: number; lastError: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((d) => d.status === 'delivered')).toBe(true);
    expect(items.some((d) => d.attempts > 1)).toBe(true);
    const subs = (await sys.request({ method: 'GET', url: '/api/webhooks', headers: admin })).json().items;
    const delivered = subs.map((x: { counts: { delivered: number } }) => x.counts.delivered);
    expect(delivered.reduce((a: number, b: number) => a + b, 0)).toBe(items.length);
    expect(subs[0]).not.toHaveProperty('secret');

    const before = received.length;
    const target = items[0] as { id: number };
    const retry = await sys.request({
      method: 'POST',
      url: `/api/webhooks/deliveries/${target.id}/retry`,
      headers: admin,
    });
    expect(retry.statusCode).toBe(200);
    failuresLeft = 0;
    await drain([new OutboxDispatcher(sys.services.db, { backoffBaseMs: 0 })]);
    expect(received.length).toBeGreaterThan(before);
    const missing = await sys.request({ method: 'POST', url: '/api/webhooks/deliveries/999999/retry', headers: admin });
    expect(missing.json().code).toBe('DELIVERY_NOT_FOUND');
  });

  it('records the error of a failing receiver and backs off', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    let status = 500;
    const fakeFetch = (async () => new Response(status === 204 ? null : 'no', { status })) as typeof fetch;
    const dispatcher = new OutboxDispatcher(sys.services.db, { now: () => now, fetch: fakeFetch, backoffBaseMs: 1000 });
    const sub = await sys.request({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { name: '失败的接收方', url: 'http://127.0.0.1:9/none', channels: ['walk_in'] },
    });
    await sys.services.cases.create(
      { channel: 'walk_in', body: '路边井盖缺失，存在安全隐患。', lat: point.lat, lng: point.lng },
      null,
    );
    await dispatcher.pass();
    const failed = (
      await sys.request({
        method: 'GET',
        url: `/api/webhooks/deliveries?subscriptionId=${sub.json().id}&status=failed`,
        headers: admin,
      })
    ).json().items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 500', lastStatus: 500 });
    expect(new Date(failed[0].nextAttemptAt).getTime()).toBe(now.getTime() + 1000);
    // Not due yet: nothing is sent; then due, and acknowledged.
    await dispatcher.pass();
    status = 204;
    const later = new OutboxDispatcher(sys.services.db, {
      now: () => new Date(now.getTime() + 1000),
      fetch: fakeFetch,
    });
    await later.pass();
    const after = (
      await sys.request({
        method: 'GET',
        url: `/api/webhooks/deliveries?subscriptionId=${sub.json().id}`,
        headers: admin,
      })
    ).json().items;
    expect(after[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    await sys.request({ method: 'DELETE', url: `/api/webhooks/${sub.json().id}`, headers: admin });
  });
});

describe('admin API', () => {
  it('validates subscriptions and keeps them to administrators', async () => {
    const bad = await sys.request({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { name: 'x', url: 'ftp://example.com/x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('http');
    const badChannel = await sys.request({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin,
      payload: { name: 'x', url: 'https://example.com/x', channels: ['fax'] },
    });
    expect(badChannel.statusCode).toBe(400);
    const town = await sys.login('town');
    const forbidden = await sys.request({ method: 'GET', url: '/api/webhooks', headers: town });
    expect(forbidden.statusCode).toBe(403);
    const patch = await sys.request({
      method: 'PATCH',
      url: '/api/webhooks/999999',
      headers: admin,
      payload: { active: false },
    });
    expect(patch.json().code).toBe('WEBHOOK_NOT_FOUND');
  });

  it('signs with the documented scheme', () => {
    expect(signPayload('k', '1700000000', '{}')).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});
