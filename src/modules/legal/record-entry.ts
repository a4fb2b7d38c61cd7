// The adviser records a service (from the phone, in a few taps): a consultation (who asked — kept masked —,
// the matter, the advice), an on-site day, a 普法 lecture, a legal review of a village decision or contract (the
// document and the written opinion, uploaded as attachments), or joining a dispute. The firm's accounts record
// for their own advisers only, and only for a village the adviser served on that day; joining a dispute must
// name a dispute of that village, and the dispute's handling platform is told. Row, history, audit, outbox and
// the dispute's notification are one transaction.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { checkEntry, LEGAL_ENTRY_KIND_LABELS, type LegalEntryKind } from '../../domain/legal/index.js';
import type { Principal } from '../auth/principal.js';
import type { LegalDeps } from './legal-deps.js';
import { type Db, type LegalReach, legalReach } from './legal-scope.js';
import { inTransaction, writeLegalChange } from './legal-store.js';

export interface EntryInput {
  /** the signed-in adviser's own when omitted */
  adviserId?: number | null;
  /** needed only when the adviser serves several villages that day */
  villageId?: number | null;
  kind: LegalEntryKind;
  occurredOn: string;
  hours: number;
  place?: string | null;
  matter?: string | null;
  advice?: string | null;
  topic?: string | null;
  audience?: number | null;
  documentTitle?: string | null;
  opinion?: string | null;
  askerName?: string | null;
  askerPhone?: string | null;
  disputeId?: number | null;
  attachmentIds?: string[];
  /** a legal-review request (task) this review answers; the service completes it after the commit */
  reviewTaskId?: number | null;
}

const PHONE = /^[\d-]{7,20}$/;
const trimmed = (s: string | null | undefined) => s?.trim() || null;

/** The adviser the principal may record for: the firm's own (or any, county-wide), active. */
export async function adviserForRecording(
  db: Db,
  principal: Principal,
  reach: LegalReach | null,
  adviserId?: number | null,
) {
  let id = adviserId ?? null;
  if (id === null && principal.userId !== null) {
    const own = await db
      .selectFrom('legal_advisers')
      .select('id')
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    id = own?.id ?? null;
  }
  if (id === null) {
    throw new AppError('VALIDATION_FAILED', { message: '请选择法律顾问', details: { field: 'adviserId' } });
  }
  const adviser = await db.selectFrom('legal_advisers').selectAll().where('id', '=', id).executeTakeFirst();
  const visible =
    !!adviser &&
    !!reach &&
    adviser.county_code === reach.countyCode &&
    (reach.countyWide || reach.orgIds.includes(adviser.firm_org_id));
  if (!adviser || !visible) throw new AppError('LEGAL_ADVISER_NOT_FOUND', { details: { adviserId: id } });
  if (!adviser.active) throw new AppError('LEGAL_ADVISER_INACTIVE', { details: { adviserId: id } });
  return adviser;
}

export async function recordEntry(
  deps: LegalDeps,
  input: EntryInput,
  principal: Principal,
  trx?: Transaction<DB>,
): Promise<number> {
  const db = deps.db;
  const reach = await legalReach(db, principal);
  const adviser = await adviserForRecording(db, principal, reach, input.adviserId);
  const now = deps.clock.now();
  const checked = checkEntry(
    {
      kind: input.kind,
      occurredOn: input.occurredOn,
      hours: input.hours,
      matter: input.matter,
      advice: input.advice,
      topic: input.topic,
      documentTitle: input.documentTitle,
      opinion: input.opinion,
      disputeId: input.disputeId,
    },
    chinaDayOf(now),
  );
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', {
      message: checked.error.message,
      details: { field: checked.error.field },
    });
  }
  const askerPhone = trimmed(input.askerPhone);
  if (askerPhone && !PHONE.test(askerPhone)) {
    throw new AppError('VALIDATION_FAILED', { message: '咨询人电话格式不正确', details: { field: 'askerPhone' } });
  }

  // the village the adviser served on that day
  let assignments = db
    .selectFrom('legal_assignments')
    .select(['id', 'village_id', 'town_id'])
    .where('adviser_id', '=', adviser.id)
    .where('started_on', '<=', input.occurredOn)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', input.occurredOn)]));
  if (input.villageId != null) assignments = assignments.where('village_id', '=', input.villageId);
  const serving = await assignments.execute();
  if (serving.length === 0) {
    throw new AppError('LEGAL_NOT_ASSIGNED', {
      details: { field: 'villageId', adviserId: adviser.id, occurredOn: input.occurredOn },
    });
  }
  if (serving.length > 1) {
    throw new AppError('VALIDATION_FAILED', {
      message: '该顾问同时服务多个村（社区），请选择服务的村（社区）',
      details: { field: 'villageId', villageIds: serving.map((s) => s.village_id) },
    });
  }
  const assignment = serving[0] as (typeof serving)[number];

  let dispute: { id: number; number: string; title: string; handling_org_id: number } | null = null;
  if (input.disputeId != null) {
    const row = await db
      .selectFrom('disputes')
      .select(['id', 'number', 'title', 'handling_org_id', 'village_id', 'county_code'])
      .where('id', '=', input.disputeId)
      .executeTakeFirst();
    if (!row || row.county_code !== adviser.county_code || row.village_id !== assignment.village_id) {
      throw new AppError('VALIDATION_FAILED', {
        message: '只能关联本村（社区）的矛盾纠纷，请核对纠纷编号',
        details: { field: 'disputeId' },
      });
    }
    dispute = { id: Number(row.id), number: row.number, title: row.title, handling_org_id: row.handling_org_id };
  }
  const attachmentIds = input.attachmentIds ?? [];
  const foreign = await deps.attachments.notOwnedBy(principal, attachmentIds);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '附件不存在或不是您上传的，请重新上传',
      details: { field: 'attachmentIds', attachmentIds: foreign },
    });
  }

  return inTransaction(db, trx, async (trx) => {
    const { id } = await trx
      .insertInto('legal_entries')
      .values({
        county_code: adviser.county_code,
        adviser_id: adviser.id,
        assignment_id: assignment.id,
        firm_org_id: adviser.firm_org_id,
        village_id: assignment.village_id,
        town_id: assignment.town_id,
        kind: input.kind,
        occurred_on: input.occurredOn,
        hours: input.hours,
        place: trimmed(input.place),
        matter: trimmed(input.matter),
        advice: trimmed(input.advice),
        topic: trimmed(input.topic),
        audience: input.audience ?? null,
        document_title: trimmed(input.documentTitle),
        opinion: trimmed(input.opinion),
        asker_name: trimmed(input.askerName),
        asker_phone: askerPhone,
        dispute_id: dispute?.id ?? null,
        attachment_ids: attachmentIds,
        recorded_by_user_id: principal.userId,
        recorded_by_org_id: principal.orgId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entryId = Number(id);
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'entry',
      id: entryId,
      type: 'create',
      version: 1,
      at: now,
      details: {
        kind: input.kind,
        villageId: assignment.village_id,
        adviserId: adviser.id,
        occurredOn: input.occurredOn,
        hours: input.hours,
        ...(dispute ? { disputeId: dispute.id } : {}),
        ...(input.reviewTaskId ? { reviewTaskId: input.reviewTaskId } : {}),
      },
    });
    if (dispute) {
      await trx
        .insertInto('notifications')
        .values({
          org_id: dispute.handling_org_id,
          user_id: null,
          case_id: null,
          dispute_id: dispute.id,
          kind: 'legal_joined_dispute',
          title: `法律顾问${adviser.name}${LEGAL_ENTRY_KIND_LABELS[input.kind]}（${dispute.number} ${dispute.title}）`,
          created_at: now,
        })
        .execute();
    }
    return entryId;
  });
}

export async function voidEntry(
  deps: LegalDeps,
  id: number,
  input: { version: number; reason: string },
  principal: Principal,
): Promise<void> {
  const reach = await legalReach(deps.db, principal);
  const row = await deps.db.selectFrom('legal_entries').selectAll().where('id', '=', id).executeTakeFirst();
  const mine =
    !!row &&
    !!reach &&
    row.county_code === reach.countyCode &&
    (reach.countyWide || reach.orgIds.includes(row.firm_org_id));
  if (!row || !mine) throw new AppError('LEGAL_ENTRY_NOT_FOUND', { details: { entryId: id } });
  if (row.voided) throw new AppError('LEGAL_ENTRY_VOIDED', { details: { entryId: id } });
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { message: '请填写作废原因', details: { field: 'reason' } });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('legal_entries')
      .set({ voided: true, void_reason: reason, version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('LEGAL_VERSION_CONFLICT', { details: { entryId: id, yourVersion: input.version } });
    }
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'entry',
      id,
      type: 'void',
      version: input.version + 1,
      at: now,
      details: { reason, villageId: row.village_id },
    });
  });
}
