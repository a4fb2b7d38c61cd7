// English throughout (issue 20): with the language set to English, every page of the menu is opened as the
// county administrator and every visible text is read; a run of Chinese characters that is not data fails the
// test. Data is what the server sent: every string in the JSON the page received (org, people and place names,
// case titles, categories …) is allowed, and so is what a page shows on purpose in Chinese (the language switch
// names 中文 in Chinese).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTLINE_COLUMNS } from '../../src/modules/hotline/hotline-import.js';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

const HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
/** Shown in Chinese on purpose, in English too. */
const ON_PURPOSE = new Set([
  // the language switch offers Chinese in its own script
  '中文',
  // the logo: the brand's character (共治), a mark rather than a word
  '共',
  // the import page names the columns of the 12345 hotline's spreadsheet: the file's own headings, which the
  // import reads by name — an English reader must still find them in the file
  ...HOTLINE_COLUMNS,
  // the full-text search's example keywords: the cases are written in Chinese, an English word finds nothing
  '垃圾清运',
  '噪音扰民',
  '拖欠工资',
]);

/** Every string in a JSON value. */
function strings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

/** The visible texts of the page: text nodes of visible elements, placeholders and tooltips' titles. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script,style,noscript')) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder],textarea[placeholder]')) {
      if (el.checkVisibility()) out.push(el.placeholder);
    }
    return out;
  });
}

/** Waits until the page has drawn its data: no spinner, no skeleton, the network quiet for a moment. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, {
    timeout: 120_000,
  });
  await page.waitForLoadState('load');
  await page.waitForTimeout(400);
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, {
    timeout: 120_000,
  });
}

/** The first link of a list page to one of its records (/disputes → /disputes/3), if it shows one. */
async function firstRecordLink(page: Page, path: string): Promise<string | undefined> {
  const base = path.split('?')[0] ?? path;
  if (base === '/') return undefined;
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => h.startsWith(`${base}/`) && /^\d+$/.test(h.slice(base.length + 1)));
}

describe('the web app in English', () => {
  // some fifty pages, each drawn from a cold start (3–6 s apiece on a shared machine)
  it('shows no untranslated Chinese on any page of the menu, nor on the first record each list links to', {
    timeout: 900_000,
  }, async () => {
    const { page, context } = await e2e.newPage();
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    await context.addInitScript(() => localStorage.setItem('gz_lang', 'en'));
    const data = new Set<string>();
    // The bodies being read: a page may draw a response before its body reaches the test, so the texts are
    // compared only once every body read so far has been taken in.
    const reading = new Set<Promise<void>>();
    page.on('response', (res) => {
      if (!res.url().includes('/api/') || !(res.headers()['content-type'] ?? '').includes('json')) return;
      const read = res
        .json()
        .then((body) => strings(body, data))
        .catch(() => {
          // a body already gone (navigation) holds nothing the next page shows
        });
      reading.add(read);
      void read.finally(() => reading.delete(read));
    });
    await loginStaff(page, 'admin');
    await settled(page);
    // The menu's pages: open every group, then read the items' routes.
    for (const title of await page
      .locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title')
      .all()) {
      await title.click();
    }
    const paths = await page
      .locator('.ant-menu-item[data-menu-id]')
      .evaluateAll((items) =>
        items
          .map((i) => /-(\/[^\s]*)$/.exec(i.getAttribute('data-menu-id') ?? '')?.[1])
          .filter((p): p is string => !!p),
      );
    expect(paths.length).toBeGreaterThan(20);
    const findings: string[] = [];
    const queue = [...new Set(paths)];
    const seen = new Set(queue);
    // the queue grows while it is walked: a list page adds the first record it links to
    for (const path of queue) {
      await page.goto(path);
      await settled(page);
      await Promise.all([...reading]);
      const record = await firstRecordLink(page, path);
      if (record && !seen.has(record)) {
        seen.add(record);
        queue.push(record);
      }
      const dataText = [...data];
      for (const text of await visibleTexts(page)) {
        for (const run of text.match(HAN) ?? []) {
          if (ON_PURPOSE.has(run) || dataText.some((d) => d.includes(run))) continue;
          findings.push(`${path}: 「${run}」 in "${text.slice(0, 80)}"`);
        }
      }
      if (path === '/') await shot(page, 'english-home');
    }
    const unique = [...new Set(findings)];
    expect(queue.length).toBeGreaterThan(paths.length);
    if (unique.length) console.log(`untranslated on ${queue.length} pages:\n${unique.join('\n')}`);
    expect(unique).toEqual([]);
  });
});
