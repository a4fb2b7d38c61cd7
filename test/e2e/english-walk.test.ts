// English throughout (issue 20), beyond the administrator's menu (english.test.ts): in English, as other roles,
// every page of their menu with each of its tabs clicked and the dialogs its New / Add / Register … buttons open;
// the citizen's phone pages (一键反映 before and after sign-in, its map picker, 我的反映, the services) and the grid
// worker's phone pages (/grid at phone size). A run of Chinese characters that is neither data the server sent nor
// shown on purpose fails (the detection is support/english.ts, shared with english.test.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_PHONE, type E2E, loginStaff, MOBILE, shot, startE2E } from './support/browser.js';
import { firstRecordLink, inEnglish, menuPaths, settled, visit, watchData } from './support/english.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

const DIALOG_BUTTON = /^\s*(New|Add|Register|Create|Record|Propose|Assign|Request|Apply)\b/;

/** Whether a dialog or drawer opened (a button that opens none, or navigates, gives false). */
async function dialogOpened(page: Page): Promise<boolean> {
  return page
    .locator('[role="dialog"]:visible')
    .first()
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
}

function report(findings: string[], what: string) {
  const unique = [...new Set(findings)];
  if (unique.length) console.log(`untranslated (${what}):\n${unique.join('\n')}`);
  return unique;
}

/** One staff role's menu pages in English, with their tabs and the dialogs of their New / Add … buttons. */
async function walkRole(role: string) {
  const { page, context } = await e2e.newPage();
  page.setDefaultTimeout(120_000);
  page.setDefaultNavigationTimeout(120_000);
  await inEnglish(context);
  const watch = watchData(page);
  await loginStaff(page, role);
  await settled(page);
  const paths = await menuPaths(page);
  const findings: string[] = [];
  let tabs = 0;
  let dialogs = 0;
  let forms = 0;
  const queue = [...paths];
  const seen = new Set(queue);
  for (const path of queue) {
    await visit(page, path);
    await settled(page);
    const record = await firstRecordLink(page, path);
    if (record && !seen.has(record)) {
      seen.add(record);
      queue.push(record);
    }
    findings.push(...(await watch.untranslated(`${role} ${path}`)));
    // Each tab of the page (tabs inside a tab's panel are found when it shows).
    const clicked = new Set<string>();
    for (let round = 0; round < 30; round++) {
      const next = page.locator('.ant-tabs-tab:visible:not(.ant-tabs-tab-active)');
      const labels = await next.allTextContents();
      const i = labels.findIndex((l) => !clicked.has(l));
      if (i < 0) break;
      const label = labels[i] as string;
      clicked.add(label);
      await next.nth(i).click();
      await settled(page);
      tabs++;
      findings.push(...(await watch.untranslated(`${role} ${path} tab ${label.trim()}`)));
    }
    // The dialogs (or form pages) of its first New / Add / Register … buttons, each from the page afresh.
    const labels = (await page.locator('button:visible').filter({ hasText: DIALOG_BUTTON }).allTextContents())
      .map((l) => l.trim())
      .slice(0, 3);
    for (const [n, label] of labels.entries()) {
      if (n > 0 || page.url() !== new URL(path, e2e.baseUrl).href) {
        await page.goto(path);
        await settled(page);
      }
      const button = page.locator('button:visible').filter({ hasText: label }).first();
      if ((await button.count()) === 0) continue;
      try {
        await button.click({ timeout: 30_000 });
      } catch (error) {
        // CI (stop 22, PostgreSQL, two files at once): 「Add a party」 of /disputes/new was detached from the page
        // again and again for 120 s, for the town and the mediator alike; alone it never was. Not explained yet:
        // the page is kept for a look, and the click is tried once more on the page loaded afresh.
        console.log(
          `${role} ${path}: ${label} could not be clicked (${String(error).split('\n')[0]}); page loaded again`,
        );
        await shot(page, `english-walk-unclickable-${role}`);
        await page.goto(path);
        await settled(page);
        await button.click({ timeout: 30_000 });
      }
      if (await dialogOpened(page)) {
        await settled(page);
        dialogs++;
        findings.push(...(await watch.untranslated(`${role} ${path} dialog ${label}`)));
        await page.keyboard.press('Escape');
      } else if (page.url() !== new URL(path, e2e.baseUrl).href) {
        await settled(page);
        forms++;
        findings.push(...(await watch.untranslated(`${role} ${path} → ${new URL(page.url()).pathname} (${label})`)));
      }
    }
  }
  await context.close();
  return { pages: queue.length, tabs, dialogs, forms, findings: report(findings, role) };
}

describe('the web app in English, beyond the administrator’s menu', () => {
  let dialogs = 0;
  // the town's menu holds the village's pages and more; the mediator's is another kind (the village's own walk took
  // two minutes of CI for pages the town's walk opens)
  for (const role of ['town', 'mediator']) {
    it(`as ${role}: the menu’s pages, their tabs and dialogs`, { timeout: 900_000 }, async () => {
      const walked = await walkRole(role);
      console.log(
        `${role}: ${walked.pages} pages, ${walked.tabs} tabs, ${walked.dialogs} dialogs, ${walked.forms} forms`,
      );
      dialogs += walked.dialogs;
      expect(walked.pages).toBeGreaterThan(2);
      if (role !== 'mediator') expect(walked.tabs + walked.dialogs + walked.forms).toBeGreaterThan(3);
      expect(walked.findings).toEqual([]);
    });
  }

  it('opened a few dialogs on the way', () => {
    expect(dialogs).toBeGreaterThanOrEqual(3);
  });

  it('the citizen’s phone pages: 一键反映 before and after sign-in, its map picker, 我的反映, the services', {
    timeout: 600_000,
  }, async () => {
    const { page, context } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(120_000);
    await inEnglish(context);
    const watch = watchData(page);
    const findings: string[] = [];
    await page.goto('/report');
    await settled(page);
    findings.push(...(await watch.untranslated('/report (signed out)')));
    await page.getByTestId('phone').fill(CITIZEN_PHONE);
    await page.getByTestId('request-code').click();
    const code = (await page.getByTestId('demo-code').textContent())?.trim() ?? '';
    await page.getByTestId('code').fill(code);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('report-body').waitFor();
    await settled(page);
    findings.push(...(await watch.untranslated('/report')));
    await page.getByTestId('place-map').click();
    await page.getByTestId('map-picker').waitFor();
    await settled(page);
    findings.push(...(await watch.untranslated('/report map picker')));
    await shot(page, 'english-phone-report');
    const visited = new Set<string>();
    for (const start of ['/', '/my', '/my/services']) {
      await page.goto(start);
      await settled(page);
      visited.add(start);
      findings.push(...(await watch.untranslated(`citizen ${start}`)));
      if (start === '/my/services') {
        const services = await page
          .locator('a[href]')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        for (const href of new Set(services.filter((h) => /^\/(my|board)\/[a-z-]+$/.test(h)))) {
          if (visited.has(href)) continue;
          visited.add(href);
          await page.goto(href);
          await settled(page);
          findings.push(...(await watch.untranslated(`citizen ${href}`)));
        }
      }
    }
    expect(visited.size).toBeGreaterThan(5);
    await context.close();
    expect(report(findings, 'citizen')).toEqual([]);
  });

  it('the grid worker’s phone pages: today, a case, the patrol, 随手拍', { timeout: 600_000 }, async () => {
    const { page, context } = await e2e.newPage(MOBILE, { mobile: true });
    page.setDefaultTimeout(120_000);
    await inEnglish(context);
    const watch = watchData(page);
    const findings: string[] = [];
    await loginStaff(page, 'grid');
    const paths = ['/grid', '/grid/patrol', '/grid/report'];
    for (const path of paths) {
      await page.goto(path);
      await settled(page);
      findings.push(...(await watch.untranslated(`grid ${path}`)));
      if (path === '/grid') {
        await shot(page, 'english-phone-grid');
        const hrefs = await page
          .locator('a[href]')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        const first = hrefs.find((h) => /^\/grid\/cases\/\d+$/.test(h));
        if (first) paths.push(first);
      }
    }
    await context.close();
    expect(report(findings, 'grid worker')).toEqual([]);
  });
});
