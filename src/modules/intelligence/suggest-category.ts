// The intelligence consumer's second half: each queued case is classified (outside any transaction: the model
// is CPU work), then, in one transaction, its suggestion is stored on case_suggestions and written on the case's
// timeline (智能分类建议, with the scores). When the county has 智能派单 on, the suggestion's confidence reaches
// the threshold and routing gives one unit, the case is then categorised, accepted and dispatched through the
// case's state machine in one more transaction, each step marked 智能派单 on the timeline.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type Actor, applyCaseAction, type Case, type CaseAction, type CaseContext } from '../../domain/case/index.js';
import type { CategorySuggestion } from '../analysis/category-suggester.js';
import { loadCase } from '../cases/act-on-case.js';
import { SYSTEM_ACTOR } from '../cases/case-actor.js';
import { persistOutcome } from '../cases/case-store.js';
import { setCaseCategory, writeTimelineNote } from './case-category.js';
import { readSettings } from './settings.js';

export interface IntelligenceDeps {
  db: Kysely<DB>;
  suggester: { classify(text: string, townId?: number | null, title?: string): Promise<CategorySuggestion> };
  context: () => Promise<CaseContext>;
  /** Called after a case changed (live updates). */
  onChanged?: (caseId: number) => void;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The timeline's words for a suggestion. */
export function suggestionNote(s: CategorySuggestion): string {
  const top = s.level1
    .slice(0, 3)
    .map((l) => `${l.name} ${pct(l.score)}`)
    .join('、');
  const chosen = s.proposed.categoryName || (s.level1[0]?.name ?? '');
  const parent = s.level2.find((l) => l.id === s.proposed.categoryId)?.parentName;
  const label = parent && parent !== chosen ? `${parent} / ${chosen}` : chosen;
  const unit = s.proposed.orgName ? `；建议承办单位：${s.proposed.orgName}` : '';
  return `智能分类建议：${label}（置信度 ${pct(s.level1[0]?.score ?? 0)}）；一级分类得分：${top}${unit}`;
}

const confidenceOf = (s: CategorySuggestion) => s.level1[0]?.score ?? 0;

function scoresOf(s: CategorySuggestion) {
  return {
    level1: s.level1.slice(0, 3).map((l) => ({ id: l.id, name: l.name, score: l.score })),
    level2: s.level2.slice(0, 3).map((l) => ({ id: l.id, name: l.name, parentName: l.parentName, score: l.score })),
  };
}

/** The suggestion as stored on case_suggestions. */
export function suggestedColumns(s: CategorySuggestion) {
  return {
    status: 'suggested' as const,
    category_id: s.proposed.categoryId,
    category_name: s.proposed.categoryName || null,
    level1_name: s.level1[0]?.name ?? null,
    confidence: confidenceOf(s),
    scores: JSON.stringify(scoresOf(s)),
    proposed_org_id: s.proposed.orgId,
    updated_at: new Date(),
  };
}

/** The details of the suggestion's timeline note (智能分类建议). */
export function classificationDetails(s: CategorySuggestion): Record<string, unknown> {
  return {
    kind: 'classification',
    note: suggestionNote(s),
    suggestion: {
      categoryId: s.proposed.categoryId,
      categoryName: s.proposed.categoryName,
      confidence: confidenceOf(s),
      ...scoresOf(s),
    },
  };
}

/** Classifies up to `limit` queued cases; returns how many it took. */
export async function suggestPending(deps: IntelligenceDeps, limit = 20): Promise<number> {
  const pending = await deps.db
    .selectFrom('case_suggestions')
    .innerJoin('cases', 'cases.id', 'case_suggestions.case_id')
    .select(['case_suggestions.case_id', 'cases.title', 'cases.body', 'cases.town_id', 'cases.county_code'])
    .where('case_suggestions.status', '=', 'pending')
    .orderBy('case_suggestions.case_id')
    .limit(limit)
    .execute();
  for (const row of pending) await suggestOne(deps, row);
  return pending.length;
}

async function suggestOne(
  deps: IntelligenceDeps,
  row: { case_id: number; title: string; body: string; town_id: number | null; county_code: string },
): Promise<void> {
  const caseId = Number(row.case_id);
  let s: CategorySuggestion;
  try {
    s = await deps.suggester.classify(row.body.slice(0, 5000), row.town_id, row.title);
  } catch (error) {
    await deps.db
      .updateTable('case_suggestions')
      .set({ status: 'failed', auto_reason: String((error as Error).message).slice(0, 200), updated_at: new Date() })
      .where('case_id', '=', caseId)
      .where('status', '=', 'pending')
      .execute();
    return;
  }
  const confidence = confidenceOf(s);
  const ctx = await deps.context();
  const written = await deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable('case_suggestions')
      .set(suggestedColumns(s))
      .where('case_id', '=', caseId)
      .where('status', '=', 'pending')
      .returning('case_id')
      .executeTakeFirst();
    if (!taken) return false; // another process took it
    const { c } = await loadCase(trx, caseId, null, true).catch(() => ({ c: null as Case | null }));
    if (!c) return true; // a read-only (imported) case: the suggestion is kept, the timeline is not written
    await writeTimelineNote(trx, c, SYSTEM_ACTOR, null, ctx, classificationDetails(s));
    return true;
  });
  if (!written) return;
  deps.onChanged?.(caseId);
  await autoDispatch(deps, caseId, row.county_code, s, confidence).catch(async (error) => {
    // The case stays with its suggestion for the dispatcher; why it was not dispatched is kept.
    await deps.db
      .updateTable('case_suggestions')
      .set({ auto_reason: String((error as Error).message).slice(0, 200), updated_at: new Date() })
      .where('case_id', '=', caseId)
      .execute();
  });
}

/** Why a suggestion was not dispatched automatically, or null when it may be. */
export function autoDispatchRefusal(
  c: Pick<Case, 'state' | 'level'>,
  settings: { autoDispatch: boolean; threshold: number },
  confidence: number,
  proposal: { categoryId: number | null; orgId: number | null },
): string | null {
  if (!settings.autoDispatch) return 'off';
  if (confidence < settings.threshold) return `置信度 ${pct(confidence)} 低于阈值 ${pct(settings.threshold)}`;
  if (!proposal.categoryId || !proposal.orgId) return '派遣规则未给出唯一承办单位';
  if (c.state !== 'submitted') return '案件已不在待受理状态';
  if (c.level === 'grid') return '网格层级的案件不派遣';
  return null;
}

async function autoDispatch(
  deps: IntelligenceDeps,
  caseId: number,
  countyCode: string,
  s: CategorySuggestion,
  confidence: number,
): Promise<void> {
  const settings = await readSettings(deps.db, countyCode);
  if (!settings.autoDispatch) return;
  const ctx = await deps.context();
  const done = await deps.db.transaction().execute(async (trx) => {
    const { c } = await loadCase(trx, caseId, null, true).catch(() => ({ c: null as Case | null }));
    const suggestion = await trx
      .selectFrom('case_suggestions')
      .select('status')
      .where('case_id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!c || suggestion?.status !== 'suggested') return false;
    let refusal = autoDispatchRefusal(c, settings, confidence, s.proposed);
    const leadOrgId = s.proposed.orgId as number;
    if (!refusal) {
      const lead = await trx
        .selectFrom('orgs')
        .select('id')
        .where('id', '=', leadOrgId)
        .where('county_code', '=', countyCode)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!lead) refusal = '承办单位不存在或已停用';
    }
    if (refusal) {
      await trx
        .updateTable('case_suggestions')
        .set({ auto_reason: refusal, updated_at: new Date() })
        .where('case_id', '=', caseId)
        .execute();
      return false;
    }
    const mark = `智能派单：智能分类“${s.proposed.categoryName}”置信度 ${pct(confidence)}（阈值 ${pct(settings.threshold)}），派至${s.proposed.orgName ?? '承办单位'}`;
    // The platform that owns the case acts, as its dispatcher would; the entries carry intelligence: true.
    const actor: Actor = {
      kind: 'user',
      userId: 'intelligence',
      role: 'system',
      orgId: c.ownerOrgId,
      orgLevel: c.level,
    };
    const categorised = await setCaseCategory(trx, c, s.proposed.categoryId as number, SYSTEM_ACTOR, null, ctx, {
      kind: 'auto_dispatch',
      intelligence: true,
      note: mark,
    });
    let current = categorised.case;
    const steps: CaseAction[] = [
      { type: 'accept', note: '智能派单', intelligence: true } as CaseAction,
      { type: 'dispatch', leadOrgId: String(leadOrgId), note: mark, intelligence: true } as CaseAction,
    ];
    for (const action of steps) {
      const result = applyCaseAction(current, action, actor, ctx);
      if (!result.ok) throw new Error(`智能派单失败：${result.error.message}`);
      await persistOutcome(trx, current, result.value, { expectedVersion: current.version, actorUserId: null });
      current = result.value.case;
    }
    await trx
      .updateTable('case_suggestions')
      .set({
        status: 'auto',
        auto_dispatched: true,
        auto_reason: null,
        final_category_id: s.proposed.categoryId,
        updated_at: new Date(),
      })
      .where('case_id', '=', caseId)
      .execute();
    return true;
  });
  if (done) deps.onChanged?.(caseId);
}
