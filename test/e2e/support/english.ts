// The English browser tests' detection of untranslated strings (issue 20): every visible text of a page in English
// is read, and a run of Chinese characters that is not data fails. Data is what the server sent: every string in
// the JSON the page received (org, people and place names, case titles, categories …) is allowed, and so is what
// a page shows on purpose in Chinese (the language switch names 中文 in Chinese).
import type { BrowserContext, Page } from 'playwright-core';
import { isPhonePath } from '../../../src/http/web-app.js';
import { HOTLINE_COLUMNS } from '../../../src/modules/hotline/hotline-import.js';

export const HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/** Shown in Chinese on purpose, in English too. */
export const ON_PURPOSE = new Set([
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
  // the same for the convenience services' search (办事指南): the items are named in Chinese
  '医保',
]);

/** Every string in a JSON value. */
export function strings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

/** The visible texts of the page: text nodes of visible elements, placeholders and tooltips' titles. */
export async function visibleTexts(page: Page): Promise<string[]> {
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

/** The requests of each watched page still without an answer (server-sent events, which never end, left out). */
const inFlight = new WeakMap<Page, Set<unknown>>();

function trackRequests(page: Page): void {
  if (inFlight.has(page)) return;
  const open = new Set<unknown>();
  inFlight.set(page, open);
  page.on('request', (req) => {
    if (req.resourceType() !== 'eventsource') open.add(req);
  });
  page.on('requestfinished', (req) => open.delete(req));
  page.on('requestfailed', (req) => open.delete(req));
}

/**
 * Waits until the page has drawn its data: no spinner, no skeleton, and on a watched page (`watchData`) no request
 * without its answer for a quarter of a second (a page that fires another request once the first answers is
 * waited for again); an unwatched page waits 400 ms instead.
 */
export async function settled(page: Page): Promise<void> {
  const noSpinner = () =>
    page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, {
      timeout: 120_000,
    });
  await noSpinner();
  await page.waitForLoadState('load');
  const open = inFlight.get(page);
  if (!open) await page.waitForTimeout(400);
  else {
    for (let quietSince = Date.now(); Date.now() - quietSince < 250; ) {
      await page.waitForTimeout(50);
      if (open.size > 0) quietSince = Date.now();
    }
  }
  await noSpinner();
}

/**
 * Opens a path of the desk app as its side menu would: through the app's router (history.pushState and a popstate
 * event), without reloading the app; the first visit, or a visit from or to a page of the phone entry (the server's
 * `isPhonePath`, which answers those with another app), loads the page.
 */
export async function visit(page: Page, path: string): Promise<void> {
  const here = page.url();
  const deskPath = (url: string) => !isPhonePath(new URL(url, 'http://x').pathname);
  if (here.startsWith('http') && deskPath(here) && path.startsWith('/') && deskPath(path)) {
    await page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
    }, path);
  } else await page.goto(path);
}

/** Sets the language to English for every page of the context (before its scripts run). */
export async function inEnglish(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => localStorage.setItem('gz_lang', 'en'));
}

/**
 * The strings of every JSON body the page receives from the API. A page may draw a response before its body
 * reaches the test, so `untranslated` compares texts only once every body read so far has been taken in.
 */
export function watchData(page: Page) {
  trackRequests(page);
  const data = new Set<string>();
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
  return {
    data,
    /** The runs of Chinese the page shows that are neither data nor on purpose, as `where: 「run」 in "text"`. */
    async untranslated(where: string): Promise<string[]> {
      await Promise.all([...reading]);
      const dataText = [...data];
      const findings: string[] = [];
      for (const text of await visibleTexts(page)) {
        for (const run of text.match(HAN) ?? []) {
          if (ON_PURPOSE.has(run) || dataText.some((d) => d.includes(run))) continue;
          findings.push(`${where}: 「${run}」 in "${text.slice(0, 80)}"`);
        }
      }
      return findings;
    },
  };
}

/** The routes of the side menu's items, every group opened first. */
export async function menuPaths(page: Page): Promise<string[]> {
  // the menu comes with the signed-in user (a request of its own): on busy cores after the page has settled
  await page.locator('.ant-menu-item[data-menu-id]').first().waitFor();
  for (const title of await page
    .locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title')
    .all()) {
    await title.click();
  }
  const paths = await page
    .locator('.ant-menu-item[data-menu-id]')
    .evaluateAll((items) =>
      items.map((i) => /-(\/[^\s]*)$/.exec(i.getAttribute('data-menu-id') ?? '')?.[1]).filter((p): p is string => !!p),
    );
  return [...new Set(paths)];
}

/** The first link of a list page to one of its records (/disputes → /disputes/3), if it shows one. */
export async function firstRecordLink(page: Page, path: string): Promise<string | undefined> {
  const base = path.split('?')[0] ?? path;
  if (base === '/') return undefined;
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => h.startsWith(`${base}/`) && /^\d+$/.test(h.slice(base.length + 1)));
}
