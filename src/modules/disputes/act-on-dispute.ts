// Takes one action on a dispute: load it (outside the principal's scope it does not exist), turn the request
// into the machine's action (the agreement's number, the committee checked, the platform one level up), let
// the dispute machine decide from how the principal stands to it, and write the outcome in one transaction
// guarded by the version the caller saw — row, history entry, clock, notifications, the follow-up visit task
// when an agreement is signed, audit entry, outbox. Of two people acting at once the first wins and the second
// gets DISPUTE_VERSION_CONFLICT with the current state.
import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  applyDisputeAction,
  type Dispute,
  type DisputeAction,
  type DisputeActor,
  type FailureRoute,
  type Performance,
} from '../../domain/dispute/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';
import { disputeContext } from './dispute-context.js';
import { domainToDisputeError } from './dispute-errors.js';
import { platformAbove, requireCommittee } from './dispute-orgs.js';
import { disputesVisibleTo, relationsOf } from './dispute-scope.js';
import { deserializeDispute } from './dispute-snapshot.js';
import { persistDisputeOutcome } from './dispute-store.js';

export interface LoadedDispute {
  dispute: Dispute;
  number: string;
  title: string;
  countyCode: string;
  unitIds: number[];
  applicantUserId: number | null;
}

export async function loadDispute(
  db: Kysely<DB> | Transaction<DB>,
  id: number,
  principal: Principal | null,
  lock = false,
): Promise<LoadedDispute> {
  let query = db
    .selectFrom('disputes')
    .select(['id', 'number', 'title', 'county_code', 'machine', 'unit_ids', 'applicant_user_id'])
    .where('id', '=', id);
  if (principal) query = query.where(disputesVisibleTo(principal));
  if (lock) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('DISPUTE_NOT_FOUND', { details: { disputeId: id } });
  return {
    dispute: deserializeDispute(row.machine),
    number: row.number,
    title: row.title,
    countyCode: row.county_code,
    unitIds: row.unit_ids,
    applicantUserId: row.applicant_user_id,
  };
}

export function disputeActorOf(loaded: LoadedDispute, principal: Principal): DisputeActor {
  return {
    kind: 'user',
    orgId: principal.orgId,
    relations: relationsOf(loaded.dispute, loaded.applicantUserId, principal),
  };
}

/** The API's action: dates as strings, the fields of every kind of action optional. */
export interface DisputeActionInput {
  type: string;
  note?: string;
  reason?: string;
  mediatorOrgId?: number;
  mediatorName?: string;
  session?: { at: string; place: string; participants: string; notes: string };
  days?: number;
  terms?: string;
  performBy?: string | null;
  followUpDays?: number;
  route?: string;
  performance?: string;
  performed?: boolean;
  court?: string;
}

export interface ActOnDisputeDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
  tasks: TaskService;
}

const date = (v: string | null | undefined): Date | null => (v ? new Date(v) : null);

/** The next 调解协议书 number of the county and year, taken in the agreement's transaction. */
export async function nextAgreementNumber(trx: Transaction<DB>, countyCode: string, now: Date): Promise<string> {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const row = await trx
    .insertInto('dispute_agreement_counters')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`dispute_agreement_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  const county = await trx
    .selectFrom('orgs')
    .select('name')
    .where('county_code', '=', countyCode)
    .where('kind', '=', 'county')
    .executeTakeFirst();
  const short = (county?.name ?? '').replace(/县$/, '');
  return `${short}调〔${year}〕${String(row.last).padStart(4, '0')}号`;
}

/** The request as the machine's action, with what only the database knows filled in. */
async function toDisputeAction(
  trx: Transaction<DB>,
  input: DisputeActionInput,
  loaded: LoadedDispute,
  now: Date,
): Promise<DisputeAction> {
  switch (input.type) {
    case 'accept':
    case 'sign':
      return { type: input.type, note: input.note };
    case 'reject':
      return { type: 'reject', reason: input.reason ?? '' };
    case 'assign': {
      if (input.mediatorOrgId === undefined) {
        throw new AppError('VALIDATION_FAILED', { message: '请选择调解组织', details: { field: 'mediatorOrgId' } });
      }
      await requireCommittee(trx, input.mediatorOrgId, loaded.countyCode);
      return { type: 'assign', mediatorOrgId: input.mediatorOrgId, mediatorName: input.mediatorName, note: input.note };
    }
    case 'recordSession': {
      const s = input.session;
      return {
        type: 'recordSession',
        session: {
          at: new Date(s?.at ?? 'invalid'),
          place: s?.place ?? '',
          participants: s?.participants ?? '',
          notes: s?.notes ?? '',
        },
      };
    }
    case 'extend':
      return { type: 'extend', days: input.days ?? 0, reason: input.reason ?? '' };
    case 'reachAgreement':
      return {
        type: 'reachAgreement',
        // a refused action rolls the counter back with everything else
        agreementNumber:
          loaded.dispute.state === 'mediating' ? await nextAgreementNumber(trx, loaded.countyCode, now) : '-',
        terms: input.terms ?? '',
        performBy: date(input.performBy),
        followUpDays: input.followUpDays,
      };
    case 'fail':
      return { type: 'fail', route: input.route as FailureRoute, reason: input.reason ?? '' };
    case 'transfer': {
      const above = await platformAbove(trx, loaded.dispute.handlingOrgId);
      return {
        type: 'transfer',
        toOrgId: above?.id ?? null,
        toLevel: above?.level ?? 'county',
        reason: input.reason ?? '',
      };
    }
    case 'recordFollowUp':
      return { type: 'recordFollowUp', performance: input.performance as Performance, note: input.note ?? '' };
    case 'confirmPerformance':
      return { type: 'confirmPerformance', performed: input.performed === true, note: input.note };
    case 'referJudicial':
      return { type: 'referJudicial', court: input.court ?? '', note: input.note };
    case 'urge':
      return { type: 'urge', note: input.note };
    default:
      throw new AppError('VALIDATION_FAILED', {
        message: `未知的矛盾纠纷操作：${input.type}`,
        details: { field: 'action.type' },
      });
  }
}

export async function actOnDispute(
  deps: ActOnDisputeDeps,
  id: number,
  input: { version: number; action: DisputeActionInput },
  principal: Principal,
): Promise<void> {
  const ctx = await disputeContext(deps.contexts);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const loaded = await loadDispute(trx, id, principal, true);
      const { dispute } = loaded;
      if (dispute.version !== input.version) {
        throw new AppError('DISPUTE_VERSION_CONFLICT', {
          details: {
            disputeId: id,
            current: { version: dispute.version, state: dispute.state },
            yourVersion: input.version,
          },
        });
      }
      const now = new Date(Math.max(ctx.now.getTime(), dispute.updatedAt.getTime()));
      const action = await toDisputeAction(trx, input.action, loaded, now);
      const result = applyDisputeAction(dispute, action, disputeActorOf(loaded, principal), { ...ctx, now });
      if (!result.ok) throw domainToDisputeError(result.error, dispute.state, dispute.version);
      await persistDisputeOutcome(trx, result.value, {
        id,
        number: loaded.number,
        title: loaded.title,
        unitIds: loaded.unitIds,
        applicantUserId: loaded.applicantUserId,
        actorUserId: principal.userId,
        actorOrgId: principal.orgId,
        expectedVersion: dispute.version,
      });
      const followUp = result.value.followUp;
      if (followUp) {
        // The 回访 of the agreement: a task of the committee, due within the agreement's follow-up period.
        await deps.tasks.create(
          {
            title: `调解协议回访：${loaded.title}`.slice(0, 200),
            description: `回访当事人，核实调解协议（${dispute.agreement?.number ?? ''}）的履行情况，并在矛盾纠纷页面记录回访结果。`,
            sourceKind: 'dispute_followup',
            sourceId: String(id),
            sourceLabel: `${loaded.number} ${loaded.title}`.slice(0, 200),
            sourceKey: `dispute:${id}:followup`,
            ownerOrgId: followUp.orgId,
            limit: { amount: followUp.days * 24, unit: 'natural_hours' },
          },
          principal,
          trx,
        );
      }
      await deps.audit.record(
        principal,
        {
          action: `dispute.${action.type}`,
          targetType: 'dispute',
          targetId: id,
          details: { number: loaded.number, version: result.value.dispute.version },
        },
        trx,
      );
    });
  } catch (error) {
    // A concurrent writer committed first (the history's primary key caught it): answer with its state.
    if ((error as { code?: string })?.code === '23505') {
      const current = await deps.db
        .selectFrom('disputes')
        .select(['version', 'state'])
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError('DISPUTE_VERSION_CONFLICT', { details: { disputeId: id, current: current ?? null } });
    }
    throw error;
  }
}
