// The classifier measured on the labelled data set (datasets/complaints-labeled.csv) as the 智能派单 threshold
// needs it: 5-fold stratified cross-validation (the model trained on four folds, the fifth classified), each
// held-out message's first-level confidence and whether the first choice was right. Computed once per process
// (about 3 s, off the request path after the first call) and cached.
import { readCategoryRows } from '../../db/seed/datasets.js';
import { type ScoredPrediction, stratifiedFolds } from '../../domain/classification/index.js';
import {
  classifyHierarchical,
  type Example,
  jiebaSegmenter,
  type Segmenter,
  trainCategoryModel,
} from '../../domain/text/index.js';
import { readLabelledExamples } from '../analysis/category-suggester.js';

export interface LabelledPrediction extends ScoredPrediction {
  actual: string;
  predicted: string;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Cross-validated first-level predictions on `examples` (k folds, fixed seed). */
export async function crossValidatedPredictions(
  examples: readonly Example[],
  options: { folds?: number; seed?: number; tree?: ReturnType<typeof readCategoryRows>; segmenter?: Segmenter } = {},
): Promise<LabelledPrediction[]> {
  const k = options.folds ?? 5;
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    k,
    options.seed ?? 20_261_206,
  );
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const segmenter = options.segmenter ?? jiebaSegmenter();
  const out: LabelledPrediction[] = [];
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const model = trainCategoryModel(train, { tree: options.tree, labels, segmenter });
    for (let i = 0; i < examples.length; i++) {
      if (folds[i] !== f) continue;
      const e = examples[i] as Example;
      const top = classifyHierarchical(model, e.text).level1[0];
      out.push({
        actual: e.label,
        predicted: top?.name ?? '',
        confidence: top?.score ?? 0,
        correct: top?.name === e.label,
      });
    }
    await yieldToEventLoop();
  }
  return out;
}

let cached: Promise<LabelledPrediction[]> | null = null;

/** The labelled data set's cross-validated predictions, computed once per process. */
export function labelledPredictions(): Promise<LabelledPrediction[]> {
  cached ??= crossValidatedPredictions(readLabelledExamples(), { tree: readCategoryRows() }).catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}
