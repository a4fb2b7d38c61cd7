// Reads the real data in /datasets: the 12345-style category tree and the citizen messages used for the
// demo county's year of history.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../../domain/text/csv.js';

export const DATASETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../datasets');

function read(file: string, dir: string): Record<string, string>[] {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) throw new Error(`数据文件缺失: ${full}`);
  return parseCsvRecords(fs.readFileSync(full, 'utf8'));
}

export interface CategoryRow {
  level1: string;
  level2: string;
  level3: string;
}

export function readCategoryRows(dir = DATASETS_DIR): CategoryRow[] {
  return read('categories.csv', dir).map((r) => ({
    level1: (r.level1 ?? '').trim(),
    level2: (r.level2 ?? '').trim(),
    level3: (r.level3 ?? '').trim(),
  }));
}

export interface Message {
  source: 'labeled' | 'replies' | 'hot';
  id: string;
  title: string;
  body: string;
  /** First-level category name, labelled messages only. */
  category?: string;
  /** The government's written reply, where the source has one. */
  reply?: string;
}

export function readMessages(dir = DATASETS_DIR): Message[] {
  const out: Message[] = [];
  for (const r of read('complaints-labeled.csv', dir)) {
    out.push({
      source: 'labeled',
      id: r.id ?? '',
      title: r.title ?? '',
      body: r.body ?? '',
      category: r.category?.trim(),
    });
  }
  for (const r of read('complaints-replies.csv', dir)) {
    out.push({ source: 'replies', id: r.id ?? '', title: r.title ?? '', body: r.body ?? '', reply: r.reply?.trim() });
  }
  for (const r of read('complaints-hot.csv', dir)) {
    out.push({ source: 'hot', id: r.id ?? '', title: r.title ?? '', body: r.body ?? '' });
  }
  return out.filter((m) => m.title.trim() !== '' || m.body.trim() !== '');
}
