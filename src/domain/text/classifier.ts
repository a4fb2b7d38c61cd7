// Text category classifier: multinomial / complement naive Bayes over jieba words and Han character bigrams,
// TF-IDF weighted, with length-normalised training vectors. The model keeps only sufficient statistics
// (per-class feature sums, document frequencies), so it trains in one pass, learns incrementally
// (addExample is exact for everything but the IDF frozen at training time) and serialises to compact JSON.

import { ClassifierInputError, EmptyTextError } from './errors.js';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions, type FeatureVector } from './features.js';
import { jiebaSegmenter, type Segmenter } from './segmenter.js';

/** A message to classify: plain text, or a title and a body (title terms weigh more). */
export type MessageText = string | { title?: string; body?: string };

export interface Example {
  text: MessageText;
  label: string;
  /** Weight of this example (default 1); e.g. a staff correction may count more. */
  weight?: number;
}

export interface Prediction {
  label: string;
  score: number;
}

export interface ClassifierOptions extends FeatureOptions {
  /** 'cnb' = complement naive Bayes (better with unbalanced classes), 'mnb' = multinomial naive Bayes. */
  algorithm: 'cnb' | 'mnb';
  /** Additive (Lidstone) smoothing. */
  alpha: number;
  /** Term-frequency transform: log(1 + tf) damps repeated words. */
  sublinearTf: boolean;
  /** L2-normalise each training document before summing into its class. */
  normalizeDocs: boolean;
  /** Weight query terms by IDF (computed from the training documents). */
  idf: boolean;
  /** Softmax scale on the per-term average log-likelihood; sets how peaked the scores are. */
  scale: number;
  /** Weight of the log class prior (0 = uniform prior). */
  priorWeight: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  algorithm: 'cnb',
  alpha: 0.1,
  sublinearTf: true,
  normalizeDocs: true,
  idf: true,
  scale: 10,
  priorWeight: 0,
};

export interface TextClassifierModel {
  readonly options: ClassifierOptions;
  /** Labels in a fixed order; new labels may be appended by addExample. */
  labels: string[];
  /** Training documents seen (sum of weights for classDocs). */
  docCount: number;
  classDocs: number[];
  /** Document frequency of each feature. */
  df: Map<string, number>;
  /** Per class: feature → sum of (normalised) weights over its documents. */
  classSums: Map<string, number>[];
  classTotals: number[];
  /** Segmenter used for features; not serialised. */
  segmenter: Segmenter;
}

export const MODEL_FORMAT = 'gongzhi-text-classifier';
export const MODEL_VERSION = 1;

export interface SerializedModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  options: ClassifierOptions;
  labels: string[];
  docCount: number;
  classDocs: number[];
  df: Record<string, number>;
  classSums: Record<string, number>[];
  /** Per-class sums of classSums (kept so that a restored model scores bit-for-bit the same). */
  classTotals?: number[];
}

function splitText(text: MessageText): { title?: string; body?: string } {
  return typeof text === 'string' ? { body: text } : text;
}

function assertNonEmpty(text: MessageText): void {
  const t = splitText(text);
  if (!`${t.title ?? ''}${t.body ?? ''}`.trim()) throw new EmptyTextError();
}

/** Features of a message, for callers that classify the same text several times. */
export function messageFeatures(model: TextClassifierModel, text: MessageText): FeatureVector {
  assertNonEmpty(text);
  return extractFeatures(splitText(text), model.segmenter, model.options);
}

function docVector(raw: FeatureVector, opts: ClassifierOptions): FeatureVector {
  const out: FeatureVector = new Map();
  let norm = 0;
  for (const [f, tf] of raw) {
    const v = opts.sublinearTf ? Math.log1p(tf) : tf;
    out.set(f, v);
    norm += v * v;
  }
  if (opts.normalizeDocs && norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (const [f, v] of out) out.set(f, v * s);
  }
  return out;
}

/** An empty model with the given labels; grow it with addExample / addFeatures. */
export function createModel(
  labels: readonly string[],
  options: Partial<ClassifierOptions> = {},
  segmenter: Segmenter = jiebaSegmenter(),
): TextClassifierModel {
  return {
    options: { ...DEFAULT_CLASSIFIER_OPTIONS, ...options },
    labels: [...labels],
    docCount: 0,
    classDocs: labels.map(() => 0),
    df: new Map(),
    classSums: labels.map(() => new Map()),
    classTotals: labels.map(() => 0),
    segmenter,
  };
}

function labelIndex(model: TextClassifierModel, label: string): number {
  let k = model.labels.indexOf(label);
  if (k < 0) {
    model.labels.push(label);
    model.classDocs.push(0);
    model.classSums.push(new Map());
    model.classTotals.push(0);
    k = model.labels.length - 1;
  }
  return k;
}

/**
 * Adds pre-extracted raw features as one document of `label`. `countAsDoc: false` adds term evidence
 * (e.g. category-tree names) without changing document counts, class priors or document frequencies.
 */
export function addFeatures(
  model: TextClassifierModel,
  raw: FeatureVector,
  label: string,
  weight = 1,
  countAsDoc = true,
): void {
  if (!label.trim()) throw new ClassifierInputError('标签不能为空');
  if (!(weight > 0)) throw new ClassifierInputError('样本权重必须为正数');
  const k = labelIndex(model, label);
  const sums = model.classSums[k] as Map<string, number>;
  let total = 0;
  for (const [f, v] of docVector(raw, model.options)) {
    const x = v * weight;
    sums.set(f, (sums.get(f) ?? 0) + x);
    total += x;
    if (countAsDoc) model.df.set(f, (model.df.get(f) ?? 0) + 1);
  }
  model.classTotals[k] = (model.classTotals[k] ?? 0) + total;
  if (countAsDoc) {
    model.classDocs[k] = (model.classDocs[k] ?? 0) + weight;
    model.docCount += weight;
  }
}

/** Incremental learning: adds one labelled message to the model in place (O(length of the text)). */
export function addExample(model: TextClassifierModel, example: Example): TextClassifierModel {
  addFeatures(model, messageFeatures(model, example.text), example.label, example.weight ?? 1);
  return model;
}

/** Trains a model from labelled messages. Labels are taken from the examples unless given in `labels`. */
export function train(
  examples: readonly Example[],
  options: Partial<ClassifierOptions> & { labels?: readonly string[]; segmenter?: Segmenter } = {},
): TextClassifierModel {
  if (examples.length === 0) throw new ClassifierInputError('训练样本为空');
  const { labels, segmenter, ...opts } = options;
  const allLabels = labels ? [...labels] : [...new Set(examples.map((e) => e.label))].sort();
  const model = createModel(allLabels, opts, segmenter);
  for (const e of examples) addExample(model, e);
  return model;
}

/** Per-class scores (unnormalised logits) of pre-extracted features. */
export function scoreFeatures(model: TextClassifierModel, raw: FeatureVector): number[] {
  const o = model.options;
  const C = model.labels.length;
  const vocab = model.df.size || 1;
  const n = model.docCount;
  const loglik = new Array<number>(C).fill(0);
  let wsum = 0;
  const grandTotal = model.classTotals.reduce((a, b) => a + b, 0);
  for (const [f, tf] of raw) {
    const df = model.df.get(f);
    if (!df) continue; // unseen in training documents: no evidence
    const q = o.sublinearTf ? Math.log1p(tf) : tf;
    const w = q * (o.idf ? Math.log((n + 1) / (df + 1)) + 1 : 1);
    wsum += w;
    if (o.algorithm === 'mnb') {
      for (let c = 0; c < C; c++) {
        const s = (model.classSums[c] as Map<string, number>).get(f) ?? 0;
        loglik[c] =
          (loglik[c] as number) + w * Math.log((s + o.alpha) / ((model.classTotals[c] as number) + o.alpha * vocab));
      }
    } else {
      let all = 0;
      for (let c = 0; c < C; c++) all += (model.classSums[c] as Map<string, number>).get(f) ?? 0;
      for (let c = 0; c < C; c++) {
        const s = all - ((model.classSums[c] as Map<string, number>).get(f) ?? 0);
        const tot = grandTotal - (model.classTotals[c] as number);
        loglik[c] = (loglik[c] as number) - w * Math.log((s + o.alpha) / (tot + o.alpha * vocab));
      }
    }
  }
  const norm = wsum > 0 ? 1 / wsum : 0;
  return loglik.map((l, c) => {
    const prior = o.priorWeight ? o.priorWeight * Math.log(((model.classDocs[c] as number) + 1) / (n + C)) : 0;
    return o.scale * l * norm + prior;
  });
}

/** Softmax of logits into predictions sorted by descending score (scores sum to 1). */
export function rankLogits(labels: readonly string[], logits: readonly number[]): Prediction[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const z = exps.reduce((a, b) => a + b, 0);
  return labels
    .map((label, i) => ({ label, score: (exps[i] as number) / z }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
}

/** Classifies a message: all labels ranked by score, best first; scores sum to 1. Throws EmptyTextError on blank text. */
export function classify(model: TextClassifierModel, text: MessageText): Prediction[] {
  if (model.labels.length === 0) throw new ClassifierInputError('模型没有任何类别');
  return rankLogits(model.labels, scoreFeatures(model, messageFeatures(model, text)));
}

function mapToRecord(m: Map<string, number>): Record<string, number> {
  const r: Record<string, number> = {};
  for (const [k, v] of m) r[k] = v;
  return r;
}

/** JSON-ready form of a model (the segmenter is not included). */
export function serializeModel(model: TextClassifierModel): SerializedModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    options: { ...model.options },
    labels: [...model.labels],
    docCount: model.docCount,
    classDocs: [...model.classDocs],
    df: mapToRecord(model.df),
    classSums: model.classSums.map(mapToRecord),
    classTotals: [...model.classTotals],
  };
}

/** Restores a model from serializeModel output (object or JSON string). */
export function deserializeModel(
  data: SerializedModel | string,
  segmenter: Segmenter = jiebaSegmenter(),
): TextClassifierModel {
  const s = (typeof data === 'string' ? JSON.parse(data) : data) as SerializedModel;
  if (s?.format !== MODEL_FORMAT || s.version !== MODEL_VERSION) {
    throw new ClassifierInputError('不支持的分类模型格式或版本');
  }
  if (!Array.isArray(s.labels) || s.classSums?.length !== s.labels.length || s.classDocs?.length !== s.labels.length) {
    throw new ClassifierInputError('分类模型数据不完整');
  }
  const classSums = s.classSums.map((r) => new Map(Object.entries(r)));
  return {
    options: { ...DEFAULT_CLASSIFIER_OPTIONS, ...s.options },
    labels: [...s.labels],
    docCount: s.docCount,
    classDocs: [...s.classDocs],
    df: new Map(Object.entries(s.df)),
    classSums,
    classTotals:
      s.classTotals?.length === s.labels.length
        ? [...s.classTotals]
        : classSums.map((m) => {
            let t = 0;
            for (const v of m.values()) t += v;
            return t;
          }),
    segmenter,
  };
}
