// Creates a round (草稿) or changes its title, questionnaire or quotas while nobody has it yet (草稿, 抽样):
// the questionnaire checked by the domain, quotas only on the county's towns and villages, none inside a town
// that has one. A change of quotas in 抽样 keeps the drawn sample until it is drawn again.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  checkQuestionnaire,
  checkQuotas,
  type Quota,
  ROUND_KINDS,
  type RoundKind,
  roundTransition,
} from '../../domain/survey/index.js';
import type { Principal } from '../auth/principal.js';
import { inTransaction, type SurveyDeps } from './survey-deps.js';
import { decided } from './survey-errors.js';
import { requireRoundManager } from './survey-scope.js';
import { loadRound, stateOf, writeRoundChange } from './survey-store.js';

export interface RoundFields {
  title: string;
  kind: RoundKind;
  questionnaire: unknown;
  quotas: Quota[];
}

function checkTitle(title: string): string {
  const t = title.trim();
  if (t.length === 0 || t.length > 100) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写民调名称（最多 100 字）', details: { field: 'title' } });
  }
  return t;
}

/** The county's towns and villages, to check quotas against. */
async function countyUnits(trx: Transaction<DB>, countyCode: string) {
  const rows = await trx
    .selectFrom('orgs')
    .select(['id', 'kind', 'parent_id'])
    .where('county_code', '=', countyCode)
    .where('kind', 'in', ['town', 'village'])
    .where('active', '=', true)
    .execute();
  return {
    towns: new Set(rows.filter((r) => r.kind === 'town').map((r) => r.id)),
    townOfVillage: new Map(rows.filter((r) => r.kind === 'village').map((r) => [r.id, r.parent_id as number])),
  };
}

async function checkedQuotas(trx: Transaction<DB>, countyCode: string, quotas: Quota[]): Promise<Quota[]> {
  const units = await countyUnits(trx, countyCode);
  return decided(checkQuotas(quotas, units.townOfVillage, units.towns));
}

export async function createRound(deps: SurveyDeps, principal: Principal, input: RoundFields): Promise<number> {
  requireRoundManager(principal);
  const title = checkTitle(input.title);
  if (!ROUND_KINDS.includes(input.kind)) {
    throw new AppError('VALIDATION_FAILED', { message: '请选择民调类型', details: { field: 'kind' } });
  }
  const questionnaire = decided(checkQuestionnaire(input.questionnaire));
  const countyCode = principal.countyCode as string;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const quotas = await checkedQuotas(trx, countyCode, input.quotas);
    const row = await trx
      .insertInto('survey_rounds')
      .values({
        county_code: countyCode,
        title,
        kind: input.kind,
        questionnaire: JSON.stringify(questionnaire),
        quotas: JSON.stringify(quotas),
        state: 'draft',
        created_by_user_id: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'title', 'version', 'county_code'])
      .executeTakeFirstOrThrow();
    await writeRoundChange(trx, deps.audit, principal, {
      round: row,
      expectedVersion: row.version,
      type: 'create',
      state: 'draft',
      at: now,
      details: { kind: input.kind, questions: questionnaire.questions.length, quotas: quotas.length },
    });
    return row.id;
  });
}

export async function updateRound(
  deps: SurveyDeps,
  principal: Principal,
  id: number,
  input: Partial<Omit<RoundFields, 'kind'>> & { version: number },
): Promise<void> {
  requireRoundManager(principal);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, principal, id, 'update');
    const state = decided(roundTransition(stateOf(round), 'edit'));
    const title = input.title === undefined ? undefined : checkTitle(input.title);
    const questionnaire =
      input.questionnaire === undefined ? undefined : decided(checkQuestionnaire(input.questionnaire));
    const quotas = input.quotas === undefined ? undefined : await checkedQuotas(trx, round.county_code, input.quotas);
    await writeRoundChange(trx, deps.audit, principal, {
      round,
      expectedVersion: input.version,
      type: 'edit',
      state,
      at: now,
      set: {
        ...(title ? { title } : {}),
        ...(questionnaire ? { questionnaire: JSON.stringify(questionnaire) } : {}),
        ...(quotas ? { quotas: JSON.stringify(quotas) } : {}),
      },
      details: {
        fields: [title && 'title', questionnaire && 'questionnaire', quotas && 'quotas'].filter(Boolean),
      },
    });
  });
}
