// 民意调查 in the browser: the demo's running round (文昌社区) is answered by the demo citizen through their link
// (我的 → 问卷 → the questionnaire) and by a staff call from the call screen (next person, the phone shown only
// on demand, the answers recorded); the round's results page then shows the town's figures with the new
// answers counted.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type E2E, MOBILE, openCitizenService, shot, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let roundId = 0;
let answeredBefore = 0;

interface Results {
  towns: { orgName: string; n: number }[];
}

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  const rounds = (await apiAs(e2e, 'county', 'GET', '/api/surveys/rounds?state=distributing')) as {
    items: { id: number; answered: number }[];
  };
  roundId = rounds.items[0]?.id ?? 0;
  answeredBefore = rounds.items[0]?.answered ?? 0;
}, 300_000);
afterAll(async () => e2e?.stop());

async function answerScaleAndChoice(page: Page) {
  await page.getByTestId('q-safety').getByText('5', { exact: true }).click();
  await page.getByTestId('q-satisfaction').getByText('4', { exact: true }).click();
  await page.getByTestId('q-worry').getByText('电信网络诈骗').click();
}

describe('a survey round answered by link and by a staff call', () => {
  it('the demo citizen finds the survey under 我的 and answers it through the link', async () => {
    expect(roundId).toBeGreaterThan(0);
    const { page: phone } = await e2e.newPage(MOBILE, { mobile: true });
    phone.setDefaultTimeout(60_000);
    await openCitizenService(phone, 'tab-surveys');
    await phone.waitForURL('**/my/surveys');
    await phone.getByTestId('answer-my-survey').first().click();
    await phone.waitForURL('**/s/**');
    await phone.getByTestId('survey-form').waitFor();
    await answerScaleAndChoice(phone);
    await shot(phone, 'surveys-02-phone-questionnaire');
    await phone.getByTestId('survey-submit').click();
    await phone.getByTestId('survey-thanks').waitFor();
  });

  it('a village clerk calls the next person from the call screen and records the answers', async () => {
    const desk = await staffPage(e2e, 'village');
    desk.setDefaultTimeout(60_000);
    await desk.getByTestId('side-menu').getByText('民意调查').click();
    await desk.waitForURL('**/surveys');
    await desk.getByTestId('round-table').getByText('拨号屏').click();
    await desk.waitForURL(`**/surveys/${roundId}/call`);
    await desk.getByTestId('next-person').click();
    await desk.getByTestId('call-person').waitFor();
    expect(await desk.getByTestId('masked-phone').textContent()).toMatch(/\*{4}/);
    await desk.getByTestId('reveal-phone').click();
    expect(await desk.getByTestId('revealed-phone').textContent()).toMatch(/1\d{10}/);
    await answerScaleAndChoice(desk);
    await shot(desk, 'surveys-03-call-screen');
    const saved = desk.waitForResponse((r) => /\/api\/surveys\/samples\/\d+\/calls$/.test(r.url()));
    await desk.getByTestId('survey-submit').click();
    expect((await saved).status()).toBe(201);
  });

  it('the results page shows the town figures with both answers counted', async () => {
    const results = (await apiAs(e2e, 'county', 'GET', `/api/surveys/rounds/${roundId}/results`)) as Results;
    const town = results.towns[0];
    expect(town?.n).toBe(answeredBefore + 2);
    const desk = await staffPage(e2e, 'county');
    desk.setDefaultTimeout(60_000);
    await desk.goto(`/surveys/${roundId}`);
    const table = desk.getByTestId('town-results');
    await table.waitFor();
    const row = table.locator('tr', { hasText: town?.orgName ?? '' });
    await row.waitFor();
    expect(await row.textContent()).toContain(String(answeredBefore + 2));
    await shot(desk, 'surveys-04-results');
    await desk.goto('/surveys');
    await desk.getByTestId('round-table').waitFor();
    await desk.waitForTimeout(800); // let the trend chart draw before the screenshot
    await shot(desk, 'surveys-01-rounds');
  });
});
