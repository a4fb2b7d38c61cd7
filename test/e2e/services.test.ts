// 便民服务 in the browser: a resident, without signing in, finds a service on the phone, sees the materials to bring
// and the nearest station (from the phone's location; without one, from the village they pick); the staff's
// applications and figures pages are photographed for the README.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, MOBILE, pickOption, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
const ROOT = path.resolve(import.meta.dirname, '../..');
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ROOT, 'docs/screenshots', `services-${name}.png`) });

interface Station {
  id: number;
  name: string;
  orgId: number;
  lat: number;
  lng: number;
}
let agency: Station;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  const me = (await apiAs(e2e, 'village', 'GET', '/api/auth/me')) as { org: { id: number } };
  const { items } = (await apiAs(e2e, 'admin', 'GET', '/api/service-items/stations')) as { items: Station[] };
  agency = items.find((s) => s.orgId === me.org.id) as Station;
}, 300_000);
afterAll(async () => e2e?.stop());

async function findElderlyCard(phone: Page) {
  await phone.goto('/board/services');
  await phone.getByTestId('service-result').first().waitFor();
  await phone.getByTestId('service-search').locator('input').fill('优待证');
  await phone.getByTestId('service-search').locator('input').press('Enter');
  await phone.getByTestId('service-result').filter({ hasText: '老年人优待证办理' }).waitFor();
  expect(await phone.getByTestId('service-result').count()).toBe(1);
  await phone.getByTestId('service-result').first().click();
  await phone.getByTestId('guide-materials').waitFor();
}

describe('a resident finds a service on the phone', () => {
  it('sees its materials and, from the phone’s location, its nearest station first', async () => {
    const { context, page: phone } = await e2e.newPage(MOBILE, { mobile: true });
    phone.setDefaultTimeout(30_000);
    await context.grantPermissions(['geolocation']);
    // standing a few steps from 文昌社区's 代办点
    await context.setGeolocation({ latitude: agency.lat + 0.0003, longitude: agency.lng });
    await phone.goto('/board/services');
    await phone.getByTestId('service-result').first().waitFor();
    await screenshot(phone, 'phone-search');
    await findElderlyCard(phone);
    expect(await phone.getByTestId('guide-title').textContent()).toBe('老年人优待证办理');
    const materials = await phone.getByTestId('guide-materials').locator('li').allTextContents();
    expect(materials).toEqual(['居民身份证', '近期一寸免冠照片 1 张']);
    const first = phone.getByTestId('guide-station').first();
    await expect.poll(() => first.textContent()).toContain(agency.name);
    expect(await first.getByTestId('nearest-tag').count()).toBe(1);
    expect(await first.textContent()).toMatch(/\d+ 米/);
    expect(await phone.getByTestId('guide-station').count()).toBeGreaterThanOrEqual(3);
    await screenshot(phone, 'phone-guide');
    await context.close();
  });

  it('without a location, picks their village and sees that village’s station first', async () => {
    const { context, page: phone } = await e2e.newPage(MOBILE, { mobile: true });
    phone.setDefaultTimeout(30_000);
    await context.clearPermissions(); // geolocation refused
    await findElderlyCard(phone);
    expect(await phone.getByTestId('nearest-tag').count()).toBe(0);
    const village = agency.name.replace('便民服务代办点', '');
    await pickOption(phone, phone.getByTestId('guide-village'), village);
    await phone.getByTestId('guide-origin').waitFor();
    await expect.poll(() => phone.getByTestId('guide-station').first().textContent()).toContain(agency.name);
    expect(await phone.getByTestId('nearest-tag').count()).toBe(1);
    await context.close();
  });
});

describe('the staff pages', () => {
  it('the town sees its stations’ applications and the figures (screenshots)', async () => {
    const page = await staffPage(e2e, 'town');
    await page.goto('/services');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(8);
    await page.locator('.ant-table-row').filter({ hasText: '残疾人证申领' }).first().click();
    await page.getByTestId('application-drawer').getByText('办理记录').waitFor();
    await page.waitForTimeout(500); // the drawer's slide-in
    await screenshot(page, 'applications');
    await page.goto('/services/stats');
    await page.getByTestId('stats-total').waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'stats');
    await page.close();
  });
});
