// The complaint category model: the naive Bayes text classifier plus keyword evidence from the category tree.
// First-level scores: softmax(classifier logits + treeWeight · log(1 + tree evidence)); the classifier's logits
// are its per-term average log-likelihoods × scale. With 397 labelled messages the tree (names, citizens' words and
// departments, weighted by rarity) carries as much as the classifier: treeWeight / scale = 0.4 was the best
// ratio in cross-validation, and this scale makes the scores calibrated (mean top score ≈ accuracy).
// The tree enters twice, in two forms: as keyword evidence matched in the text (a term in the title counting
// treeTitleWeight times, since a title names the matter while a long body also tells its circumstances), and as
// pseudo-evidence in the classifier's class statistics (treePseudoWeight), so that the classifier's words and
// bigrams of a tree term point to its category even when few training messages use them. Since the body's tree
// terms then count in both, the title's count more: title ×4 and pseudo-evidence 1 were the best in
// cross-validation (+1.7 points; chosen inside each training fold instead, nested CV, +1.6).
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
  addFeatures,
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
import { extractFeatures } from './features.js';
import { jiebaSegmenter, type Segmenter } from './segmenter.js';

export interface CategoryModelOptions extends ClassifierOptions {
  /** Weight of the tree keyword evidence in first-level logits (0 = classifier only). */
  treeWeight: number;
  /** How many times a tree term found in the title counts, against once when found only in the body. */
  treeTitleWeight: number;
  /**
   * Each tree term (with its weight) is added to the classifier's statistics of its first-level categories as
   * pseudo-evidence of this weight, without counting as a document (0 = none).
   */
  treePseudoWeight: number;
  /** Pseudo-evidence each second-level node gets before matching (smooths P(level2 | level1)). */
  level2Smoothing: number;
}

export const DEFAULT_CATEGORY_MODEL_OPTIONS: Pick<
  CategoryModelOptions,
  'treeWeight' | 'treeTitleWeight' | 'treePseudoWeight' | 'level2Smoothing' | 'scale'
> = {
  treeWeight: 3,
  treeTitleWeight: 4,
  treePseudoWeight: 1,
  level2Smoothing: 0.1,
  scale: 7.5,
};

/** Tree title weight of models saved before it was an option (a title term counted twice). */
const LEGACY_TREE_TITLE_WEIGHT = 2;

export interface CategoryModel {
  classifier: TextClassifierModel;
  /** Tree restricted to the classifier's first-level labels for suggestions; absent → no tree evidence. */
  tree?: TreeIndex;
  treeRows: CategoryRow[];
  treeOptions: Omit<TreeIndexOptions, 'synonyms'> & { synonyms: Record<string, readonly string[]> };
  treeWeight: number;
  treeTitleWeight: number;
  /** Weight the tree terms were added to the classifier with at training (kept for the record). */
  treePseudoWeight: number;
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

/**
 * Adds every tree term of the classifier's first-level labels to their class statistics, as a short document
 * of weight pseudoWeight × term weight (split over the nodes the term points to) that does not count as a
 * document: no prior, no document frequency, so a term unseen in the training messages still scores nothing.
 */
function addTreePseudoEvidence(classifier: TextClassifierModel, index: TreeIndex, pseudoWeight: number): void {
  if (!(pseudoWeight > 0)) return;
  const labels = new Set(classifier.labels);
  for (const t of index.terms) {
    if (t.weight <= 0) continue;
    const features = extractFeatures({ body: t.term }, classifier.segmenter, classifier.options);
    if (features.size === 0) continue;
    const w = (pseudoWeight * t.weight) / t.nodes.length;
    for (const key of t.nodes) {
      const level1 = key.slice(0, key.indexOf('/'));
      if (labels.has(level1)) addFeatures(classifier, features, level1, w, false);
    }
  }
}

/** Trains the category model. With `tree` given, tree keywords add evidence and level-2 suggestions. */
export function trainCategoryModel(examples: readonly Example[], options: TrainCategoryOptions = {}): CategoryModel {
  const { tree, treeIndexOptions, treeWeight, treeTitleWeight, treePseudoWeight, level2Smoothing, ...clsOpts } =
    options;
  const segmenter = options.segmenter ?? jiebaSegmenter();
  const classifier = train(examples, {
    ...clsOpts,
    scale: clsOpts.scale ?? DEFAULT_CATEGORY_MODEL_OPTIONS.scale,
    segmenter,
  });
  const treeOpts = { ...DEFAULT_TREE_INDEX_OPTIONS, ...treeIndexOptions };
  const rows = tree ? [...tree] : [];
  const index = makeTreeIndex(rows, treeOpts, segmenter);
  const pseudo = treePseudoWeight ?? DEFAULT_CATEGORY_MODEL_OPTIONS.treePseudoWeight;
  if (index) addTreePseudoEvidence(classifier, index, pseudo);
  return {
    classifier,
    tree: index,
    treeRows: rows,
    treeOptions: { ...treeOpts, synonyms: { ...treeOpts.synonyms } },
    treeWeight: treeWeight ?? DEFAULT_CATEGORY_MODEL_OPTIONS.treeWeight,
    treeTitleWeight: treeTitleWeight ?? DEFAULT_CATEGORY_MODEL_OPTIONS.treeTitleWeight,
    treePseudoWeight: index ? pseudo : 0,
    level2Smoothing: level2Smoothing ?? DEFAULT_CATEGORY_MODEL_OPTIONS.level2Smoothing,
  };
}

/** Incremental learning: a staff-confirmed or corrected category updates the model in place. */
export function learnCategory(model: CategoryModel, example: Example): CategoryModel {
  addExample(model.classifier, example);
  return model;
}

/**
 * First-level logits from the classifier's logits and the tree evidence (exported so that a caller weighing
 * several tree weights, such as a cross-validation, computes both parts once).
 */
export function combineLevel1Logits(
  model: CategoryModel,
  classifierLogits: readonly number[],
  evidence: TreeEvidence | undefined,
): number[] {
  if (!evidence || model.treeWeight === 0) return [...classifierLogits];
  return classifierLogits.map(
    (l, c) => l + model.treeWeight * Math.log1p(evidence.level1.get(model.classifier.labels[c] ?? '') ?? 0),
  );
}

function level1Logits(model: CategoryModel, text: MessageText, evidence: TreeEvidence | undefined): number[] {
  return combineLevel1Logits(model, scoreFeatures(model.classifier, messageFeatures(model.classifier, text)), evidence);
}

/** Tree evidence of a message, a term in the title counting model.treeTitleWeight times; none without a tree. */
export function treeEvidence(model: CategoryModel, doc: { title?: string; body?: string }): TreeEvidence | undefined {
  return model.tree ? matchTree(model.tree, doc, model.treeTitleWeight - 1) : undefined;
}

/** First-level categories ranked best first; scores sum to 1. Throws EmptyTextError on blank text. */
export function classifyCategory(model: CategoryModel, text: MessageText): Prediction[] {
  if (!model.tree) return classify(model.classifier, text);
  const evidence = treeEvidence(model, splitText(text));
  return rankLogits(model.classifier.labels, level1Logits(model, text, evidence));
}

/**
 * First-level ranking plus second-level suggestions (only under the model's first-level labels), each list
 * sorted best first with scores summing to 1.
 */
export function classifyHierarchical(model: CategoryModel, text: MessageText): HierarchicalResult {
  const doc = splitText(text);
  if (!`${doc.title ?? ''}${doc.body ?? ''}`.trim()) throw new EmptyTextError();
  const evidence = treeEvidence(model, doc);
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
  /** Absent in models saved before it was an option (they counted a title term twice). */
  treeTitleWeight?: number;
  treePseudoWeight?: number;
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
    treeTitleWeight: model.treeTitleWeight,
    treePseudoWeight: model.treePseudoWeight,
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
    // the pseudo-evidence is part of the saved classifier statistics; older models have none
    treeTitleWeight: s.treeTitleWeight ?? LEGACY_TREE_TITLE_WEIGHT,
    treePseudoWeight: s.treePseudoWeight ?? 0,
    level2Smoothing: s.level2Smoothing,
  };
}
