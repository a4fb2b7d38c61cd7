// Loads the complaint datasets for the classifier bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../src/domain/text/csv.js';

export const DATASET_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

export interface Message {
  id: string;
  title: string;
  body: string;
  label?: string;
}

export function loadCsv(name: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(join(DATASET_DIR, name), 'utf8'));
}

export function loadLabeled(): Message[] {
  return loadCsv('complaints-labeled.csv').map((r) => ({
    id: r.id ?? '',
    title: r.title ?? '',
    body: r.body ?? '',
    label: (r.category ?? '').trim(),
  }));
}

export function loadUnlabeled(name: 'complaints-replies.csv' | 'complaints-hot.csv'): Message[] {
  return loadCsv(name).map((r) => ({ id: r.id ?? '', title: r.title ?? '', body: r.body ?? '' }));
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stratified k-fold assignment: fold index per item, classes dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const rand = rng(seed);
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const key of [...byClass.keys()].sort()) {
    const idx = byClass.get(key) as number[];
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    idx.forEach((item, n) => {
      fold[item] = (n + offset) % k;
    });
    offset += idx.length;
  }
  return fold;
}
