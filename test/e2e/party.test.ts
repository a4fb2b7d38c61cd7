// The party organisation in the browser: the town's coverage page lists the grids without a branch (the same
// ones the API counts); the organisation tree shows the first grid's branch with its groups; the grid's card
// (网格亮责) shows on the QR landing page (码上办) without signing in. Screenshots go to docs/screenshots.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/server-process.js';
import { apiAs, type E2E, MOBILE, staffPage, startE2E } from './support/browser.js';

let e2e: E2E;
let gridId = 0;
const DOCS = path.join(ROOT, 'docs/screenshots');
const docShot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(DOCS, `party-${name}.png`), animations: 'disabled' });

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
  gridId = (await apiAs(e2e, 'grid', 'GET', '/api/auth/me')).org.id;
}, 300_000);
afterAll(async () => e2e?.stop());

describe('the party organisation along the grid', () => {
  it('the town’s coverage page shows the grids without a branch', async () => {
    const townId = (await apiAs(e2e, 'town', 'GET', '/api/auth/me')).org.id;
    const coverage = await apiAs(e2e, 'town', 'GET', `/api/party/coverage?townId=${townId}`);
    expect(coverage.uncovered.length).toBeGreaterThanOrEqual(2);
    const page = await staffPage(e2e, 'town');
    await page.getByTestId('side-menu').getByText('党组织体系').click();
    await page.waitForURL('**/party-org');
    const table = page.getByTestId('uncovered-grids');
    for (const g of coverage.uncovered) await table.getByText(g.name, { exact: true }).waitFor();
    expect(await table.locator('tr.ant-table-row').count()).toBe(coverage.uncovered.length);
    await page.getByTestId('party-coverage').getByText('网格党支部覆盖情况').waitFor();
    await docShot(page, 'coverage');

    await page.getByTestId('party-tab-orgs').click();
    await page.waitForURL('**/party-org/orgs');
    const tree = page.getByTestId('party-tree');
    await tree.getByText('党总支', { exact: false }).first().waitFor();
    const card = await apiAs(e2e, 'town', 'GET', `/api/party/grids/${gridId}/card`);
    // the town's 党(工)委 and its first village's 党总支 open: the first grid's branch is listed
    await tree.getByText(card.branch.name).first().click();
    const detail = page.getByTestId('party-org-detail');
    await detail.getByText(card.branch.secretary).first().waitFor();
    await docShot(page, 'orgs');

    await page.getByTestId('party-tab-secretaries').click();
    await page.getByTestId('secretary-monthly').waitFor();
    await page.getByTestId('party-secretaries').locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('secretary-monthly').locator('tr.ant-table-row').first().waitFor();
    await docShot(page, 'secretaries');
    await page.context().close();
  });

  it('the grid’s card shows on the QR landing page without signing in', async () => {
    const { page } = await e2e.newPage(MOBILE, { mobile: true });
    const loaded = page.waitForResponse((r) => r.url().includes(`/api/party/grids/${gridId}/card`));
    await page.goto(`/report?grid=${gridId}`);
    expect((await loaded).status()).toBe(200);
    const card = page.getByTestId('grid-card');
    await card.getByText('网格亮责').waitFor();
    await card.getByTestId('grid-card-branch').waitFor();
    expect(await card.getByTestId('grid-card-phone').textContent()).toMatch(/0570-\d+/);
    expect(await card.textContent()).not.toMatch(/1[3-9]\d{9}/);
    await docShot(page, 'grid-card');
    await page.context().close();
  });
});
