// Takes one action on a referral: load it (a caller with no relation gets PSYCH_REFERRAL_NOT_FOUND), let the
// referral machine decide from how the caller's unit stands to it, and write the outcome in one transaction guarded
// by the version the caller saw — row, history entry, notifications, audit entry, outbox. Acknowledging, returning
// or declining also signs for and completes the acknowledgement task in the same transaction, so its clock stops.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  applyPsychAction,
  type PsychAction,
  type PsychOutcome,
  type PsychReferral,
  type PsychRisk,
  type PsychState,
  type SessionForm,
} from '../../domain/psych/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';
import { domainToPsychError } from './psych-errors.js';
import { psychReferralsVisibleTo, psychRelationsOf } from './psych-scope.js';
import { persistPsychOutcome } from './psych-store.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LoadedReferral {
  referral: PsychReferral;
  number: string;
  notifiedOrgIds: number[];
  ackTaskId: number | null;
}

export async function loadReferral(db: Db, id: number, principal: Principal, lock = false): Promise<LoadedReferral> {
  let query = db
    .selectFrom('psych_referrals')
    .select([
      'id',
      'number',
      'state',
      'risk_level',
      'consent',
      'referring_org_id',
      'counselling_org_id',
      'notified_org_ids',
      'acknowledged_at',
      'sessions',
      'follow_ups',
      'outcome',
      'closed_at',
      'ack_task_id',
      'version',
      'updated_at',
    ])
    .where('id', '=', id)
    .where(psychReferralsVisibleTo(principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('PSYCH_REFERRAL_NOT_FOUND', { details: { referralId: id } });
  return {
    referral: {
      id: Number(row.id),
      state: row.state as PsychState,
      risk: row.risk_level as PsychRisk,
      consent: row.consent,
      referringOrgId: row.referring_org_id,
      counsellingOrgId: row.counselling_org_id,
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
      sessions: row.sessions,
      followUps: row.follow_ups,
      outcome: row.outcome as PsychOutcome | null,
      closedAt: row.closed_at ? new Date(row.closed_at) : null,
      version: row.version,
      updatedAt: new Date(row.updated_at),
    },
    number: row.number,
    notifiedOrgIds: row.notified_org_ids,
    ackTaskId: row.ack_task_id === null ? null : Number(row.ack_task_id),
  };
}

export const unitsOf = (loaded: LoadedReferral) => ({
  referringOrgId: loaded.referral.referringOrgId,
  counsellingOrgId: loaded.referral.counsellingOrgId,
  notifiedOrgIds: loaded.notifiedOrgIds,
});

/** The API's action: dates as strings, the fields of every kind of action optional. */
export interface PsychActionInput {
  type: string;
  note?: string;
  reason?: string;
  session?: { at: string; durationMinutes: number; form: string; notes: string; nextStep?: string };
  at?: string;
  notes?: string;
  outcome?: string;
}

export interface ActOnReferralDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
  tasks: TaskService;
}

function toPsychAction(input: PsychActionInput): PsychAction {
  switch (input.type) {
    case 'acknowledge':
    case 'startFollowUp':
      return { type: input.type, note: input.note };
    case 'return':
    case 'decline':
      return { type: input.type, reason: input.reason ?? '' };
    case 'recordSession': {
      const s = input.session;
      return {
        type: 'recordSession',
        session: {
          at: new Date(s?.at ?? 'invalid'),
          durationMinutes: s?.durationMinutes ?? 0,
          form: (s?.form ?? '') as SessionForm,
          notes: s?.notes ?? '',
          nextStep: s?.nextStep ?? '',
        },
      };
    }
    case 'recordFollowUp':
      return { type: 'recordFollowUp', at: new Date(input.at ?? 'invalid'), notes: input.notes ?? '' };
    case 'close':
      return { type: 'close', outcome: (input.outcome ?? '') as PsychOutcome, note: input.note };
    default:
      throw new AppError('VALIDATION_FAILED', {
        message: `未知的心理服务转介操作：${input.type}`,
        details: { field: 'action.type' },
      });
  }
}

const ENDS_ACKNOWLEDGEMENT: Record<string, string> = {
  acknowledge: '转介已接收',
  return: '转介已退回',
  decline: '转介不予接收',
};

/** Signs for (if needed) and completes the acknowledgement task, in the referral's transaction. */
async function completeAcknowledgement(
  trx: Transaction<DB>,
  tasks: TaskService,
  taskId: number,
  result: string,
  principal: Principal,
): Promise<void> {
  const task = await trx
    .selectFrom('tasks')
    .select(['state', 'version', 'machine'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task || !['pending_sign', 'in_progress', 'overdue'].includes(task.state)) return;
  const machine = (typeof task.machine === 'string' ? JSON.parse(task.machine) : task.machine) as { signed?: boolean };
  let version = task.version;
  if (!machine.signed) {
    await tasks.actWithin(trx, taskId, { version, action: { type: 'sign' } }, principal);
    version += 1;
  }
  await tasks.actWithin(trx, taskId, { version, action: { type: 'complete', result } }, principal);
}

export async function actOnReferral(
  deps: ActOnReferralDeps,
  id: number,
  input: { version: number; action: PsychActionInput },
  principal: Principal,
  outer?: Transaction<DB>,
): Promise<void> {
  const { now: clockNow } = await deps.contexts.context();
  const run = async (trx: Transaction<DB>) => {
    const loaded = await loadReferral(trx, id, principal, true);
    const { referral } = loaded;
    if (referral.version !== input.version) {
      throw new AppError('PSYCH_VERSION_CONFLICT', {
        details: {
          referralId: id,
          current: { version: referral.version, state: referral.state },
          yourVersion: input.version,
        },
      });
    }
    const now = new Date(Math.max(clockNow.getTime(), referral.updatedAt.getTime()));
    const action = toPsychAction(input.action);
    const actor = { kind: 'user' as const, relations: psychRelationsOf(unitsOf(loaded), principal) };
    const result = applyPsychAction(referral, action, actor, now);
    if (!result.ok) throw domainToPsychError(result.error, referral.state, referral.version);
    await persistPsychOutcome(trx, result.value, {
      id,
      number: loaded.number,
      actorUserId: principal.userId,
      actorOrgId: principal.orgId,
      expectedVersion: referral.version,
    });
    const ends = ENDS_ACKNOWLEDGEMENT[action.type];
    if (ends && loaded.ackTaskId !== null) {
      await completeAcknowledgement(trx, deps.tasks, loaded.ackTaskId, `${ends}（${loaded.number}）`, principal);
    }
    await deps.audit.record(
      principal,
      {
        action: `psych.${action.type}`,
        targetType: 'psych_referral',
        targetId: id,
        details: { number: loaded.number, version: result.value.referral.version },
      },
      trx,
    );
  };
  if (outer) return run(outer);
  try {
    await deps.db.transaction().execute(run);
  } catch (error) {
    // A concurrent writer committed first (the history's primary key caught it): answer with its state.
    if ((error as { code?: string })?.code === '23505') {
      throw new AppError('PSYCH_VERSION_CONFLICT', { details: { referralId: id } });
    }
    throw error;
  }
}
