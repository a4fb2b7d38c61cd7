// 智能分类: suggests a case's category and responsible unit from its text. The model (complement naive Bayes
// over jieba words and Han bigrams, plus category-tree keywords; src/domain/text) is trained at start from
// datasets/complaints-labeled.csv, and retrained in the background with the cases whose category staff set
// (cases registered by a staff member), so it learns the county's own wording as it is used.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { DATASETS_DIR, readCategoryRows } from '../../db/seed/datasets.js';
import {
  addExample,
  type CategoryModel,
  classifyHierarchical,
  type Example,
  jiebaSegmenter,
  messageFromText,
  parseCsvRecords,
  trainCategoryModel,
} from '../../domain/text/index.js';
import { proposeUnit } from '../cases/case-routing.js';

export const MAX_CLASSIFY_CHARS = 5000;
/** How many staff-categorised cases a retrain reads at most (the most recent). */
const MAX_CASE_EXAMPLES = 20_000;

export interface CategorySuggestion {
  level1: { id: number | null; name: string; score: number }[];
  level2: { id: number | null; name: string; parentName: string; score: number }[];
  /** Category-tree words found in the text (why the second level was chosen). */
  matchedTerms: string[];
  /** The category the unit was proposed from, and the unit. */
  proposed: {
    categoryId: number | null;
    categoryName: string;
    orgId: number | null;
    orgName: string | null;
    reason: string | null;
  };
  model: { trainedAt: string; examples: number; caseExamples: number };
}

interface ModelState {
  model: CategoryModel;
  trainedAt: Date;
  examples: number;
  caseExamples: number;
  /** What the case examples were: a retrain is skipped while it is unchanged. */
  signature: string;
}

interface CategoryRowDb {
  id: number;
  name: string;
  parent_id: number | null;
  level: number;
}

/** Blank or over-long text → 400 with a message a person can act on. */
export function validateClassifyText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new AppError('VALIDATION_FAILED', {
      message: '请输入要分类的诉求内容（不能为空）',
      details: { fields: [{ field: 'text', problem: 'empty' }] },
    });
  }
  const length = [...text].length;
  if (length > MAX_CLASSIFY_CHARS) {
    throw new AppError('VALIDATION_FAILED', {
      message: `诉求内容最多 ${MAX_CLASSIFY_CHARS} 字，当前 ${length} 字，请删减后再试`,
      details: { fields: [{ field: 'text', problem: 'too_long', max: MAX_CLASSIFY_CHARS, length }] },
    });
  }
  return text;
}

export function readLabelledExamples(dir = DATASETS_DIR): Example[] {
  const file = path.join(dir, 'complaints-labeled.csv');
  if (!fs.existsSync(file)) return [];
  return parseCsvRecords(fs.readFileSync(file, 'utf8'))
    .filter((r) => (r.category ?? '').trim() && `${r.title ?? ''}${r.body ?? ''}`.trim())
    .map((r) => ({ text: { title: r.title ?? '', body: r.body ?? '' }, label: (r.category ?? '').trim() }));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class CategorySuggester {
  private state: ModelState | null = null;
  private training: Promise<ModelState> | null = null;
  private categories: { at: number; rows: CategoryRowDb[] } | null = null;
  /** Start-up cost of the last training, for /metrics-minded operators and the README. */
  lastTrainingMs = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly datasetsDir = DATASETS_DIR,
  ) {}

  /** Whether a model is trained (classify answers without waiting for a training). */
  ready(): boolean {
    return this.state !== null;
  }

  /** The current model, training it first if there is none yet. */
  private async current(): Promise<ModelState> {
    if (this.state) return this.state;
    this.training ??= this.train().finally(() => {
      this.training = null;
    });
    return this.training;
  }

  /**
   * Trains from the labelled data set plus the staff-categorised cases; swaps the model in when done. Cheap
   * when nothing changed since the last training (returns the current model).
   */
  async train(): Promise<ModelState> {
    const cases = await this.caseExamples();
    const signature = `${cases.length}:${cases.at(-1)?.key ?? ''}:${cases[0]?.key ?? ''}`;
    if (this.state && this.state.signature === signature) return this.state;
    const started = performance.now();
    const base = readLabelledExamples(this.datasetsDir);
    const tree = readCategoryRows(this.datasetsDir);
    const labels = [...new Set(base.map((e) => e.label))].sort();
    const seed = base.length ? base : cases.slice(0, 1).map((c) => c.example);
    if (seed.length === 0) throw new AppError('INTERNAL', { message: '没有可用于训练分类模型的样本' });
    const model = trainCategoryModel(seed, {
      tree,
      labels: labels.length ? labels : undefined,
      segmenter: jiebaSegmenter(),
    });
    for (let i = base.length ? 0 : 1; i < cases.length; i++) {
      addExample(model.classifier, (cases[i] as { example: Example }).example);
      if (i % 200 === 199) await yieldToEventLoop();
    }
    this.lastTrainingMs = performance.now() - started;
    this.state = {
      model,
      trainedAt: new Date(),
      examples: base.length + cases.length,
      caseExamples: cases.length,
      signature,
    };
    return this.state;
  }

  /** Cases whose category a staff member set (registered by staff), labelled with their first-level category. */
  private async caseExamples(): Promise<{ key: string; example: Example }[]> {
    const rows = await this.db
      .selectFrom('cases')
      .innerJoin('categories as c', 'c.id', 'cases.category_id')
      .leftJoin('categories as p', 'p.id', 'c.parent_id')
      .leftJoin('categories as g', 'g.id', 'p.parent_id')
      .select([
        'cases.id',
        'cases.title',
        'cases.body',
        'cases.updated_at',
        'c.name as c_name',
        'p.name as p_name',
        'g.name as g_name',
      ])
      // Registered by staff, or categorised by a dispatcher deciding on the intelligence's suggestion (accepted or
      // corrected: the county's own labelled cases, issue 19).
      .where((eb) =>
        eb.or([
          eb('cases.created_by', 'is not', null),
          eb.exists(
            eb
              .selectFrom('case_suggestions as s')
              .select('s.case_id')
              .whereRef('s.case_id', '=', 'cases.id')
              .where('s.status', 'in', ['accepted', 'corrected']),
          ),
        ]),
      )
      .orderBy('cases.id', 'desc')
      .limit(MAX_CASE_EXAMPLES)
      .execute();
    return rows.map((r) => ({
      key: `${r.id}@${new Date(r.updated_at).getTime()}`,
      example: { text: { title: r.title, body: r.body }, label: r.g_name ?? r.p_name ?? r.c_name },
    }));
  }

  private async categoryRows(): Promise<CategoryRowDb[]> {
    if (this.categories && Date.now() - this.categories.at < 60_000) return this.categories.rows;
    const rows = await this.db
      .selectFrom('categories')
      .select(['id', 'name', 'parent_id', 'level'])
      .where('active', '=', true)
      .execute();
    this.categories = { at: Date.now(), rows };
    return rows;
  }

  /** `title`, when the caller has one apart from the text, weighs like a message's title; else a title-like first line does. */
  async classify(text: string, townId: number | null = null, title?: string): Promise<CategorySuggestion> {
    const input = validateClassifyText(text);
    const state = await this.current();
    const message = title?.trim() ? { title: title.trim(), body: input } : messageFromText(input);
    const result = classifyHierarchical(state.model, message);
    const rows = await this.categoryRows();
    const level1Ids = new Map(rows.filter((r) => r.level === 1).map((r) => [r.name, r.id]));
    const byParent = new Map<string, number>();
    for (const r of rows) if (r.level === 2 && r.parent_id !== null) byParent.set(`${r.parent_id}/${r.name}`, r.id);
    const level1 = result.level1.map((l) => ({ id: level1Ids.get(l.name) ?? null, name: l.name, score: l.score }));
    const level2 = result.level2.slice(0, 10).map((l) => {
      const parentId = level1Ids.get(l.parent);
      return {
        id: parentId !== undefined ? (byParent.get(`${parentId}/${l.name}`) ?? null) : null,
        name: l.name,
        parentName: l.parent,
        score: l.score,
      };
    });
    // Propose from the second level when it is the clear choice inside the best first level, else the first.
    const top1 = level1[0];
    const top2 = level2[0];
    const useLevel2 = !!top2?.id && !!top1 && top2.parentName === top1.name && top2.score >= 0.5 * top1.score;
    const chosen = useLevel2 ? { id: top2.id, name: top2.name } : { id: top1?.id ?? null, name: top1?.name ?? '' };
    const unit = chosen.id ? await proposeUnit(this.db, chosen.id, townId) : null;
    return {
      level1,
      level2,
      matchedTerms: result.matchedTerms,
      proposed: {
        categoryId: chosen.id,
        categoryName: chosen.name,
        orgId: unit?.leadOrgId ?? null,
        orgName: unit?.leadOrgName ?? null,
        reason: unit?.reason ?? null,
      },
      model: { trainedAt: state.trainedAt.toISOString(), examples: state.examples, caseExamples: state.caseExamples },
    };
  }
}
