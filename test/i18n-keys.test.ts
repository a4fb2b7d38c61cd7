// English throughout (issue 20): every Chinese string the web app passes to t('…') has an English entry in the
// dictionary the app loads (web/src/i18n-dictionary-en.ts merges the areas' dictionaries). The browser test
// test/e2e/english.test.ts checks what the pages show; this one reads every source file, pages not in the menu too.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../web/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !/(^|\/)(en|i18n-en[\w-]*)\.ts$/.test(e.name) ? [full] : [];
  });
}

describe('the English dictionary', () => {
  it("has an entry for every Chinese string the web app translates with t('…')", async () => {
    // imported by a computed path: the web app's sources are type-checked by web/tsconfig.json, not the server's
    const dictionaryModule = path.join(WEB, 'i18n-dictionary-en.ts');
    const dictionary = (await import(dictionaryModule)).en as Record<string, string>;
    expect(Object.keys(dictionary).length).toBeGreaterThan(1000);
    const missing: string[] = [];
    for (const file of sources(WEB)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
        const key = (m[2] as string).replace(/\\n/g, '\n').replace(/\\(['"\\])/g, '$1');
        if (/[\u3400-\u9fff]/.test(key) && !(key in dictionary)) missing.push(`${path.relative(WEB, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
