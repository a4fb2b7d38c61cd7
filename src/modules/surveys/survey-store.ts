// Reads a round as the rules see it and writes one change of it in the caller's transaction: the row (guarded
// by the version the writer loaded; a stale one is a 409), its history and audit entries (record_events, kind
// 'survey_round') and one outbox message on 'survey.changed' — the round's state, never an answer.
import type { Selectable, Transaction, Updateable } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, SurveyRoundsTable } from '../../db/schema.js';
import {
  checkQuestionnaire,
  type Questionnaire,
  type Quota,
  ROUND_STATE_LABELS,
  type RoundState,
} from '../../domain/survey/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, recordChange } from '../record-history/index.js';
import type { SurveyDeps } from './survey-deps.js';
import { surveyCounty } from './survey-scope.js';

export type RoundRow = Selectable<SurveyRoundsTable>;

export function questionnaireOf(row: Pick<RoundRow, 'questionnaire'>): Questionnaire {
  const checked = checkQuestionnaire(row.questionnaire);
  if (!checked.ok) throw new Error(`stored questionnaire invalid: ${checked.error.message}`);
  return checked.value;
}

export const quotasOf = (row: Pick<RoundRow, 'quotas'>): Quota[] => (row.quotas ?? []) as Quota[];
export const stateOf = (row: Pick<RoundRow, 'state'>): RoundState => row.state as RoundState;

/** The round of the principal's county, or 404; FOR UPDATE inside a writer's transaction when asked. */
export async function loadRound(
  db: SurveyDeps['db'],
  principal: Principal,
  id: number,
  lock: 'update' | 'share' | null = null,
): Promise<RoundRow> {
  let q = db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('id', '=', id)
    .where('county_code', '=', surveyCounty(principal));
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('SURVEY_ROUND_NOT_FOUND', { details: { roundId: id } });
  return row;
}

export interface RoundChange {
  round: Pick<RoundRow, 'id' | 'title' | 'version' | 'county_code'>;
  /** the version the writer loaded */
  expectedVersion: number;
  type: 'create' | 'edit' | 'draw' | 'start' | 'close' | 'sms';
  state: RoundState;
  at: Date;
  set?: Updateable<SurveyRoundsTable>;
  details?: Record<string, unknown>;
}

export async function writeRoundChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: RoundChange,
): Promise<number> {
  const { round } = change;
  const version = change.type === 'create' ? round.version : change.expectedVersion + 1;
  if (change.type !== 'create') {
    const updated = await trx
      .updateTable('survey_rounds')
      .set({ ...change.set, state: change.state, version, updated_at: change.at })
      .where('id', '=', round.id)
      .where('version', '=', change.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('SURVEY_VERSION_CONFLICT', {
        details: { roundId: round.id, yourVersion: change.expectedVersion },
      });
    }
  }
  await recordChange(trx, audit, principal, {
    kind: 'survey_round',
    id: round.id,
    type: change.type,
    at: change.at,
    details: { title: round.title, state: change.state, ...change.details },
  });
  await announceChange(trx, {
    topic: 'survey.changed',
    changeId: `survey:${round.id}:${version}:${change.type}`,
    at: change.at,
    payload: {
      roundId: round.id,
      countyCode: round.county_code,
      version,
      type: change.type,
      state: change.state,
      stateLabel: ROUND_STATE_LABELS[change.state],
    },
  });
  return version;
}
