import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../support/images.js';
import { type E2E, startE2E } from './support/browser.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const PHONE = { width: 390, height: 844 };
const CITIZEN_PHONE = '13800000001';

let e2e: E2E;
let baseUrl = '';
let browser: Browser;
const grid = { id: 0, name: '', lat: 0, lng: 0 };
let deptId = 0;
let caseId = 0;

/** A staff member's API client (what the workbench would do). */
async function staff(username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const token = ((await res.json()) as { token: string }).token;
  const call = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await r.json()) as Record<string, unknown>;
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    call,
    act: async (id: number, action: Record<string, unknown>) => {
      const current = (await call('GET', `/api/cases/${id}`)) as { version: number };
      return call('POST', `/api/cases/${id}/actions`, { version: current.version, action });
    },
  };
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    baseURL: baseUrl,
    geolocation: { latitude: grid.lat, longitude: grid.lng, accuracy: 12 },
    permissions: ['geolocation'],
  });
  return { context, page: await context.newPage() };
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `mobile-${name}.png`), fullPage });
}

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  baseUrl = e2e.baseUrl;
  browser = e2e.browser;
  const admin = await staff('admin');
  const gridWorker = await staff('grid');
  const me = (await gridWorker.call('GET', '/api/auth/me')) as { org: { id: number } };
  const org = (await admin.call('GET', `/api/orgs/${me.org.id}`)) as {
    id: number;
    name: string;
    centerLat: number;
    centerLng: number;
  };
  Object.assign(grid, { id: org.id, name: org.name, lat: org.centerLat, lng: org.centerLng });
  const dept = await staff('dept');
  deptId = ((await dept.call('GET', '/api/auth/me')) as { org: { id: number } }).org.id;
});

afterAll(async () => {
  await e2e?.stop();
});

describe('the phone: a citizen reports, the grid verifies, the citizen rates', () => {
  let citizen: { context: BrowserContext; page: Page };

  it('a citizen scans the grid’s code, signs in on the form and reports with a photo and a map point', async () => {
    citizen = await phone();
    const { page } = citizen;
    await page.goto(`/report?grid=${grid.id}`);
    await page.getByTestId('preset-grid').getByText(grid.name).waitFor();
    await page.getByTestId('phone-sign-in').waitFor();
    // What is typed before signing in is kept.
    await page.getByTestId('report-body').fill('小区东门的路灯坏了一个多星期，晚上路过很黑，老人孩子容易摔倒。');
    await shot(page, 'report-sign-in');
    await page.getByTestId('phone').fill(CITIZEN_PHONE);
    await page.getByTestId('request-code').click();
    const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('code').fill(code);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('photos-section').waitFor();
    expect(await page.getByTestId('report-body').inputValue()).toContain('路灯坏了');

    // A real photo, uploaded with a progress indicator and shown as a thumbnail.
    await page
      .getByTestId('photos-input')
      .setInputFiles({ name: 'streetlight.png', mimeType: 'image/png', buffer: makePng(320, 240) });
    await page.locator('[data-testid="photos-item"][data-status="done"]').waitFor({ timeout: 30_000 });

    // A point picked on the grid map.
    await page.getByTestId('place-map').click();
    // The QR code's grid is drawn in red and the map is fitted to it: tap inside it.
    const focus = page.getByTestId('map-picker').locator('path.leaflet-interactive[stroke="#b7282e"]');
    await focus.waitFor({ timeout: 30_000 });
    await page.getByTestId('map-picker').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // the fit animation
    const box = await focus.boundingBox();
    if (!box) throw new Error('the grid has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('place-name').waitFor();
    await shot(page, 'report-map-point');
    await page.getByTestId('place-name').getByText(grid.name).waitFor({ timeout: 15_000 });
    await page.getByTestId('address').fill('东门岗亭旁');
    await page.getByTestId('reporter-name').fill('王阿姨');
    await shot(page, 'report-filled', true);

    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/my\/\d+$/);
    caseId = Number(page.url().split('/').pop());
    await page.getByTestId('report-success').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('已提交');
    await page.getByTestId('case-photos').locator('img').first().waitFor();
    await shot(page, 'report-submitted');
  });

  it('a citizen’s errors are shown next to the field, in Chinese', async () => {
    const { page } = citizen;
    await page.goto('/report');
    await page.getByTestId('report-body').fill('短');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('body-error').waitFor();
    expect(await page.getByTestId('body-error').textContent()).toMatch(/至少 5 个字/);
    await shot(page, 'report-errors');
    await page.getByTestId('report-body').fill('');
  });

  it('the report is in 我的反映', async () => {
    const { page } = citizen;
    await page.goto('/');
    await page.getByTestId('my-case').first().waitFor();
    await shot(page, 'citizen-home');
    await page.goto('/my');
    const item = page.getByTestId('my-case').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('路灯');
    expect(await item.getByTestId('my-case-status').textContent()).toBe('已提交');
    await shot(page, 'my-reports');
  });

  it('the grid worker verifies it on site from 今日任务, and keeps a patrol log', async () => {
    const village = await staff('village');
    await village.act(caseId, { type: 'accept' });
    await village.act(caseId, { type: 'assignVerification', note: '请网格员现场核实' });

    const { context, page } = await phone();
    await page.goto('/login');
    await page.getByTestId('username').fill('grid');
    await page.getByTestId('password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-grid_worker').waitFor();
    await page.getByTestId('open-grid-app').click();
    await page.waitForURL('**/grid');
    const box = page.getByTestId('box-to_verify');
    await box.getByTestId('grid-case').first().waitFor();
    await shot(page, 'grid-today');
    await box.getByTestId('grid-case').first().click();
    await page.getByTestId('form-verify').waitFor();
    await page.getByTestId('action-notes').fill('现场核实：东门路灯不亮属实，灯杆编号 QX-0231。');
    await page
      .getByTestId('photos-before-input')
      .setInputFiles({ name: 'onsite.png', mimeType: 'image/png', buffer: makePng(200, 150, [20, 80, 160]) });
    await page.locator('[data-testid="photos-before-item"][data-status="done"]').waitFor({ timeout: 30_000 });
    await shot(page, 'grid-verify', true);
    await page.getByTestId('action-submit').click();
    await page.getByTestId('grid-case-state').getByText('待派遣').waitFor();
    await shot(page, 'grid-verified');

    // A patrol: start, record where the worker stands, end.
    await page.goto('/grid/patrol');
    await page.getByTestId('patrol-title').waitFor({ timeout: 60_000 });
    await page.getByTestId('patrol-start').click({ timeout: 60_000 });
    await page.getByTestId('patrol-point-form').waitFor();
    await page.getByTestId('patrol-note').fill('东门，路灯已报修');
    await page.getByTestId('patrol-record').click();
    await page.getByTestId('patrol-point').first().waitFor();
    await shot(page, 'grid-patrol');
    await page.getByTestId('patrol-end').click();
    await page.getByTestId('patrol-summary').fill('巡查一圈，发现路灯故障一处，已上报。');
    await page.getByTestId('patrol-end-confirm').click();
    await page.getByTestId('patrol-start').waitFor();
    // The history is fetched again after the end: wait for the ended patrol to arrive in it.
    await page
      .getByTestId('patrol-history')
      .getByText(/1 个点/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('patrol-history').textContent()).toContain('1 个点');
    await context.close();
  });

  it('staff dispatch and reply; the citizen reads the reply and rates it', async () => {
    const village = await staff('village');
    const dept = await staff('dept');
    await village.act(caseId, { type: 'dispatch', leadOrgId: deptId });
    await dept.act(caseId, { type: 'signFor' });
    await dept.act(caseId, { type: 'reply', content: '您好，东门路灯已于今日更换灯具，恢复照明。感谢您的反映！' });

    const { page } = citizen;
    await page.goto(`/my/${caseId}`);
    await page.getByTestId('case-reply').getByText('恢复照明').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('已答复');
    const text = (await page.locator('body').textContent()) ?? '';
    // Units, never staff members.
    for (const who of [village, dept, await staff('grid')]) {
      const name = ((await who.call('GET', '/api/auth/me')) as { displayName: string }).displayName;
      expect(text).not.toContain(name);
    }
    await shot(page, 'reply', true);
    await page.getByTestId('rate-satisfied').click();
    await page.getByTestId('rate-comment').fill('修得很快，谢谢！');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('case-rating').getByText('满意').waitFor();
    await shot(page, 'rated', true);
    await citizen.context.close();
  });

  it('an administrator prints the grids’ QR codes', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      baseURL: baseUrl,
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('username').fill('village');
    await page.getByTestId('password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-village_operator').waitFor();
    await page.goto('/admin/qrcodes');
    await page.getByTestId('qr-card').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="qr-card"] img')].every(
        (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    await page.screenshot({ path: path.join(SHOTS, 'admin-qrcodes.png') });
    await context.close();
  });
});

describe('the phone: the citizen paths without a map point', () => {
  // Another citizen: the one above asked for a code less than a minute ago (one a minute per phone).
  const PHONE_2 = '13800000002';
  let citizen: { context: BrowserContext; page: Page };
  const village = { id: 0, name: '', townName: '', lat: 0, lng: 0 };

  /** Signs the citizen in on the report form (the draft typed before is kept). */
  async function signIn(page: Page) {
    await page.getByTestId('phone').fill(PHONE_2);
    await page.getByTestId('request-code').click();
    const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
    await page.getByTestId('code').fill(code);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('photos-section').waitFor();
  }

  beforeAll(async () => {
    const admin = await staff('admin');
    const gridOrg = (await admin.call('GET', `/api/orgs/${grid.id}`)) as { parentId: number };
    const v = (await admin.call('GET', `/api/orgs/${gridOrg.parentId}`)) as {
      id: number;
      name: string;
      parentId: number;
      centerLat: number;
      centerLng: number;
    };
    const town = (await admin.call('GET', `/api/orgs/${v.parentId}`)) as { name: string };
    Object.assign(village, { id: v.id, name: v.name, townName: town.name, lat: v.centerLat, lng: v.centerLng });
    citizen = await phone();
  });

  afterAll(async () => {
    await citizen?.context.close();
  });

  it('a report with a typed address only lands in the grid of the village the address names', async () => {
    const { page } = citizen;
    await page.goto('/report');
    await page.getByTestId('phone-sign-in').waitFor();
    await page.getByTestId('report-body').fill('村口垃圾桶满了三天没人清运，气味很大，苍蝇很多。');
    await signIn(page);
    await page.getByTestId('place-address').click();
    const address = `${village.townName}${village.name}村口小卖部旁`;
    await page.getByTestId('address').fill(address);
    await shot(page, 'report-address-only', true);
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/my\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.getByTestId('report-success').waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('已提交');
    await shot(page, 'report-address-submitted');

    // Staff see it at the village's grid: the grid at the village's centre (else its first), no point.
    const county = await staff('county');
    const admin = await staff('admin');
    const c = (await county.call('GET', `/api/cases/${id}`)) as {
      villageId: number;
      gridId: number;
      address: string;
      lat: number | null;
      channel: string;
      reporter: { anonymous: boolean };
    };
    expect(c).toMatchObject({ villageId: village.id, address, lat: null, channel: 'citizen_app' });
    expect(c.reporter.anonymous).toBe(false);
    const located = (await admin.call('GET', `/api/locate?lat=${village.lat}&lng=${village.lng}`)) as {
      village: { id: number };
      grid: { id: number };
    };
    const gridOfCase = (await admin.call('GET', `/api/orgs/${c.gridId}`)) as { parentId: number; kind: string };
    expect(gridOfCase).toMatchObject({ parentId: village.id, kind: 'grid' });
    if (located.village.id === village.id) expect(c.gridId).toBe(located.grid.id);
  });

  it('an anonymous report shows staff no reporter: no name, no phone', async () => {
    const { page } = citizen;
    await page.goto('/report');
    await page.getByTestId('report-body').fill('有人深夜在小区里烧烤，噪音和油烟很大，不方便留名。');
    // A name typed and then withdrawn by choosing anonymous must not travel.
    await page.getByTestId('reporter-name').fill('李先生');
    await page.getByTestId('anonymous').getByText('匿名反映').click();
    await page.getByText('工作人员看不到您的姓名和电话').waitFor();
    await page.getByTestId('place-address').click();
    await page.getByTestId('address').fill(`${village.name}3 幢楼下`);
    await shot(page, 'report-anonymous', true);
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/my\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.getByTestId('report-success').waitFor();

    const county = await staff('county');
    const c = (await county.call('GET', `/api/cases/${id}`)) as {
      villageId: number;
      reporter: { name: string | null; phone: string | null; anonymous: boolean };
    };
    expect(c.villageId).toBe(village.id);
    expect(c.reporter).toMatchObject({ anonymous: true, name: null, phone: null });

    // The case page of the county operator says 匿名 and nothing that names or reaches the citizen.
    const { context, page: desk } = await e2e.newPage({ width: 1280, height: 900 });
    await desk.goto('/login');
    await desk.getByTestId('username').fill('county');
    await desk.getByTestId('password').fill('demo1234');
    await desk.getByTestId('login-submit').click();
    await desk.getByTestId('home-county_operator').waitFor();
    await desk.goto(`/cases/${id}`);
    const facts = desk.getByTestId('case-facts');
    await facts.getByText('匿名').waitFor();
    const text = (await desk.getByTestId('case-detail').textContent()) ?? '';
    const masked = `${PHONE_2.slice(0, 3)}****${PHONE_2.slice(-4)}`;
    for (const hidden of ['李先生', PHONE_2, masked]) expect(text).not.toContain(hidden);
    await desk.screenshot({ path: path.join(SHOTS, 'mobile-anonymous-staff-view.png') });
    await context.close();
  });
});
