// English throughout (issue 20): with the language set to English, every page of the menu is opened as the
// county administrator and every visible text is read; a run of Chinese characters that is not data fails the
// test (the detection is support/english.ts; english-walk.test.ts walks tabs, dialogs, the phone pages and the
// other roles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, loginStaff, shot, startE2E } from './support/browser.js';
import { firstRecordLink, inEnglish, menuPaths, settled, visit, watchData } from './support/english.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ GONGZHI_MODE: 'demo', SEED_HISTORY: 'false', LOG_LEVEL: 'warn' });
}, 300_000);
afterAll(async () => e2e?.stop());

describe('the web app in English', () => {
  // some fifty pages, each drawn from a cold start (3–6 s apiece on a shared machine)
  it('shows no untranslated Chinese on any page of the menu, nor on the first record each list links to', {
    timeout: 900_000,
  }, async () => {
    const { page, context } = await e2e.newPage();
    page.setDefaultTimeout(120_000);
    page.setDefaultNavigationTimeout(120_000);
    await inEnglish(context);
    const watch = watchData(page);
    await loginStaff(page, 'admin');
    await settled(page);
    const paths = await menuPaths(page);
    expect(paths.length).toBeGreaterThan(20);
    const findings: string[] = [];
    const queue = [...paths];
    const seen = new Set(queue);
    // the queue grows while it is walked: a list page adds the first record it links to
    for (const path of queue) {
      await visit(page, path);
      await settled(page);
      const record = await firstRecordLink(page, path);
      if (record && !seen.has(record)) {
        seen.add(record);
        queue.push(record);
      }
      findings.push(...(await watch.untranslated(path)));
      if (path === '/') await shot(page, 'english-home');
    }
    const unique = [...new Set(findings)];
    expect(queue.length).toBeGreaterThan(paths.length);
    if (unique.length) console.log(`untranslated on ${queue.length} pages:\n${unique.join('\n')}`);
    expect(unique).toEqual([]);
  });
});
