// The bytes a phone downloads before its first input (issue 22): the citizen's 码上办 page (/report?grid=…, from a
// grid's QR code) and the grid worker's 今日 page (/grid), on a fresh browser (nothing cached), counted as the
// network transferred them (compressed sizes, headers included: Chromium's encodedDataLength through the
// DevTools protocol) for the requests the page sent before its first field was on the screen — the moment a
// MutationObserver in the page saw it, not when the test's polling noticed: on a loaded CI machine the polling came
// late enough to count the screening form and a toast's holders, which load after the first screen. The figures
// are printed and written to test-artifacts/phone-bytes.json (with every response). Issue 22's goal, 300 KB, is the
// ceiling: 2.4 MB before the phone entry, 318 KB (/report) and 369 KB (/grid) with it, 250 KB and 215 KB since the
// first screen loads only what it shows (README, "The phone's first load"); a regression — the phone loading the
// desk app, its charts, the English dictionary or antd's heavier parts again — fails here.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/server-process.js';
import { type E2E, loginStaff, MOBILE, startE2E } from './support/browser.js';

const CEILING_BYTES = 300 * 1024;
let e2e: E2E;
const figures: Record<
  string,
  { bytes: number; requests: number; largest: { url: string; bytes: number }[]; all?: { url: string; bytes: number }[] }
> = {};

let gridId = 0;

beforeAll(async () => {
  e2e = await startE2E();
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const grids = await fetch(`${e2e.baseUrl}/api/orgs?kind=grid&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  gridId = ((await grids.json()) as { items: { id: number }[] }).items[0]?.id ?? 0;
  expect(gridId).toBeGreaterThan(0);
}, 240_000);

afterAll(async () => {
  mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-artifacts/phone-bytes.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await e2e?.stop();
});

/**
 * Counts what the page transfers for the requests it sends before `selector` appears; `stop()` (after the element is
 * there) answers the total and the largest responses. The page records the moment itself (a MutationObserver set up
 * before any script of the page runs), on the wall clock the DevTools protocol stamps each request with.
 */
async function countTransfers(page: Page, selector: string) {
  await page.addInitScript((sel) => {
    const w = window as unknown as { __firstInputAt?: number };
    const seen = () => {
      if (w.__firstInputAt === undefined && document.querySelector(sel)) w.__firstInputAt = Date.now();
      return w.__firstInputAt !== undefined;
    };
    new MutationObserver((_records, observer) => {
      if (seen()) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sent = new Map<string, { url: string; at: number }>();
  const sizes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, { url: e.request.url, at: e.wallTime * 1000 }));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  return async () => {
    await page.locator(selector).first().waitFor();
    const firstInputAt = await page.evaluate(() => (window as unknown as { __firstInputAt?: number }).__firstInputAt);
    expect(firstInputAt).toBeGreaterThan(0);
    const before = [...sent].filter(([, r]) => r.at <= (firstInputAt ?? 0));
    // the requests sent before the first input, each once it has finished (those still loading are waited for)
    await expect.poll(() => before.every(([id]) => sizes.has(id)), { timeout: 30_000 }).toBe(true);
    const items = before.map(([id, r]) => ({ url: r.url.replace(e2e.baseUrl, ''), bytes: sizes.get(id) ?? 0 }));
    return {
      bytes: items.reduce((sum, i) => sum + i.bytes, 0),
      requests: items.length,
      largest: [...items].sort((a, b) => b.bytes - a.bytes).slice(0, 8),
      // every response, in the order they were sent (test-artifacts/phone-bytes.json), to see what a change saved
      all: items,
      urls: items.map((i) => i.url),
      later: [...sent].length - before.length,
    };
  };
}

function report(
  name: string,
  { urls, later, ...result }: (typeof figures)[string] & { urls: string[]; later: number },
) {
  figures[name] = result;
  // the phone entry, compressed; not the desk app, its charts, nor the English dictionary of a Chinese reader
  expect(urls.some((u) => /\/assets\/phone-/.test(u))).toBe(true);
  expect(urls.filter((u) => /echarts|i18n-dictionary-en|\/assets\/index-/.test(u))).toEqual([]);
  console.log(
    `${name}: ${(result.bytes / 1024).toFixed(1)} KB in ${result.requests} requests before the first input (${later} sent after it not counted); largest: ${result.largest
      .map((l) => `${l.url} ${(l.bytes / 1024).toFixed(1)} KB`)
      .join(', ')}`,
  );
}

describe('the phone pages’ first load', () => {
  it('the citizen’s 码上办 page: compressed, the phone entry only', async () => {
    const { page, context } = await e2e.newPage(MOBILE, { mobile: true });
    const stop = await countTransfers(page, '[data-testid="report-body"]');
    await page.goto(`/report?grid=${gridId}`);
    await page.getByTestId('preset-grid').waitFor();
    await page.getByTestId('report-body').fill('楼道灯不亮');
    const result = await stop();
    report('citizen /report', result);
    // the desk app's charts and its side menu are not loaded by the phone entry
    expect(result.bytes).toBeLessThanOrEqual(CEILING_BYTES);
    await context.close();
  });

  it('the grid worker’s 今日 page after signing in', async () => {
    const { page, context } = await e2e.newPage(MOBILE, { mobile: true });
    await loginStaff(page, 'grid');
    // leave the desk's home page first: its answers still arriving are not the phone page's bytes
    await page.goto('about:blank');
    const stop = await countTransfers(page, '[data-testid="go-patrol"]');
    await page.goto('/grid');
    const result = await stop();
    report('grid worker /grid', result);
    expect(result.bytes).toBeLessThanOrEqual(CEILING_BYTES);
    await context.close();
  });
});
