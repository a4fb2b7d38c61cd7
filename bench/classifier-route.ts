// The classifier at the level that decides the route (issue 19 §3): first- and second-level accuracy and the
// responsible unit, with a confusion table per level, and the 智能派单 threshold table. Ten-fold stratified
// cross-validation on datasets/complaints-labeled.csv (397 messages, first-level labels); the second level is
// judged on bench/fixtures/complaints-level2.csv — 140 of those messages (20 per first-level class, all 26 of
// 环境保护 but 6) given a second-level category by hand, from the title and text, without looking at the model's
// predictions. The unit is the demo county's responsible department of a category path (src/db/seed/categories.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { responsibleFor } from '../src/db/seed/categories.js';
import { accuracy, confusionTable, stratifiedFolds, thresholdTable } from '../src/domain/classification/index.js';
import {
  type CategoryRow,
  classifyHierarchical,
  type HierarchicalResult,
  parseCsvRecords,
  type Segmenter,
  trainCategoryModel,
} from '../src/domain/text/index.js';
import type { Message } from './classifier-data.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'complaints-level2.csv');
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function loadLevel2(): Map<string, { level1: string; level2: string }> {
  const rows = parseCsvRecords(readFileSync(FIXTURE, 'utf8'));
  return new Map(rows.map((r) => [r.id ?? '', { level1: r.level1 ?? '', level2: r.level2 ?? '' }]));
}

/** The category the suggester proposes (category-suggester.ts): the best second level when it is the clear choice inside the best first level. */
export function proposedPath(r: HierarchicalResult): string {
  const top1 = r.level1[0];
  const top2 = r.level2[0];
  if (top2 && top1 && top2.parent === top1.name && top2.score >= 0.5 * top1.score) return `${top1.name}/${top2.name}`;
  return top1?.name ?? '';
}

interface Held {
  m: Message;
  r: HierarchicalResult;
}

function heldOut(data: Message[], tree: CategoryRow[], labels: string[], seed: number, segmenter?: Segmenter): Held[] {
  const folds = stratifiedFolds(
    data.map((d) => d.label as string),
    10,
    seed,
  );
  const out: Held[] = [];
  for (let f = 0; f < 10; f++) {
    const model = trainCategoryModel(
      data
        .filter((_, i) => folds[i] !== f)
        .map((m) => ({ text: { title: m.title, body: m.body }, label: m.label as string })),
      { tree, labels, ...(segmenter ? { segmenter } : {}) },
    );
    data.forEach((m, i) => {
      if (folds[i] === f) out.push({ m, r: classifyHierarchical(model, { title: m.title, body: m.body }) });
    });
  }
  return out;
}

function printMatrix(title: string, t: { labels: string[]; counts: number[][] }, colWidth = 6): void {
  console.log(title);
  const short = t.labels.map((l) => [...l].slice(0, 2).join(''));
  console.log(`  ${pad('', 22)}${short.map((s) => pad(s, colWidth)).join('')}`);
  t.labels.forEach((l, i) => {
    console.log(`  ${pad(l, 22)}${(t.counts[i] as number[]).map((v) => pad(v ? String(v) : '·', colWidth)).join('')}`);
  });
}

export function runRouteLevelBench(
  data: Message[],
  tree: CategoryRow[],
  labels: string[],
  seed: number,
  segmenter?: Segmenter,
): void {
  const level2 = loadLevel2();
  console.log('\n== The level that decides the route: second-level category and responsible unit (智能派单) ==');
  const held = heldOut(data, tree, labels, seed, segmenter);
  const judged = held.filter((h) => level2.has(h.m.id));
  console.log(
    `10-fold CV (seed ${seed}) on all ${held.length} messages; second level and unit judged on the ${judged.length} hand-labelled ones`,
  );
  let l1 = 0;
  let l2 = 0;
  let l2Top3 = 0;
  let l2GivenL1 = 0;
  let unit = 0;
  let unitFromL1 = 0;
  const pairs1: { actual: string; predicted: string }[] = [];
  const pairs2: { actual: string; predicted: string }[] = [];
  const unitPairs: { actual: string; predicted: string }[] = [];
  const scored2: { confidence: number; correct: boolean }[] = [];
  const scoredUnit: { confidence: number; correct: boolean }[] = [];
  for (const { m, r } of judged) {
    const truth = level2.get(m.id) as { level1: string; level2: string };
    const truePath = `${truth.level1}/${truth.level2}`;
    const top1 = r.level1[0]?.name ?? '';
    const top2 = r.level2[0] ? `${r.level2[0].parent}/${r.level2[0].name}` : '';
    const rightL1 = top1 === truth.level1;
    if (rightL1) l1++;
    if (top2 === truePath) l2++;
    if (r.level2.slice(0, 3).some((x) => `${x.parent}/${x.name}` === truePath)) l2Top3++;
    if (rightL1 && top2 === truePath) l2GivenL1++;
    const trueUnit = responsibleFor(truePath) ?? '（无）';
    const proposedUnit = responsibleFor(proposedPath(r)) ?? '（无）';
    if (proposedUnit === trueUnit) unit++;
    if ((responsibleFor(top1) ?? '（无）') === trueUnit) unitFromL1++;
    pairs1.push({ actual: truth.level1, predicted: top1 });
    pairs2.push({ actual: truePath, predicted: top2 });
    unitPairs.push({ actual: trueUnit, predicted: proposedUnit });
    const confidence = r.level1[0]?.score ?? 0;
    scored2.push({ confidence, correct: top2 === truePath });
    scoredUnit.push({ confidence, correct: proposedUnit === trueUnit });
  }
  const n = judged.length;
  const all1 = held.map(({ m, r }) => ({
    confidence: r.level1[0]?.score ?? 0,
    correct: r.level1[0]?.name === m.label,
  }));
  console.log(`  first level (7 classes), all ${held.length}:       ${pct(accuracy(all1))}`);
  console.log(`  first level, the ${n} hand-labelled:            ${pct(l1 / n)}`);
  console.log(`  second level (its best path), top-1:           ${pct(l2 / n)}   top-3: ${pct(l2Top3 / n)}`);
  console.log(`  second level when the first level is right:    ${pct(l1 ? l2GivenL1 / l1 : null)}`);
  console.log(`  responsible unit (from the proposed category): ${pct(unit / n)}`);
  console.log(`  responsible unit from the first level alone:   ${pct(unitFromL1 / n)}`);

  printMatrix('\nConfusion, first level (rows = truth, hand-labelled subset):', confusionTable(pairs1, labels));
  // Second level: one table per first level (its children, and the other first levels as one column).
  console.log(
    '\nConfusion, second level (rows = truth; columns = the predicted second level of the same first level, 他 = another first level):',
  );
  for (const parent of labels) {
    const rows = pairs2.filter((p) => p.actual.startsWith(`${parent}/`));
    if (rows.length === 0) continue;
    const children = [...new Set(tree.filter((t) => t.level1 === parent && t.level2).map((t) => t.level2))];
    const names = [...children.map((c) => `${parent}/${c}`), '他'];
    const mapped = rows.map((p) => ({
      actual: p.actual,
      predicted: p.predicted.startsWith(`${parent}/`) ? p.predicted : '他',
    }));
    const t = confusionTable(mapped, names);
    const keep = t.labels
      .map((_, i) => i)
      .filter((i) => t.counts.some((row) => (row[i] ?? 0) > 0) || (t.counts[i] ?? []).some((v) => v > 0));
    const right = rows.filter((p) => p.actual === p.predicted).length;
    console.log(`  ${parent} (${rows.length}, ${pct(right / rows.length)} right)`);
    const shortName = (s: string) => [...(s.split('/')[1] ?? s)].slice(0, 4).join('');
    console.log(`    ${pad('', 20)}${keep.map((i) => pad(shortName(t.labels[i] as string), 10)).join('')}`);
    for (const i of keep) {
      if (!(t.counts[i] ?? []).some((v) => v > 0)) continue;
      console.log(
        `    ${pad((t.labels[i] as string).split('/')[1] ?? '', 20)}${keep.map((j) => pad((t.counts[i] as number[])[j] ? String((t.counts[i] as number[])[j]) : '·', 10)).join('')}`,
      );
    }
  }
  const unitNames = [...new Set(unitPairs.flatMap((p) => [p.actual, p.predicted]))].sort();
  printMatrix('\nConfusion, responsible unit (rows = truth):', confusionTable(unitPairs, unitNames));

  console.log('\n智能派单 threshold table (a case is dispatched when the first-level confidence ≥ the threshold):');
  const t1 = thresholdTable(all1);
  const t2 = thresholdTable(scored2);
  const tu = thresholdTable(scoredUnit);
  console.log(
    `  ${pad('threshold', 11)}${pad(`share (all ${held.length})`, 17)}${pad('precision L1', 14)}${pad(`share (${n})`, 12)}${pad('precision L2', 14)}precision unit`,
  );
  t1.forEach((row, i) => {
    console.log(
      `  ${pad(`${Math.round(row.threshold * 100)}%`, 11)}${pad(pct(row.share), 17)}${pad(pct(row.precision), 14)}${pad(pct(tu[i]?.share ?? 0), 12)}${pad(pct(t2[i]?.precision ?? null), 14)}${pct(tu[i]?.precision ?? null)}`,
    );
  });
}
