// Complaint category classifier bench: stratified 10-fold cross-validation on datasets/complaints-labeled.csv
// (repeated over four fold seeds; everything the model learns from data, vocabulary and IDF included, is fitted
// on the training folds only), ablations, timings, and predictions on the unlabelled reply / hot-issue messages
// for a person to judge. The weights the model's defaults were chosen with are also chosen inside each training
// fold (nested CV), which says what choosing them costs in optimism.
// Run: npx tsx bench/classifier.ts [--errors]   (or via bench/run.ts, which calls runClassifierBench);
// --errors prints the misclassified messages of the first fold seed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CategoryModel,
  type CategoryRow,
  CITIZEN_WORDS,
  classify,
  classifyCategory,
  classifyHierarchical,
  combineLevel1Logits,
  deserializeCategoryModel,
  type Example,
  jiebaSegmenter,
  messageFeatures,
  parseCsvRecords,
  type Segmenter,
  scoreFeatures,
  serializeCategoryModel,
  type TrainCategoryOptions,
  trainCategoryModel,
  treeEvidence,
} from '../src/domain/text/index.js';
import { runAddressBench } from './classifier-address.js';
import { DATASET_DIR, loadLabeled, loadUnlabeled, type Message, stratifiedFolds } from './classifier-data.js';
import { runRouteLevelBench } from './classifier-route.js';

const FOLDS = 10;
const SEED = 20200101;
const EXTRA_SEEDS = [1, 2, 3];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pad = (s: string, n: number) => {
  const width = [...s].reduce((w, ch) => w + (/[\u3000-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - width));
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

function loadTree(): CategoryRow[] {
  return parseCsvRecords(readFileSync(join(DATASET_DIR, 'categories.csv'), 'utf8')).map((r) => ({
    level1: r.level1 ?? '',
    level2: r.level2 ?? '',
    level3: r.level3 ?? '',
  }));
}

const toExample = (m: Message): Example => ({ text: { title: m.title, body: m.body }, label: m.label as string });

/** jieba with its cuts remembered: cross-validation segments the same messages once per training. */
function cachingSegmenter(base: Segmenter): Segmenter {
  const cache = new Map<string, string[]>();
  return {
    ...base,
    cut(text) {
      let words = cache.get(text);
      if (!words) {
        words = base.cut(text);
        cache.set(text, words);
      }
      return words;
    },
  };
}

interface CvResult {
  top1: number;
  top2: number;
  top1NoTree: number;
  confusion: number[][];
  trainMs: number[];
  errors: { message: Message; predicted: string; score: number }[];
}

function crossValidate(
  data: Message[],
  tree: CategoryRow[],
  labels: string[],
  seed: number,
  verbose: boolean,
  options: TrainCategoryOptions = {},
): CvResult {
  const folds = stratifiedFolds(
    data.map((d) => d.label as string),
    FOLDS,
    seed,
  );
  const confusion = labels.map(() => labels.map(() => 0));
  let ok1 = 0;
  let ok2 = 0;
  let okNoTree = 0;
  const trainMs: number[] = [];
  const errors: CvResult['errors'] = [];
  for (let f = 0; f < FOLDS; f++) {
    const trainSet = data.filter((_, i) => folds[i] !== f);
    const testSet = data.filter((_, i) => folds[i] === f);
    const t0 = performance.now();
    const model = trainCategoryModel(trainSet.map(toExample), { ...options, tree, labels });
    trainMs.push(performance.now() - t0);
    let foldOk = 0;
    for (const m of testSet) {
      const text = { title: m.title, body: m.body };
      const ranked = classifyCategory(model, text);
      const truth = labels.indexOf(m.label as string);
      const pred = labels.indexOf(ranked[0]?.label ?? '');
      (confusion[truth] as number[])[pred] = ((confusion[truth] as number[])[pred] ?? 0) + 1;
      if (pred === truth) foldOk++;
      else errors.push({ message: m, predicted: ranked[0]?.label ?? '', score: ranked[0]?.score ?? 0 });
      if (ranked[0]?.label === m.label || ranked[1]?.label === m.label) ok2++;
      if (classify(model.classifier, text)[0]?.label === m.label) okNoTree++;
    }
    ok1 += foldOk;
    if (verbose) {
      console.log(
        `  fold ${f + 1}/${FOLDS}: train ${trainSet.length}, test ${testSet.length}, top-1 ${pct(foldOk / testSet.length)}, trained in ${trainMs[f]?.toFixed(0)} ms`,
      );
    }
  }
  const n = data.length;
  return { top1: ok1 / n, top2: ok2 / n, top1NoTree: okNoTree / n, confusion, trainMs, errors };
}

/** The weights chosen by cross-validation for the defaults, and the grid nested CV chooses them from. */
const NESTED_GRID = {
  treePseudoWeight: [0, 1, 2],
  treeWeight: [2.5, 3, 3.5],
  treeTitleWeight: [2, 3, 4, 5],
};

/**
 * Nested CV: in each outer training fold, an inner stratified 10-fold CV picks the tree pseudo-evidence weight,
 * the tree weight and the tree title weight from NESTED_GRID (ties to the first in grid order), and the model
 * trained on the whole outer training fold with them is tested on the outer test fold.
 */
function nestedCrossValidate(
  data: Message[],
  tree: CategoryRow[],
  labels: string[],
  seed: number,
  segmenter: Segmenter,
): { top1: number; chosen: Map<string, number> } {
  const outer = stratifiedFolds(
    data.map((d) => d.label as string),
    FOLDS,
    seed,
  );
  const chosen = new Map<string, number>();
  let ok = 0;
  for (let f = 0; f < FOLDS; f++) {
    const trainSet = data.filter((_, i) => outer[i] !== f);
    const testSet = data.filter((_, i) => outer[i] === f);
    const inner = stratifiedFolds(
      trainSet.map((d) => d.label as string),
      FOLDS,
      seed * 100 + f + 1,
    );
    let best = { acc: -1, treePseudoWeight: 0, treeWeight: 0, treeTitleWeight: 0 };
    for (const treePseudoWeight of NESTED_GRID.treePseudoWeight) {
      const hits = NESTED_GRID.treeWeight.map(() => NESTED_GRID.treeTitleWeight.map(() => 0));
      for (let g = 0; g < FOLDS; g++) {
        const innerTrain = trainSet.filter((_, i) => inner[i] !== g);
        const model = trainCategoryModel(innerTrain.map(toExample), {
          tree,
          labels,
          segmenter,
          treePseudoWeight,
        });
        // the classifier's logits do not depend on the tree weights, the tree evidence only on the title weight
        for (const m of trainSet.filter((_, i) => inner[i] === g)) {
          const doc = { title: m.title, body: m.body };
          const truth = labels.indexOf(m.label as string);
          const cls = scoreFeatures(model.classifier, messageFeatures(model.classifier, doc));
          NESTED_GRID.treeTitleWeight.forEach((tt, b) => {
            model.treeTitleWeight = tt;
            const evidence = treeEvidence(model, doc);
            NESTED_GRID.treeWeight.forEach((tw, a) => {
              model.treeWeight = tw;
              const logits = combineLevel1Logits(model, cls, evidence);
              if (logits.indexOf(Math.max(...logits)) === truth) {
                (hits[a] as number[])[b] = ((hits[a] as number[])[b] ?? 0) + 1;
              }
            });
          });
        }
      }
      NESTED_GRID.treeWeight.forEach((treeWeight, a) => {
        NESTED_GRID.treeTitleWeight.forEach((treeTitleWeight, b) => {
          const acc = (hits[a] as number[])[b] ?? 0;
          if (acc > best.acc) best = { acc, treePseudoWeight, treeWeight, treeTitleWeight };
        });
      });
    }
    const { acc: _, ...weights } = best;
    const key = `pseudo ${weights.treePseudoWeight}, tree ${weights.treeWeight}, title ×${weights.treeTitleWeight}`;
    chosen.set(key, (chosen.get(key) ?? 0) + 1);
    const model = trainCategoryModel(trainSet.map(toExample), { tree, labels, segmenter, ...weights });
    for (const m of testSet) {
      if (classifyCategory(model, { title: m.title, body: m.body })[0]?.label === m.label) ok++;
    }
  }
  return { top1: ok / data.length, chosen };
}

function printConfusion(labels: string[], confusion: number[][]): void {
  console.log('\nPer class (rows = truth):');
  console.log(`  ${pad('category', 16)} ${pad('n', 5)}${pad('precision', 11)}${pad('recall', 9)}F1`);
  labels.forEach((l, i) => {
    const row = confusion[i] as number[];
    const tp = row[i] ?? 0;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, r) => a + (r[i] ?? 0), 0);
    const p = predicted ? tp / predicted : 0;
    const r = support ? tp / support : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    console.log(`  ${pad(l, 16)} ${pad(String(support), 5)}${pad(pct(p), 11)}${pad(pct(r), 9)}${f1.toFixed(3)}`);
  });
  const short = labels.map((l) => l.slice(0, 2));
  console.log('\nConfusion matrix (rows = truth, columns = predicted):');
  console.log(`  ${pad('', 16)}${short.map((s) => pad(s, 6)).join('')}`);
  labels.forEach((l, i) => {
    console.log(`  ${pad(l, 16)}${(confusion[i] as number[]).map((v) => pad(String(v), 6)).join('')}`);
  });
}

function judgeUnlabelled(model: CategoryModel, name: 'complaints-replies.csv' | 'complaints-hot.csv', show: number) {
  const msgs = loadUnlabeled(name);
  const dist = new Map<string, number>();
  const results = msgs.map((m) => {
    const h = classifyHierarchical(model, { title: m.title, body: m.body });
    const top = h.level1[0] as { name: string; score: number };
    dist.set(top.name, (dist.get(top.name) ?? 0) + 1);
    return { m, h, top };
  });
  console.log(`\n${name}: ${msgs.length} messages; predicted label distribution:`);
  for (const [l, c] of [...dist].sort((a, b) => b[1] - a[1])) console.log(`  ${pad(l, 16)} ${c}`);
  const lowConf = results.filter((r) => r.top.score < 0.5).length;
  console.log(`  top score < 0.5 (uncertain): ${lowConf}`);
  console.log(`Examples (first ${show}): title → level-1 (score) / level-2 suggestion`);
  for (const { m, h, top } of results.slice(0, show)) {
    const l2 = h.level2[0];
    console.log(
      `  ${m.title.slice(0, 40)} → ${top.name} (${top.score.toFixed(2)}) / ${l2 ? `${l2.name} (${l2.score.toFixed(2)})` : '-'}`,
    );
  }
}

export async function runClassifierBench(showErrors = process.argv.includes('--errors')): Promise<void> {
  console.log(
    '== Complaint category classifier (complement naive Bayes + category-tree keywords weighted by rarity) ==',
  );
  const t0 = performance.now();
  jiebaSegmenter();
  console.log(`jieba dictionary loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const data = loadLabeled();
  const tree = loadTree();
  const labels = [...new Set(data.map((d) => d.label as string))].sort();
  console.log(`${data.length} labelled messages, ${labels.length} first-level categories, ${tree.length} tree rows`);
  const cold = performance.now();
  trainCategoryModel(data.map(toExample), { tree, labels });
  const coldMs = performance.now() - cold;
  console.log(
    `first training on all ${data.length} (cold: tree index and IDF look-up included): ${coldMs.toFixed(0)} ms`,
  );

  console.log(`\nStratified ${FOLDS}-fold cross-validation (seed ${SEED}):`);
  const cv = crossValidate(data, tree, labels, SEED, true);
  console.log(`\nTop-1 accuracy: ${pct(cv.top1)}   top-2 accuracy: ${pct(cv.top2)}`);
  printConfusion(labels, cv.confusion);
  // The level that decides the route (second level, unit) and the 智能派单 threshold table (issue 19).
  runRouteLevelBench(data, tree, labels, SEED);
  runAddressBench(); // 地址匹配 on generated addresses (issue 19 §4)
  if (process.argv.includes('--route-only')) return;
  if (showErrors) {
    console.log(`\nMisclassified (seed ${SEED}): id [truth → predicted (score)] title | body`);
    for (const { message: m, predicted, score } of cv.errors) {
      console.log(`  #${m.id} [${m.label} → ${predicted} (${score.toFixed(2)})] ${m.title} | ${m.body.slice(0, 80)}`);
    }
  }

  const others = EXTRA_SEEDS.map((s) => crossValidate(data, tree, labels, s, false));
  const all = [cv, ...others];
  const seeds = [SEED, ...EXTRA_SEEDS];
  const mean = (rs: CvResult[], k: 'top1' | 'top2' | 'top1NoTree') => rs.reduce((a, r) => a + r[k], 0) / rs.length;
  console.log(`\nRepeated ${FOLDS}-fold CV over ${all.length} fold seeds:`);
  all.forEach((r, i) => {
    console.log(`  seed ${pad(String(seeds[i]), 9)} top-1 ${pct(r.top1)}   top-2 ${pct(r.top2)}`);
  });
  console.log(`  mean           top-1 ${pct(mean(all, 'top1'))}   top-2 ${pct(mean(all, 'top2'))}`);

  // Ablations over the same folds: what each source of knowledge adds.
  const ablateRuns = (options: TrainCategoryOptions) =>
    seeds.map((s) => crossValidate(data, tree, labels, s, false, options));
  const ablate = (options: TrainCategoryOptions) => mean(ablateRuns(options), 'top1');
  const noPseudo = ablateRuns({ treePseudoWeight: 0 });
  console.log('Ablations (mean top-1 over the same seeds):');
  console.log(`  classifier alone, without the category tree:        ${pct(mean(noPseudo, 'top1NoTree'))}`);
  console.log(`  classifier part alone (tree pseudo-evidence in it): ${pct(mean(all, 'top1NoTree'))}`);
  console.log(
    `  tree without the department names:                  ${pct(ablate({ treeIndexOptions: { synonyms: CITIZEN_WORDS } }))}`,
  );
  console.log(
    `  tree terms not weighted by general-corpus rarity:   ${pct(ablate({ treeIndexOptions: { idfWeighting: false } }))}`,
  );
  console.log(`  no tree pseudo-evidence in the classifier:          ${pct(mean(noPseudo, 'top1'))}`);
  console.log(`  tree terms in the title counted twice, not 4 times: ${pct(ablate({ treeTitleWeight: 2 }))}`);
  console.log(
    `  the previous model (no pseudo-evidence, title ×2):  ${pct(ablate({ treePseudoWeight: 0, treeTitleWeight: 2 }))}`,
  );
  console.log(
    `  the model before rarity (no rarity, no departments, tree weight 1.5, scale 10, no pseudo-evidence, title ×2): ${pct(
      ablate({
        treeWeight: 1.5,
        scale: 10,
        treePseudoWeight: 0,
        treeTitleWeight: 2,
        treeIndexOptions: { idfWeighting: false, synonyms: CITIZEN_WORDS },
      }),
    )}`,
  );

  // Nested CV: the weights chosen inside each training fold, not by the CV that reports the accuracy.
  const nestedStart = performance.now();
  const cached = cachingSegmenter(jiebaSegmenter());
  const nested = seeds.map((s) => nestedCrossValidate(data, tree, labels, s, cached));
  const chosen = new Map<string, number>();
  for (const r of nested) for (const [k, v] of r.chosen) chosen.set(k, (chosen.get(k) ?? 0) + v);
  console.log(
    `Nested CV (pseudo-evidence ${NESTED_GRID.treePseudoWeight.join('/')}, tree weight ${NESTED_GRID.treeWeight.join('/')}, ` +
      `title ×${NESTED_GRID.treeTitleWeight.join('/')} chosen by inner 10-fold CV in each training fold; ` +
      `${((performance.now() - nestedStart) / 1000).toFixed(0)} s):`,
  );
  nested.forEach((r, i) => {
    console.log(`  seed ${pad(String(seeds[i]), 9)} top-1 ${pct(r.top1)}`);
  });
  console.log(`  mean           top-1 ${pct(nested.reduce((a, r) => a + r.top1, 0) / nested.length)}`);
  console.log(
    `  chosen: ${[...chosen]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} (${v}×)`)
      .join('; ')}`,
  );

  // Timings on the full set.
  const examples = data.map(toExample);
  const trainTimes: number[] = [];
  let model = trainCategoryModel(examples, { tree, labels });
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    model = trainCategoryModel(examples, { tree, labels });
    trainTimes.push(performance.now() - s);
  }
  const json = JSON.stringify(serializeCategoryModel(model));
  let s = performance.now();
  const loaded = deserializeCategoryModel(json);
  const loadMs = performance.now() - s;
  const perMsg: number[] = [];
  for (const m of data) {
    s = performance.now();
    classifyCategory(loaded, { title: m.title, body: m.body });
    perMsg.push((performance.now() - s) * 1000);
  }
  const hier: number[] = [];
  for (const m of data) {
    s = performance.now();
    classifyHierarchical(loaded, { title: m.title, body: m.body });
    hier.push((performance.now() - s) * 1000);
  }
  console.log('\nTimings:');
  console.log(
    `  train on all ${data.length} (segmentation included): min ${Math.min(...trainTimes).toFixed(0)} ms, median ${quantile(trainTimes, 0.5).toFixed(0)} ms`,
  );
  console.log(`  CV fold training: median ${quantile(cv.trainMs, 0.5).toFixed(0)} ms`);
  console.log(`  serialised model: ${(json.length / 1024).toFixed(0)} KiB JSON, load ${loadMs.toFixed(0)} ms`);
  console.log(
    `  classify (level 1): p50 ${quantile(perMsg, 0.5).toFixed(0)} µs, p95 ${quantile(perMsg, 0.95).toFixed(0)} µs; ` +
      `hierarchical: p50 ${quantile(hier, 0.5).toFixed(0)} µs, p95 ${quantile(hier, 0.95).toFixed(0)} µs`,
  );

  // Unlabelled messages, model trained on all labelled data.
  judgeUnlabelled(model, 'complaints-replies.csv', 15);
  judgeUnlabelled(model, 'complaints-hot.csv', 15);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runClassifierBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
