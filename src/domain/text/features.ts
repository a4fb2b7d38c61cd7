import type { Segmenter } from './segmenter.js';

/** A sparse feature vector: feature string → weight. */
export type FeatureVector = Map<string, number>;

export interface FeatureOptions {
  /** Weight of title features relative to body features (title counts are multiplied by this). */
  titleWeight: number;
  /** Add Han character bigrams (prefixed "b:") besides jieba words. */
  charBigrams: boolean;
  /** Weight of a bigram occurrence relative to a word occurrence. */
  bigramWeight: number;
  /** Keep single-character words from the segmenter (most are function words). */
  singleCharWords: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  titleWeight: 3,
  charBigrams: true,
  bigramWeight: 0.5,
  singleCharWords: false,
};

// Function words and boilerplate of letters to officials that say nothing about the category.
const STOP_WORDS = new Set(
  (
    '的 了 是 在 和 与 及 或 有 也 都 就 而 又 还 被 把 将 对 从 向 为 以 于 给 让 但 并 等 着 过 这 那 这个 那个 这些 那些 ' +
    '我 我们 你 你们 您 他 他们 她 它 其 自己 大家 什么 怎么 为什么 如何 怎样 哪里 多少 是否 可以 能 能否 会 要 想 没有 没 不 不是 ' +
    '一个 一些 已经 因为 所以 如果 但是 而且 然而 并且 还是 以及 通过 进行 由于 对于 关于 根据 其中 之后 之前 以后 以前 目前 现在 ' +
    '问题 情况 反映 请问 领导 书记 市长 您好 你好 尊敬 谢谢 感谢 希望 请求 恳请 相关 有关 部门 政府 处理 解决 尽快 一下 ' +
    '今年 去年 明年 时候 时间 年 月 日 号 个 些 里 上 下 中 内 外 后 前 啊 吗 呢 吧 呀 哦 嘛'
  ).split(/\s+/),
);

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const WORDLIKE = /[\p{Script=Han}\p{L}]/u;
// Anonymised place names of the source data ("A市", "A3区", "K3县", "西地省") carry no category information.
const PLACE = /[A-Z]\d*(?:市|区|县|镇|乡)|西地省/g;

/** Normalises text: NFKC (full-width → ASCII), upper-case Latin, anonymised place names removed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(PLACE, ' ');
}

function addTokens(vec: FeatureVector, text: string, weight: number, seg: Segmenter, opts: FeatureOptions): void {
  if (!text) return;
  const norm = normalizeText(text);
  for (const raw of seg.cut(norm)) {
    const w = raw.trim();
    if (!w || !WORDLIKE.test(w)) continue;
    if (STOP_WORDS.has(w)) continue;
    if (!opts.singleCharWords && w.length === 1 && HAN.test(w)) continue;
    vec.set(w, (vec.get(w) ?? 0) + weight);
  }
  if (opts.charBigrams) {
    const bw = weight * opts.bigramWeight;
    for (const run of norm.match(HAN_RUN) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) {
        const key = `b:${run.slice(i, i + 2)}`;
        vec.set(key, (vec.get(key) ?? 0) + bw);
      }
    }
  }
}

/** Raw (weighted) term counts of a message: title terms count `titleWeight` times. */
export function extractFeatures(
  doc: { title?: string; body?: string },
  seg: Segmenter,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureVector {
  const vec: FeatureVector = new Map();
  addTokens(vec, doc.title ?? '', opts.titleWeight, seg, opts);
  addTokens(vec, doc.body ?? '', 1, seg, opts);
  return vec;
}
