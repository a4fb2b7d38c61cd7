// The one writer of the ledger. A writer first locks the household's row (FOR UPDATE), so writers of one
// household take turns: the balance it reads is the balance it changes, and two redemptions at once cannot
// both spend the same points. Each entry gets the next seq and the running balance; the household's
// balance is updated in the same transaction, so it always equals the sum of the entries.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  DEFAULT_POINTS_SETTINGS,
  type EntryKind,
  type PointsSettings,
  type Posting,
} from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import { type Db, inVillageScope } from './points-scope.js';

export interface LockedHousehold {
  id: number;
  countyCode: string;
  villageId: number;
  headName: string;
  active: boolean;
  balance: number;
  entryCount: number;
}

/** Locks a household of the principal's villages ('own': a household already resolved for its citizen). */
export async function lockHousehold(
  trx: Transaction<DB>,
  id: number,
  scope: Principal | 'own',
): Promise<LockedHousehold> {
  let query = trx
    .selectFrom('points_households')
    .select(['id', 'county_code', 'village_id', 'head_name', 'active', 'balance', 'entry_count'])
    .where('id', '=', id);
  if (scope !== 'own') query = query.where(inVillageScope(scope, 'points_households'));
  const row = await query.forUpdate().executeTakeFirst();
  if (!row) throw new AppError('POINTS_HOUSEHOLD_NOT_FOUND', { details: { householdId: id } });
  return {
    id: row.id,
    countyCode: row.county_code,
    villageId: row.village_id,
    headName: row.head_name,
    active: row.active,
    balance: row.balance,
    entryCount: row.entry_count,
  };
}

export interface EntryFields {
  kind: EntryKind;
  occurredOn: string;
  ruleId?: number | null;
  ruleName?: string | null;
  quantity?: number | null;
  note?: string;
  attachmentIds?: readonly string[];
  caseId?: number | null;
  activity?: string | null;
  correctsEntryId?: number | null;
  requestId?: number | null;
  redemptionId?: number | null;
  givenByUserId: number | null;
  givenByOrgId: number | null;
  approvedByUserId?: number | null;
}

/** Appends one entry to a locked household's ledger and moves its balance; returns the entry's id. */
export async function appendEntry(
  trx: Transaction<DB>,
  household: LockedHousehold,
  posting: Posting,
  fields: EntryFields,
  now: Date,
): Promise<number> {
  if (household.balance + posting.points !== posting.balanceAfter || posting.balanceAfter < 0) {
    throw new Error(`points posting does not follow the balance of household ${household.id}`);
  }
  const seq = household.entryCount + 1;
  const { id } = await trx
    .insertInto('points_entries')
    .values({
      county_code: household.countyCode,
      village_id: household.villageId,
      household_id: household.id,
      seq,
      kind: fields.kind,
      points: posting.points,
      nominal_points: posting.nominalPoints,
      balance_after: posting.balanceAfter,
      rule_id: fields.ruleId ?? null,
      rule_name: fields.ruleName ?? null,
      quantity: fields.quantity ?? null,
      occurred_on: fields.occurredOn,
      note: fields.note ?? '',
      attachment_ids: [...(fields.attachmentIds ?? [])],
      case_id: fields.caseId ?? null,
      activity: fields.activity ?? null,
      corrects_entry_id: fields.correctsEntryId ?? null,
      request_id: fields.requestId ?? null,
      redemption_id: fields.redemptionId ?? null,
      given_by_user_id: fields.givenByUserId,
      given_by_org_id: fields.givenByOrgId,
      approved_by_user_id: fields.approvedByUserId ?? null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('points_households')
    .set({ balance: posting.balanceAfter, entry_count: seq, updated_at: now })
    .where('id', '=', household.id)
    .execute();
  household.balance = posting.balanceAfter;
  household.entryCount = seq;
  return id;
}

/** A village's settings (the defaults until it saves its own). */
export async function loadSettings(db: Db, villageId: number): Promise<PointsSettings> {
  const row = await db.selectFrom('points_settings').selectAll().where('village_id', '=', villageId).executeTakeFirst();
  if (!row) return { ...DEFAULT_POINTS_SETTINGS };
  return {
    approvalThreshold: row.approval_threshold,
    objectionDays: row.objection_days,
    creditGradeA: row.credit_grade_a,
    creditGradeAA: row.credit_grade_aa,
    creditGradeAAA: row.credit_grade_aaa,
    boardPublic: row.board_public,
    boardFullNames: row.board_full_names,
  };
}
