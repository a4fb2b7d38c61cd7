// 议事 in the browser: a resident raises a topic on the phone; the village accepts it at the desk; after the
// hearing is scheduled and the vote opened, the resident votes on the phone (one vote — the page then says so)
// and a neighbour votes too; once the window has run (the demo clock is advanced) the station closes the vote,
// sees the count and records the decision; the village's public board shows it without signing in.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, MOBILE, openCitizenService, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let phone: Page;
let topicId = 0;
let villageId = 0;
const TITLE = '文昌广场增设健身器材';

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

/** A resident who is not in the browser: a household of the village with this phone, signed in by code. */
async function neighbourToken(number: string): Promise<string> {
  const me = (await apiAs(e2e, 'village', 'GET', '/api/auth/me')) as { org: { id: number } };
  villageId = me.org.id;
  await apiAs(e2e, 'admin', 'POST', '/api/points/households', {
    villageId,
    doorNo: '健身路 8 号',
    headName: '邻居',
    phone: number,
  });
  const post = (url: string, body: unknown) =>
    fetch(`${e2e.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, string>>);
  const { demoCode } = await post('/api/auth/code/request', { phone: number });
  return (await post('/api/auth/code/verify', { phone: number, code: demoCode })).token as string;
}

async function topicVersion(): Promise<number> {
  return ((await apiAs(e2e, 'village', 'GET', `/api/deliberations/topics/${topicId}`)) as { version: number }).version;
}

describe('a topic from a resident’s phone to the station’s decision', () => {
  it('a resident raises a topic on the phone', async () => {
    ({ page: phone } = await e2e.newPage(MOBILE, { mobile: true }));
    phone.setDefaultTimeout(60_000);
    await openCitizenService(phone, 'tab-deliberations');
    await phone.waitForURL('**/my/deliberations');
    await phone.getByTestId('my-topic').first().waitFor();
    await shot(phone, 'deliberations-01-phone-topics');
    await phone.getByTestId('my-deliberations-tabs').getByText('提出议题').click();
    await phone.getByTestId('raise-title').fill(TITLE);
    await phone.getByTestId('raise-proposal').fill('在文昌广场东侧空地增设一组健身器材，方便老人锻炼。');
    const raised = phone.waitForResponse(
      (r) => r.url().endsWith('/api/my/deliberations/topics') && r.request().method() === 'POST',
      { timeout: 120_000 },
    );
    await phone.getByTestId('raise-submit').click();
    const body = (await (await raised).json()) as { id: number };
    topicId = body.id;
    await phone.waitForURL(`**/my/deliberations/${topicId}`);
    expect(await phone.getByTestId('my-topic-state').textContent()).toBe('待受理');
  });

  it('the village accepts it; the hearing is scheduled and the vote opened', async () => {
    const desk = await staffPage(e2e, 'village');
    desk.setDefaultTimeout(90_000);
    await desk.getByTestId('side-menu').getByText('议事').click();
    await desk.waitForURL('**/deliberations');
    await desk.getByTestId('topic-boxes').waitFor();
    await desk.getByTestId('topic-table').getByText(TITLE).click();
    await desk.waitForURL(`**/deliberations/${topicId}`);
    await desk.getByTestId('topic-facts').waitFor();
    await desk.getByTestId('action-accept').click();
    await desk.getByTestId('action-submit').waitFor();
    const accepted = desk.waitForResponse((r) => r.url().endsWith(`/topics/${topicId}/actions`), { timeout: 120_000 });
    await desk.getByTestId('action-submit').click();
    expect((await accepted).status()).toBe(200);
    await expect.poll(() => desk.getByTestId('topic-state').first().textContent()).toBe('已受理');
    await desk.context().close();
    // the hearing date and the voting window (date pickers are not what this walk is about)
    const hour = 3600_000;
    const scheduled = await apiAs(e2e, 'village', 'POST', `/api/deliberations/topics/${topicId}/actions`, {
      version: await topicVersion(),
      action: { type: 'schedule', hearingAt: new Date(Date.now() + 2 * hour).toISOString(), place: '文昌广场' },
    });
    expect((scheduled as { stateLabel: string }).stateLabel).toBe('已排期');
    const opened = (await apiAs(e2e, 'village', 'POST', `/api/deliberations/topics/${topicId}/actions`, {
      version: await topicVersion(),
      action: { type: 'openVoting', closesAt: new Date(Date.now() + hour).toISOString() },
    })) as { stateLabel: string };
    expect(opened.stateLabel).toBe('表决中');
  });

  it('residents vote: once each, the count hidden until the vote closes', async () => {
    const loaded = phone.waitForResponse((r) => r.url().endsWith(`/api/my/deliberations/topics/${topicId}`), {
      timeout: 120_000,
    });
    await phone.goto(`/my/deliberations/${topicId}`);
    expect(((await (await loaded).json()) as { state: string; me: unknown }).state).toBe('voting');
    await phone.getByTestId('vote-card').waitFor();
    await phone.getByTestId('vote-同意').click();
    const voted = phone.waitForResponse((r) => r.url().endsWith(`/topics/${topicId}/vote`), { timeout: 120_000 });
    await phone.getByTestId('vote-submit').click();
    expect((await voted).status()).toBe(201);
    await phone.getByTestId('voted').waitFor();
    await shot(phone, 'deliberations-02-phone-voted');
    // a neighbour votes from their phone; a second vote of theirs is refused
    const token = await neighbourToken('13922220008');
    const vote = (choice: string) =>
      fetch(`${e2e.baseUrl}/api/my/deliberations/topics/${topicId}/vote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ choice }),
      });
    expect((await vote('反对')).status).toBe(201);
    const again = await vote('同意');
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([
      409,
      'DELIBERATION_ALREADY_VOTED',
    ]);
  });

  // Closing and deciding are two tests, each with its own time. The window is an hour and the clock moves two: two
  // days made the sweepers escalate the demo's cases that fell due (≈ 320) while the desk worked, and on CI's two
  // busy cores the closing action then got no answer in 100 s (stop 20, 21 and 22's CI; not seen alone). What the
  // sweepers' backlog does to a user's action is issue 22's (sweeper lag), not this walk's.
  let desk: Page;

  it('after the window the station closes the vote and sees the count', async () => {
    await apiAs(e2e, 'admin', 'POST', '/api/clock/advance', { hours: 2 });
    desk = await staffPage(e2e, 'village');
    desk.setDefaultTimeout(90_000);
    await desk.goto(`/deliberations/${topicId}`);
    await desk.getByTestId('result-hidden').waitFor();
    await desk.getByTestId('action-closeVoting').click();
    await desk.getByTestId('action-submit').waitFor();
    const closed = desk.waitForResponse((r) => r.url().endsWith(`/topics/${topicId}/actions`), { timeout: 100_000 });
    await desk.getByTestId('action-submit').click();
    expect((await closed).status()).toBe(200);
    await desk.getByTestId('result').waitFor();
    expect(await desk.getByTestId('count-同意').textContent()).toBe('1');
    expect(await desk.getByTestId('count-反对').textContent()).toBe('1');
    expect(await desk.getByTestId('result-verdict').textContent()).toBe('未通过');
  });

  it('the station records the decision, which the queue lists', async () => {
    await desk.getByTestId('action-decide').click();
    await desk.getByTestId('decision-text').fill('赞成与反对票数相同，未获通过；由五老议事站征求周边住户意见后再议。');
    const decided = desk.waitForResponse((r) => r.url().endsWith(`/topics/${topicId}/actions`), { timeout: 100_000 });
    await desk.getByTestId('action-submit').click();
    expect((await decided).status()).toBe(200);
    await expect.poll(() => desk.getByTestId('topic-state').first().textContent()).toBe('已决定');
    await desk.getByTestId('decision').getByText('未获通过').waitFor();
    await shot(desk, 'deliberations-03-decided');
    await desk.goto('/deliberations');
    await desk.getByTestId('topic-table').getByText(TITLE).waitFor();
    await shot(desk, 'deliberations-04-queue');
    await desk.context().close();
  });

  it('the resident sees the decision on the phone and the public board shows it without signing in', async () => {
    const loaded = phone.waitForResponse((r) => r.url().endsWith(`/api/my/deliberations/topics/${topicId}`), {
      timeout: 120_000,
    });
    await phone.goto(`/my/deliberations/${topicId}`);
    expect(((await (await loaded).json()) as { state: string }).state).toBe('decided');
    await phone.getByTestId('my-decision').getByText('未获通过').waitFor();
    const { page: board } = await e2e.newPage(MOBILE, { mobile: true });
    await board.goto(`/board/deliberations/${villageId}`);
    await board.getByTestId('board-title').getByText('议事公开栏').waitFor();
    await board.getByTestId('board-decided').filter({ hasText: TITLE }).waitFor();
    expect(await board.getByTestId('board-decided').filter({ hasText: TITLE }).textContent()).toContain('同意 1');
    await shot(board, 'deliberations-05-public-board');
    await board.context().close();
  });
});
