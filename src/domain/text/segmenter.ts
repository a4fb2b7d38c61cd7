import { createRequire } from 'node:module';

/** Word segmenter: splits text into words. Kept behind an interface so classifiers can be tested without jieba. */
export interface Segmenter {
  cut(text: string): string[];
  /** Search-engine mode: the precise words plus the shorter dictionary words inside long ones (for indexing). */
  cutForSearch?(text: string): string[];
  /**
   * General-corpus inverse document frequencies of words (how rare a word is in ordinary Chinese text); words
   * the segmenter's statistics do not list are left out of the answer.
   */
  idf?(words: readonly string[]): Map<string, number>;
}

let jiebaSingleton: Segmenter | undefined;

/**
 * Looks words up in jieba's IDF table (idf.txt, "word idf" per line, bundled with @node-rs/jieba). The table has
 * 270 000 lines, so it is scanned for the asked words only (≈ 0.1 s) and the answers are cached.
 */
function idfLookup(table: () => string): (words: readonly string[]) => Map<string, number> {
  const cache = new Map<string, number | null>();
  return (words) => {
    const missing = new Set(words.filter((w) => !cache.has(w)));
    if (missing.size > 0) {
      const text = table();
      for (let p = 0; p < text.length; ) {
        let end = text.indexOf('\n', p);
        if (end < 0) end = text.length;
        const sp = text.lastIndexOf(' ', end);
        if (sp > p) {
          const word = text.slice(p, sp);
          if (missing.has(word)) cache.set(word, Number(text.slice(sp + 1, end)));
        }
        p = end + 1;
      }
      for (const w of missing) if (!cache.has(w)) cache.set(w, null);
    }
    const out = new Map<string, number>();
    for (const w of words) {
      const v = cache.get(w);
      if (typeof v === 'number' && Number.isFinite(v)) out.set(w, v);
    }
    return out;
  };
}

/**
 * The default segmenter: @node-rs/jieba (v2) with its bundled dictionary, HMM on for unknown words, and its
 * bundled general-corpus IDF table for word rarity.
 * Loading the dictionary takes ~0.3 s, so the instance is created once and shared.
 */
export function jiebaSegmenter(): Segmenter {
  if (!jiebaSingleton) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict, idf } = require('@node-rs/jieba/dict') as { dict: Uint8Array; idf: Uint8Array };
    const jieba = Jieba.withDict(dict);
    jiebaSingleton = {
      cut: (text: string) => jieba.cut(text, true),
      cutForSearch: (text: string) => jieba.cutForSearch(text, true),
      idf: idfLookup(() => new TextDecoder().decode(idf)),
    };
  }
  return jiebaSingleton;
}

/** A dependency-free segmenter for tests: runs of CJK characters split into single characters, other runs kept whole. */
export const charSegmenter: Segmenter = {
  cut(text: string): string[] {
    return text.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
  },
};
