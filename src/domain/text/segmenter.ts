import { createRequire } from 'node:module';

/** Word segmenter: splits text into words. Kept behind an interface so classifiers can be tested without jieba. */
export interface Segmenter {
  cut(text: string): string[];
  /** Search-engine mode: the precise words plus the shorter dictionary words inside long ones (for indexing). */
  cutForSearch?(text: string): string[];
}

let jiebaSingleton: Segmenter | undefined;

/**
 * The default segmenter: @node-rs/jieba (v2) with its bundled dictionary, HMM on for unknown words.
 * Loading the dictionary takes ~0.3 s, so the instance is created once and shared.
 */
export function jiebaSegmenter(): Segmenter {
  if (!jiebaSingleton) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    jiebaSingleton = {
      cut: (text: string) => jieba.cut(text, true),
      cutForSearch: (text: string) => jieba.cutForSearch(text, true),
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
