import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';

let e2e: E2E;

/** A county operator's tab, signed in; the server may still be replaying the demo year on a busy machine. */
async function countyPage(): Promise<Page> {
  const { page } = await e2e.newPage();
  page.setDefaultNavigationTimeout(120_000);
  page.setDefaultTimeout(60_000);
  await loginStaff(page, 'county');
  await page.getByTestId('side-menu').getByText('分析研判').waitFor();
  return page;
}

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'true', LOG_LEVEL: 'warn' });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('分析研判', () => {
  it('searches case text with highlights', async () => {
    const page = await countyPage();
    await page.goto('/analysis');
    await page.getByTestId('analysis-page').waitFor();
    await page.getByTestId('search-input').locator('input').fill('物业');
    await page.getByTestId('search-input').locator('input').press('Enter');
    await page.locator('mark.gz-hit').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('mark.gz-hit').first().textContent()).toBe('物业');
    expect(await page.getByTestId('search-total').textContent()).toMatch(/[1-9]/);
    await shot(page, 'analysis-search');
    await page.context().close();
  }, 400_000);

  it('shows hotspots, risks, repeat reporters and classifies typed text', async () => {
    const page = await countyPage();
    await page.goto('/analysis?tab=hotspots');
    await page.getByTestId('hotspots-summary').waitFor({ timeout: 90_000 });
    // the week's busiest grids and topics of the demo history, each against its own baseline
    expect(await page.getByTestId('hotspots-grid').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('hotspots-topic').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800); // the chart animates in
    await shot(page, 'analysis-hotspots');

    await page.goto('/analysis?tab=group-risks');
    await page.getByTestId('analysis-group-risks').waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'analysis-group-risks');

    await page.goto('/analysis?tab=repeat');
    await page.getByTestId('analysis-repeat-reporters').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('analysis-repeat-reporters').textContent()).toMatch(/1\d\d\*{4}\d{4}/); // masked
    await page.waitForTimeout(500);
    await shot(page, 'analysis-repeat-reporters');

    await page.goto('/analysis?tab=classify');
    await page.getByTestId('classify-submit').click();
    await page.getByTestId('classify-error').waitFor();
    expect(await page.getByTestId('classify-error').textContent()).toContain('不能为空');
    await page.getByTestId('classify-text').fill('小区物业不作为，电梯经常坏，开发商承诺的绿化和停车位都没有兑现。');
    await page.getByTestId('classify-submit').click();
    await page.getByTestId('classify-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('classify-top').textContent()).toContain('城乡建设');
    await shot(page, 'analysis-classify');
    await page.context().close();
  }, 400_000);
});
