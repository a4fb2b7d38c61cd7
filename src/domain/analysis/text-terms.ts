// Terms of case text for search and similarity: jieba words (search mode for indexing, precise mode for
// queries), normalised (NFKC, lower case), punctuation and function words dropped.
import type { Segmenter } from '../text/segmenter.js';

const TERM = /^[\p{Script=Han}\p{L}\p{N}]+$/u;
const HAN = /\p{Script=Han}/u;
// Function words that would match almost every case.
const STOP = new Set(
  '的 了 是 在 和 与 及 或 有 也 都 就 而 又 还 被 把 将 对 从 向 为 以 于 给 让 但 并 等 着 过 这 那 我 我们 你 您 他 她 它 其 吗 呢 吧 啊 呀 个 些 里 上 下 中 后 前'.split(
    ' ',
  ),
);

export function normalizeForTerms(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Words of a text as the search index stores them: precise words plus the shorter words inside long ones. */
export function indexTerms(text: string, seg: Segmenter & { cutForSearch?: (t: string) => string[] }): string[] {
  const norm = normalizeForTerms(text);
  const words = seg.cutForSearch ? seg.cutForSearch(norm) : seg.cut(norm);
  return words.map((w) => w.trim()).filter((w) => w && TERM.test(w) && !STOP.has(w));
}

/** Words of a query (precise mode), unique, in order; single Han characters kept only if nothing else is left. */
export function queryTerms(query: string, seg: Segmenter): string[] {
  const words = seg
    .cut(normalizeForTerms(query))
    .map((w) => w.trim())
    .filter((w) => w && TERM.test(w) && !STOP.has(w));
  const unique = [...new Set(words)];
  const strong = unique.filter((w) => !(w.length === 1 && HAN.test(w)));
  return strong.length ? strong : unique;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Han character bigrams of a text, in order (a 2-character query word then matches however jieba split it). */
export function hanBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeForTerms(text).match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/**
 * The text indexed in cases.search_vector, read by to_tsvector('simple', …): the index terms of each part, then
 * the Han bigrams of each part, separated by spaces.
 */
export function searchDocument(parts: readonly (string | null | undefined)[], seg: Segmenter): string {
  const texts = parts.filter((p): p is string => !!p);
  const words = texts.map((p) => indexTerms(p, seg).join(' '));
  const bigrams = texts.map((p) => hanBigrams(p).join(' '));
  return [...words, ...bigrams].filter(Boolean).join(' ');
}

/**
 * A tsquery (for to_tsquery('simple', …)) matching documents that contain every query word: a word of more
 * than two Han characters also matches when all its bigrams are present (jieba may have split it otherwise).
 * Terms are letters and digits only (queryTerms guarantees it), so no quoting is needed beyond the quotes.
 */
export function buildTsQuery(terms: readonly string[], mode: 'all' | 'any' = 'all'): string | null {
  const parts = terms
    .filter((t) => TERM.test(t))
    .map((t) => {
      if (t.length === 1) return `'${t}':*`;
      const bigrams = hanBigrams(t);
      if (t.length > 2 && [...t].every((c) => HAN.test(c))) {
        return `('${t}' | (${bigrams.map((b) => `'${b}'`).join(' & ')}))`;
      }
      return `'${t}'`;
    });
  return parts.length ? parts.join(mode === 'all' ? ' & ' : ' | ') : null;
}
