// The complaint category model: the naive Bayes text classifier plus keyword evidence from the category tree.
// First-level scores: softmax(classifier logits + treeWeight · log(1 + tree evidence)); the classifier's logits
// are its per-term average log-likelihoods × scale. With 397 labelled messages the tree (names, citizens' words and
// departments, weighted by rarity) carries as much as the classifier: treeWeight / scale = 0.4 was the best
// ratio in cross-validation, and this scale makes the scores calibrated (mean top score ≈ accuracy).
// Second-level scores: P(level2) = P(level1) · P(level2 | level1), where P(level2 | level1) comes from the
// tree evidence of the level-2 node (names, words of names, synonyms found in the text), smoothed.

import {
  buildCategoryTree,
  buildTreeIndex,
  type CategoryRow,
  DEFAULT_TREE_INDEX_OPTIONS,
  matchTree,
  type TreeEvidence,
  type TreeIndex,
  type TreeIndexOptions,
} from './category-tree.js';
import {
  addExample,
  type ClassifierOptions,
  classify,
  deserializeModel,
  type Example,
  type MessageText,
  messageFeatures,
  type Prediction,
  rankLogits,
  type SerializedModel,
  scoreFeatures,
  serializeModel,
  type TextClassifierModel,
  train,
} from './classifier.js';
import { ClassifierInputError, EmptyTextError } from './errors.js';
import { jiebaSegmenter, type Segmenter } from './segmenter.js';

export interface CategoryModelOptions extends ClassifierOptions {
  /** Weight of the tree keyword evidence in first-level logits (0 = classifier only). */
  treeWeight: number;
  /** Pseudo-evidence each second-level node gets before matching (smooths P(level2 | level1)). */
  level2Smoothing: number;
}

export const DEFAULT_CATEGORY_MODEL_OPTIONS: Pick<CategoryModelOptions, 'treeWeight' | 'level2Smoothing' | 'scale'> = {
  treeWeight: 3,
  level2Smoothing: 0.1,
  scale: 7.5,
};

export interface CategoryModel {
  classifier: TextClassifierModel;
  /** Tree restricted to the classifier's first-level labels for suggestions; absent → no tree evidence. */
  tree?: TreeIndex;
  treeRows: CategoryRow[];
  treeOptions: Omit<TreeIndexOptions, 'synonyms'> & { synonyms: Record<string, readonly string[]> };
  treeWeight: number;
  level2Smoothing: number;
}

export interface HierarchicalResult {
  level1: { name: string; score: number }[];
  level2: { name: string; parent: string; score: number }[];
  /** Tree terms found in the text (why the level-2 suggestion was made). */
  matchedTerms: string[];
}

export interface TrainCategoryOptions extends Partial<CategoryModelOptions> {
  /** The category tree (e.g. rows of categories.csv). */
  tree?: readonly CategoryRow[];
  treeIndexOptions?: Partial<TreeIndexOptions>;
  labels?: readonly string[];
  segmenter?: Segmenter;
}

function splitText(text: MessageText): { title?: string; body?: string } {
  return typeof text === 'string' ? { body: text } : text;
}

/** Longest first line taken for a title by messageFromText. */
export const MAX_TITLE_LINE = 60;

/**
 * A message typed or pasted as one text: when its first line reads as a title (at most MAX_TITLE_LINE characters,
 * not a salutation ending in ： or ，, more text after it), that line is the title and counts as one (title words
 * weigh more); otherwise the whole text is the body.
 */
export function messageFromText(text: string): { title?: string; body: string } {
  const nl = text.search(/\r?\n/);
  if (nl < 0) return { body: text };
  const first = text.slice(0, nl).trim();
  const rest = text.slice(nl).trim();
  if (!first || !rest || [...first].length > MAX_TITLE_LINE || /[:：,，]$/.test(first)) return { body: text };
  return { title: first, body: rest };
}

function makeTreeIndex(rows: readonly CategoryRow[], opts: TreeIndexOptions, seg: Segmenter): TreeIndex | undefined {
  return rows.length ? buildTreeIndex(buildCategoryTree(rows), seg, opts) : undefined;
}

/** Trains the category model. With `tree` given, tree keywords add evidence and level-2 suggestions. */
export function trainCategoryModel(examples: readonly Example[], options: TrainCategoryOptions = {}): CategoryModel {
  const { tree, treeIndexOptions, treeWeight, level2Smoothing, ...clsOpts } = options;
  const segmenter = options.segmenter ?? jiebaSegmenter();
  const classifier = train(examples, {
    ...clsOpts,
    scale: clsOpts.scale ?? DEFAULT_CATEGORY_MODEL_OPTIONS.scale,
    segmenter,
  });
  const treeOpts = { ...DEFAULT_TREE_INDEX_OPTIONS, ...treeIndexOptions };
  const rows = tree ? [...tree] : [];
  return {
    classifier,
    tree: makeTreeIndex(rows, treeOpts, segmenter),
    treeRows: rows,
    treeOptions: { ...treeOpts, synonyms: { ...treeOpts.synonyms } },
    treeWeight: treeWeight ?? DEFAULT_CATEGORY_MODEL_OPTIONS.treeWeight,
    level2Smoothing: level2Smoothing ?? DEFAULT_CATEGORY_MODEL_OPTIONS.level2Smoothing,
  };
}

/** Incremental learning: a staff-confirmed or corrected category updates the model in place. */
export function learnCategory(model: CategoryModel, example: Example): CategoryModel {
  addExample(model.classifier, example);
  return model;
}

function level1Logits(model: CategoryModel, text: MessageText, evidence: TreeEvidence | undefined): number[] {
  const logits = scoreFeatures(model.classifier, messageFeatures(model.classifier, text));
  if (!evidence || model.treeWeight === 0) return logits;
  return logits.map(
    (l, c) => l + model.treeWeight * Math.log1p(evidence.level1.get(model.classifier.labels[c] ?? '') ?? 0),
  );
}

/** First-level categories ranked best first; scores sum to 1. Throws EmptyTextError on blank text. */
export function classifyCategory(model: CategoryModel, text: MessageText): Prediction[] {
  if (!model.tree) return classify(model.classifier, text);
  const evidence = matchTree(model.tree, splitText(text));
  return rankLogits(model.classifier.labels, level1Logits(model, text, evidence));
}

/**
 * First-level ranking plus second-level suggestions (only under the model's first-level labels), each list
 * sorted best first with scores summing to 1.
 */
export function classifyHierarchical(model: CategoryModel, text: MessageText): HierarchicalResult {
  const doc = splitText(text);
  if (!`${doc.title ?? ''}${doc.body ?? ''}`.trim()) throw new EmptyTextError();
  const evidence = model.tree ? matchTree(model.tree, doc) : undefined;
  const ranked = rankLogits(model.classifier.labels, level1Logits(model, text, evidence));
  const level1 = ranked.map((p) => ({ name: p.label, score: p.score }));
  const level2: HierarchicalResult['level2'] = [];
  if (model.tree) {
    for (const { name: parent, score: p1 } of level1) {
      const children = model.tree.tree.level2.filter((n) => n.parent === parent);
      if (!children.length) continue;
      const ev = children.map((n) => (evidence?.level2.get(`${parent}/${n.name}`) ?? 0) + model.level2Smoothing);
      const z = ev.reduce((a, b) => a + b, 0);
      children.forEach((n, i) => {
        level2.push({ name: n.name, parent, score: (p1 * (ev[i] as number)) / z });
      });
    }
    const total = level2.reduce((a, b) => a + b.score, 0);
    if (total > 0) for (const l of level2) l.score /= total;
    level2.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  }
  return { level1, level2, matchedTerms: evidence?.matched ?? [] };
}

export const CATEGORY_MODEL_FORMAT = 'gongzhi-category-model';

export interface SerializedCategoryModel {
  format: typeof CATEGORY_MODEL_FORMAT;
  version: 1;
  classifier: SerializedModel;
  treeRows: CategoryRow[];
  treeOptions: CategoryModel['treeOptions'];
  treeWeight: number;
  level2Smoothing: number;
}

/** JSON-ready form (JSON.stringify it to store). */
export function serializeCategoryModel(model: CategoryModel): SerializedCategoryModel {
  return {
    format: CATEGORY_MODEL_FORMAT,
    version: 1,
    classifier: serializeModel(model.classifier),
    treeRows: model.treeRows,
    treeOptions: model.treeOptions,
    treeWeight: model.treeWeight,
    level2Smoothing: model.level2Smoothing,
  };
}

/** Restores a model from serializeCategoryModel output (object or JSON string); the tree index is rebuilt. */
export function deserializeCategoryModel(
  data: SerializedCategoryModel | string,
  segmenter: Segmenter = jiebaSegmenter(),
): CategoryModel {
  const s = (typeof data === 'string' ? JSON.parse(data) : data) as SerializedCategoryModel;
  if (s?.format !== CATEGORY_MODEL_FORMAT || s.version !== 1) {
    throw new ClassifierInputError('不支持的分类模型格式或版本');
  }
  // models saved before IDF weighting existed keep scoring as they did
  const treeOptions = { ...s.treeOptions, idfWeighting: s.treeOptions.idfWeighting ?? false };
  return {
    classifier: deserializeModel(s.classifier, segmenter),
    tree: makeTreeIndex(s.treeRows, treeOptions, segmenter),
    treeRows: s.treeRows,
    treeOptions,
    treeWeight: s.treeWeight,
    level2Smoothing: s.level2Smoothing,
  };
}
