// Refers a person to a counselling organisation (心理服务转介): by a grid worker or a mediator directly, or from the
// page of a case or a dispute the referrer sees. The organisation must be one of the county's directory; the
// person's place a town, village or grid of the county. Without the person's consent nothing about the person or
// the concern is stored — only the 'needs attention' flag, the referring unit, the date and the risk. The row, its
// first history entry, its notifications (a 危机 one at once to the town platform and the county health
// department), the acknowledgement task (2 natural hours for 危机, 24 for 高, 3 working days otherwise, escalated by
// the task machine when overdue), the audit entry and the outbox message are one transaction.
import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  acknowledgementLimit,
  acknowledgementTaskTitle,
  openPsychReferral,
  type PsychRisk,
  type PsychSource,
} from '../../domain/psych/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { assertCaseVisible } from '../cases/index.js';
import { disputesVisibleTo } from '../disputes/index.js';
import type { TaskService } from '../tasks/index.js';
import { domainToPsychError } from './psych-errors.js';
import { crisisUnits, requireCounsellingOrg, requirePlace, townOf } from './psych-orgs.js';
import { persistPsychOutcome } from './psych-store.js';

export interface ReferPersonInput {
  risk: PsychRisk;
  consent: boolean;
  counsellingOrgId: number;
  source: PsychSource;
  caseId?: number | null;
  disputeId?: number | null;
  /** A town, village or grid of the county: where the person lives (kept only with consent). */
  placeOrgId?: number | null;
  personName?: string | null;
  personPhone?: string | null;
  personIdNumber?: string | null;
  concern?: string | null;
}

export interface ReferPersonDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
  tasks: TaskService;
}

/** The next referral number of the county and year (PSY-2026-0012), taken in the referral's transaction. */
async function nextNumber(trx: Transaction<DB>, countyCode: string, now: Date): Promise<string> {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const row = await trx
    .insertInto('psych_counters')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`psych_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `PSY-${year}-${String(row.last).padStart(4, '0')}`;
}

/** The source record must be one the referrer sees; its town is the person's town when no place is given. */
async function sourceTown(
  db: Kysely<DB> | Transaction<DB>,
  input: ReferPersonInput,
  principal: Principal,
): Promise<number | null> {
  if (input.source === 'case') {
    if (!input.caseId) {
      throw new AppError('VALIDATION_FAILED', { message: '请指定转介所依据的案件', details: { field: 'caseId' } });
    }
    await assertCaseVisible(db, input.caseId, principal);
    const c = await db.selectFrom('cases').select('town_id').where('id', '=', input.caseId).executeTakeFirst();
    return c?.town_id ?? null;
  }
  if (input.source === 'dispute') {
    if (!input.disputeId) {
      throw new AppError('VALIDATION_FAILED', {
        message: '请指定转介所依据的矛盾纠纷',
        details: { field: 'disputeId' },
      });
    }
    const d = await db
      .selectFrom('disputes')
      .select('town_id')
      .where('id', '=', input.disputeId)
      .where(disputesVisibleTo(principal))
      .executeTakeFirst();
    if (!d) throw new AppError('DISPUTE_NOT_FOUND', { details: { disputeId: input.disputeId } });
    return d.town_id;
  }
  return null;
}

export async function referPerson(
  deps: ReferPersonDeps,
  input: ReferPersonInput,
  principal: Principal,
  outer?: Transaction<DB>,
): Promise<{ id: number; number: string }> {
  const db = outer ?? deps.db;
  const countyCode = principal.countyCode;
  if (!countyCode || principal.orgId === null) {
    throw new AppError('FORBIDDEN', { message: '您的账号不属于任何单位，不能转介心理服务' });
  }
  const referringOrgId = principal.orgId;
  await requireCounsellingOrg(db, input.counsellingOrgId, countyCode);
  const fromSource = await sourceTown(db, input, principal);
  const placeOrgId = input.consent ? (input.placeOrgId ?? null) : null;
  if (placeOrgId !== null) await requirePlace(db, placeOrgId, countyCode);
  const townId =
    (input.placeOrgId ? await townOf(db, input.placeOrgId) : null) ?? fromSource ?? (await townOf(db, referringOrgId));
  const notified = input.risk === 'crisis' ? await crisisUnits(db, countyCode, townId) : [];
  const { now } = await deps.contexts.context();

  const run = async (trx: Transaction<DB>) => {
    const { id } = await trx
      .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('psych_referrals_id_seq')]).as('id'))
      .executeTakeFirstOrThrow();
    const referralId = Number(id);
    const opened = openPsychReferral(
      {
        id: referralId,
        risk: input.risk,
        consent: input.consent,
        referringOrgId,
        counsellingOrgId: input.counsellingOrgId,
        content: input.consent
          ? {
              personName: input.personName ?? '',
              personPhone: input.personPhone ?? null,
              personIdNumber: input.personIdNumber ?? null,
              concern: input.concern ?? '',
            }
          : null,
        crisisNotifyOrgIds: notified,
      },
      now,
    );
    if (!opened.ok) throw domainToPsychError(opened.error);
    const { referral, content } = opened.value;
    const number = await nextNumber(trx, countyCode, now);
    await trx
      .insertInto('psych_referrals')
      .values({
        id: referralId,
        number,
        county_code: countyCode,
        state: referral.state,
        risk_level: referral.risk,
        consent: referral.consent,
        needs_attention: !referral.consent,
        source: input.source,
        case_id: input.source === 'case' ? (input.caseId ?? null) : null,
        dispute_id: input.source === 'dispute' ? (input.disputeId ?? null) : null,
        referring_org_id: referringOrgId,
        referred_by_user_id: principal.userId,
        counselling_org_id: referral.counsellingOrgId,
        town_id: townId,
        notified_org_ids: notified.filter((o) => o !== referral.counsellingOrgId && o !== referringOrgId),
        person_name: content?.personName ?? null,
        person_phone: content?.personPhone ?? null,
        person_id_number: content?.personIdNumber ?? null,
        concern: content?.concern ?? null,
        place_org_id: content ? placeOrgId : null,
        version: referral.version,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await persistPsychOutcome(trx, opened.value, {
      id: referralId,
      number,
      actorUserId: principal.userId,
      actorOrgId: referringOrgId,
      expectedVersion: null,
    });
    // The acknowledgement deadline is a task of the counselling organisation: the task machine turns it overdue
    // and escalates it. Its title and description name the number and the risk only.
    const task = await deps.tasks.create(
      {
        title: acknowledgementTaskTitle(number, referral.risk),
        description: '请在“心理服务”页面接收、退回或不予接收该转介。',
        sourceKind: 'psych_referral',
        sourceId: String(referralId),
        sourceLabel: number,
        sourceKey: `psych:${referralId}:ack`,
        ownerOrgId: referral.counsellingOrgId,
        assignedByOrgId: referringOrgId,
        limit: acknowledgementLimit(referral.risk),
      },
      principal,
      trx,
    );
    await trx.updateTable('psych_referrals').set({ ack_task_id: task.id }).where('id', '=', referralId).execute();
    await deps.audit.record(
      principal,
      {
        action: 'psych.refer',
        targetType: 'psych_referral',
        targetId: referralId,
        details: { number, risk: referral.risk, consent: referral.consent, source: input.source },
      },
      trx,
    );
    return { id: referralId, number };
  };
  return outer ? run(outer) : deps.db.transaction().execute(run);
}
