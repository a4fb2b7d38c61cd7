// Registers a dispute (登记): by staff (from screening, a walk-in, a referral by the police, a court or the
// petition office, or from a case) or by a citizen applying for mediation from the phone. The type must be an
// active one, the parties named, the place a town / village / grid of the county; the risk level follows the
// rule (staff may raise it, never lower it). The platform that answers for it is the registering unit's
// (a grid's village, an office's town, the county for departments and third parties), or, for a citizen,
// the village of the place — 小事不出村. The row, its first history entry, its 受理 clock, the notifications
// (a 重大 one to the town and county platforms), the audit entry and the outbox message are one transaction.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  assessRisk,
  type DisputeContext,
  type DisputeSource,
  effectiveRisk,
  type HandlingLevel,
  openDispute,
  type RiskAssessment,
  type RiskLevel,
} from '../../domain/dispute/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { assertCaseVisible } from '../cases/index.js';
import type { RecordParty } from '../grid-data/index.js';
import { disputeContext } from './dispute-context.js';
import { domainToDisputeError } from './dispute-errors.js';
import { countyRootOf, type Place, placeOf, platformOf } from './dispute-orgs.js';
import { persistDisputeOutcome } from './dispute-store.js';
import { type Party, validParties } from './parties.js';

export interface RegisterDisputeInput {
  typeCode: string;
  title: string;
  description?: string;
  parties: Party[];
  amount?: number;
  peopleInvolved?: number;
  threatOfViolence?: boolean;
  threatOfPetition?: boolean;
  /** A higher level than the rule gives (never a lower one). */
  riskLevel?: RiskLevel;
  source: DisputeSource;
  sourceRef?: string | null;
  caseId?: number | null;
  /** A town, village or grid of the county; the registering unit's own place by default. */
  placeOrgId?: number | null;
  address?: string | null;
  /** Evidence uploaded through /api/attachments. */
  attachmentIds?: string[];
}

export interface RegisterDisputeDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
  /** the grid's base data: a party picked from it (gridRecordId) takes the record's fields, in the caller's scope */
  gridParties?: (principal: Principal, recordId: number, use: string) => Promise<RecordParty>;
}

/** For a citizen's application: the place is given (located from the phone), the village handles it. */
export interface CitizenPlace {
  countyCode: string;
  place: Place;
}

async function requireType(db: Kysely<DB>, code: string): Promise<string> {
  const type = await db
    .selectFrom('dispute_types')
    .select('name')
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!type) throw new AppError('DISPUTE_TYPE_UNKNOWN', { details: { field: 'typeCode', typeCode: code } });
  return type.name;
}

async function staffPlace(db: Kysely<DB>, principal: Principal, input: RegisterDisputeInput): Promise<Place> {
  const countyCode = principal.countyCode ?? '';
  const placeOrgId =
    input.placeOrgId ?? (['town', 'village', 'grid'].includes(principal.orgKind ?? '') ? principal.orgId : null);
  if (placeOrgId === null) return { townId: null, villageId: null, gridId: null };
  const place = await placeOf(db, placeOrgId, countyCode);
  // A town, village or grid registers within its own area; the county and the directory units anywhere.
  if (['town', 'village', 'grid'].includes(principal.orgKind ?? '') && !principal.scopeOrgIds.includes(placeOrgId)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '只能登记本辖区内发生的纠纷，请选择本辖区的村社区或网格',
      details: { field: 'placeOrgId' },
    });
  }
  return place;
}

/** Parties picked from the grid's base data take its fields (the record decides, not what the form sent). */
async function partiesFromGridData(
  deps: RegisterDisputeDeps,
  parties: readonly Party[],
  principal: Principal,
): Promise<Party[]> {
  return Promise.all(
    parties.map(async (p, i) => {
      if (!p.gridRecordId) return p;
      if (!deps.gridParties) throw new AppError('FORBIDDEN', { message: '当前不能从网格底数选择当事人' });
      const record = await deps.gridParties(principal, p.gridRecordId, 'dispute_party');
      if (record.kind !== p.kind) {
        throw new AppError('VALIDATION_FAILED', {
          message: `第 ${i + 1} 位当事人的类型与所选网格底数记录不符（${record.kind === 'person' ? '个人' : '组织'}）`,
          details: { field: `parties[${i}].kind` },
        });
      }
      return { ...p, ...record, role: p.role };
    }),
  );
}

export async function registerDispute(
  deps: RegisterDisputeDeps,
  input: RegisterDisputeInput,
  principal: Principal,
  citizen?: CitizenPlace,
): Promise<{ id: number; number: string }> {
  const db = deps.db;
  const countyCode = citizen?.countyCode ?? principal.countyCode;
  if (!countyCode) throw new AppError('FORBIDDEN', { message: '您的账号不属于任何县，不能登记矛盾纠纷' });
  await requireType(db, input.typeCode);
  const parties = validParties(await partiesFromGridData(deps, input.parties, principal));
  const rule = assessRisk({
    peopleInvolved: input.peopleInvolved ?? 2,
    amount: input.amount ?? 0,
    threatOfViolence: input.threatOfViolence ?? false,
    threatOfPetition: input.threatOfPetition ?? false,
    typeCode: input.typeCode,
  });
  const risk = effectiveRisk(rule, input.riskLevel);
  if (!risk) {
    throw new AppError('DISPUTE_RISK_BELOW_RULE', {
      message: `按规则该纠纷至少为“${{ general: '一般', serious: '较大', major: '重大' }[rule.level]}”，不能调低`,
      details: { field: 'riskLevel', ruleLevel: rule.level, reasons: rule.reasons },
    });
  }
  if (input.caseId != null) {
    await assertCaseVisible(db, input.caseId, principal);
  }
  const place = citizen ? citizen.place : await staffPlace(db, principal, input);
  let handling: { id: number; level: HandlingLevel };
  if (citizen) {
    if (place.villageId === null) throw new AppError('VALIDATION_FAILED', { details: { field: 'place' } });
    handling = { id: place.villageId, level: 'village' };
  } else {
    handling = await platformOf(db, principal.orgId ?? -1);
  }
  const countyRoot = await countyRootOf(db, countyCode);
  const ctx = await disputeContext(deps.contexts);

  return db.transaction().execute(async (trx) => {
    const created = await writeNewDispute(trx, ctx, {
      countyCode,
      input,
      parties,
      risk,
      place,
      handling,
      countyRootId: countyRoot,
      applicantUserId: citizen ? principal.userId : null,
      by: { userId: principal.userId, orgId: principal.orgId },
    });
    await deps.audit.record(
      principal,
      {
        action: 'dispute.register',
        targetType: 'dispute',
        targetId: created.id,
        details: { number: created.number, riskLevel: risk.level, source: input.source, handlingOrgId: handling.id },
      },
      trx,
    );
    return created;
  });
}

export interface NewDisputeRecord {
  countyCode: string;
  input: RegisterDisputeInput;
  parties: Party[];
  risk: RiskAssessment;
  place: Place;
  handling: { id: number; level: HandlingLevel };
  countyRootId: number;
  applicantUserId: number | null;
  by: { userId: number | null; orgId: number | null };
}

/** Inserts a checked dispute and its first outcome (history, 受理 clock, notifications, outbox) in trx. */
export async function writeNewDispute(
  trx: Transaction<DB>,
  ctx: DisputeContext,
  record: NewDisputeRecord,
): Promise<{ id: number; number: string }> {
  const { input, place, handling, risk } = record;
  const { id } = await trx
    .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('disputes_id_seq')]).as('id'))
    .executeTakeFirstOrThrow();
  const disputeId = Number(id);
  const title = input.title.trim().slice(0, 200);
  const opened = openDispute(
    {
      id: disputeId,
      level: handling.level,
      handlingOrgId: handling.id,
      riskLevel: risk.level,
      title,
      majorNotifyOrgIds: [...(place.townId ? [place.townId] : []), record.countyRootId],
    },
    ctx,
  );
  if (!opened.ok) throw domainToDisputeError(opened.error);
  const { dispute } = opened.value;
  const day = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const number = `MD${day}${String(disputeId).padStart(6, '0')}`;
  const placeIds = [place.townId, place.villageId, place.gridId].filter((v): v is number => v !== null);
  const unitIds = [...new Set([...placeIds, handling.id])];
  await trx
    .insertInto('disputes')
    .values({
      id: disputeId,
      number,
      county_code: record.countyCode,
      type_code: input.typeCode,
      title,
      description: (input.description ?? '').trim(),
      parties: JSON.stringify(record.parties),
      amount: input.amount ?? 0,
      people_involved: input.peopleInvolved ?? 2,
      threat_of_violence: input.threatOfViolence ?? false,
      threat_of_petition: input.threatOfPetition ?? false,
      risk_level: risk.level,
      risk_reasons: [...risk.reasons],
      source: input.source,
      source_ref: input.sourceRef?.trim() || null,
      case_id: input.caseId ?? null,
      town_id: place.townId,
      village_id: place.villageId,
      grid_id: place.gridId,
      address: input.address?.trim() || null,
      attachment_ids: input.attachmentIds ?? [],
      applicant_user_id: record.applicantUserId,
      registered_by_user_id: record.by.userId,
      registered_by_org_id: record.by.orgId,
      level: dispute.level,
      handling_org_id: handling.id,
      unit_ids: unitIds,
      state: dispute.state,
      machine: JSON.stringify(dispute),
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .execute();
  await persistDisputeOutcome(trx, opened.value, {
    id: disputeId,
    number,
    title,
    unitIds,
    applicantUserId: record.applicantUserId,
    actorUserId: record.by.userId,
    actorOrgId: record.by.orgId,
    expectedVersion: null,
  });
  return { id: disputeId, number };
}
