// Loads the complaint datasets for the classifier bench.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stratifiedFolds as foldsOf } from '../src/domain/classification/index.js';
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

/** Stratified k-fold assignment (src/domain/classification) with this bench's generator, so its figures stay. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  return foldsOf(labels, k, seed, rng(seed));
}
