// 志愿服务 in the browser: the village publishes an activity about to start at its square; the demo citizen signs
// up on the phone and checks in on site (the phone's location is the square); after an hour (the demo clock is
// advanced) they check out and are told the hours and points; the village's staff see the hours on the
// activity's page. Also the social-organisation registry and the statistics, for the screenshots.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, MOBILE, openCitizenService, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let phone: Page;
let phoneContext: BrowserContext;
let activityId = 0;
let point = { lat: 29.3, lng: 120.1 };
const TITLE = '文化礼堂义务清扫';

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  const me = (await apiAs(e2e, 'village', 'GET', '/api/auth/me')) as { org: { id: number } };
  const village = (await apiAs(e2e, 'village', 'GET', `/api/orgs/${me.org.id}`)) as {
    centerLat: number | null;
    centerLng: number | null;
  };
  if (village.centerLat !== null && village.centerLng !== null)
    point = { lat: village.centerLat, lng: village.centerLng };
  const clock = (await apiAs(e2e, 'admin', 'GET', '/api/clock')) as { now: string };
  const now = new Date(clock.now).getTime();
  const created = (await apiAs(e2e, 'village', 'POST', '/api/volunteers/activities', {
    title: TITLE,
    place: '村文化礼堂',
    ...point,
    startsAt: new Date(now + 10 * 60_000).toISOString(),
    endsAt: new Date(now + 130 * 60_000).toISOString(),
    capacity: 6,
    publish: true,
  })) as { id: number };
  activityId = created.id;
}, 300_000);
afterAll(async () => e2e?.stop());

describe('a volunteer signs up on the phone and checks in; staff see the hours', () => {
  it('signs up and checks in on site', async () => {
    ({ page: phone, context: phoneContext } = await e2e.newPage(MOBILE, { mobile: true }));
    await phoneContext.grantPermissions(['geolocation']);
    await phoneContext.setGeolocation({ latitude: point.lat, longitude: point.lng });
    phone.setDefaultTimeout(60_000);
    await openCitizenService(phone, 'tab-volunteer');
    await phone.waitForURL('**/my/volunteer');
    const card = phone.getByTestId('my-activity').filter({ hasText: TITLE });
    await card.waitFor();
    await shot(phone, 'volunteers-01-phone-activities');
    await card.getByTestId('signup-button').click();
    await card.getByTestId('checkin-button').click();
    await card.getByTestId('checked-in').waitFor();
    expect(await card.getByTestId('checked-in').textContent()).toContain('已签到');
    await shot(phone, 'volunteers-02-phone-checked-in');
  });

  it('an hour later checks out: hours and points credited once', async () => {
    await apiAs(e2e, 'admin', 'POST', '/api/clock/advance', { minutes: 70 });
    await phone.reload();
    const card = phone.getByTestId('my-activity').filter({ hasText: TITLE });
    await card.getByTestId('checkout-button').click();
    await card.getByTestId('checkout-notice').waitFor();
    expect(await card.getByTestId('checkout-notice').textContent()).toContain('1 小时');
    // the page reloads the volunteer's record: the hours on the card, no more 签退
    await card.getByTestId('my-activity-hours').waitFor();
    expect(await card.getByTestId('checkout-button').count()).toBe(0);
    await shot(phone, 'volunteers-03-phone-checked-out');
  });

  it('the village sees the hours on the activity’s page', async () => {
    const desk = await staffPage(e2e, 'village');
    desk.setDefaultTimeout(60_000);
    await desk.getByTestId('side-menu').getByText('志愿服务').click();
    await desk.waitForURL('**/volunteers');
    await desk.getByTestId('activity-table').getByText(TITLE).click();
    await desk.waitForURL(`**/volunteers/${activityId}`);
    await desk.getByTestId('signup-table').getByText('张三').waitFor();
    expect(await desk.getByTestId('activity-total-hours').textContent()).toContain('1');
    expect(await desk.getByTestId('signup-table').textContent()).toContain('1 小时');
    await shot(desk, 'volunteers-04-activity');
    await desk.goto('/volunteers/stats');
    await desk.getByTestId('stats-hours').waitFor();
    await desk.waitForTimeout(800); // the chart's animation
    await shot(desk, 'volunteers-05-stats');
  });

  it('the county sees the registry of social organisations', async () => {
    const desk = await staffPage(e2e, 'county');
    desk.setDefaultTimeout(60_000);
    await desk.goto('/social-orgs');
    await desk.getByTestId('social-org-table').getByText('县志愿者协会').click();
    await desk.getByTestId('social-org-name').waitFor();
    expect(await desk.getByTestId('social-org-name').textContent()).toBe('县志愿者协会');
    await shot(desk, 'volunteers-06-social-org');
  });
});
