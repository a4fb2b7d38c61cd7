// Awards or deducts points by one of the village's rules (the village's staff): for a household of its
// village, with the day of the deed and its evidence (photos uploaded by the giver, a case, an activity).
// The rule decides the amount; its cap per period (China time) counts what the household already has
// under it, approved or waiting; from the village's threshold on, a second person must approve it
// (approve-entry.ts) and it waits in the queue instead of reaching the ledger. The household's row is locked
// first, so caps and balance are read and written by one writer at a time; row(s) and audit entry commit
// together.
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import {
  type CapPeriod,
  capWindow,
  checkCap,
  checkDeedDay,
  checkEvidence,
  needsApproval,
  type PointsRuleSpec,
  postAwardOrDeduction,
  type RuleUnit,
  ruleAmount,
} from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import { assertCaseVisible } from '../cases/index.js';
import type { PointsDeps } from './points-deps.js';
import { decided } from './points-errors.js';
import { notifyPoints, townOfVillage } from './points-notify.js';
import { appendEntry, loadSettings, lockHousehold } from './points-store.js';

export interface AwardPointsInput {
  householdId: number;
  ruleId: number;
  quantity?: number;
  /** 'YYYY-MM-DD', China time; today by default */
  occurredOn?: string;
  note?: string;
  attachmentIds?: string[];
  caseId?: number | null;
  activity?: string | null;
}

export type AwardOutcome =
  | { status: 'posted'; entryId: number; points: number; balance: number }
  | { status: 'pending'; requestId: number; points: number };

export function ruleSpec(row: {
  points: number;
  unit: string;
  cap_points: number | null;
  cap_period: string | null;
  active: boolean;
}): PointsRuleSpec {
  return {
    points: row.points,
    unit: row.unit as RuleUnit,
    capPoints: row.cap_points,
    capPeriod: row.cap_period as CapPeriod | null,
    active: row.active,
  };
}

/** What the household has under the rule in [from, to): posted entries (with their corrections) and waiting requests. */
export async function usedUnderRule(
  trx: Transaction<DB>,
  householdId: number,
  ruleId: number,
  from: string,
  to: string,
) {
  const { rows } = await sql<{ used: number }>`
    SELECT coalesce((SELECT sum(points) FROM points_entries
                     WHERE household_id = ${householdId} AND rule_id = ${ruleId}
                       AND occurred_on >= ${from} AND occurred_on < ${to}), 0)
         + coalesce((SELECT sum(points) FROM points_requests
                     WHERE household_id = ${householdId} AND rule_id = ${ruleId} AND state = 'pending'
                       AND occurred_on >= ${from} AND occurred_on < ${to}), 0) AS used`.execute(trx);
  return Number(rows[0]?.used ?? 0);
}

/** Evidence named by the giver: their own uploads and a case they can see. */
export async function checkEvidenceRefs(
  deps: PointsDeps,
  principal: Principal,
  attachmentIds: string[],
  caseId?: number | null,
) {
  const foreign = await deps.attachments.notOwnedBy(principal, attachmentIds);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '照片不存在或不是您上传的，请重新上传',
      details: { field: 'attachmentIds', attachmentIds: foreign },
    });
  }
  if (caseId !== null && caseId !== undefined) {
    await assertCaseVisible(deps.db, caseId, principal);
  }
}

export async function awardPoints(
  deps: PointsDeps,
  principal: Principal,
  input: AwardPointsInput,
): Promise<AwardOutcome> {
  const now = deps.clock.now();
  const occurredOn = decided(checkDeedDay(input.occurredOn ?? chinaDayOf(now), now));
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  const note = (input.note ?? '').trim();
  const activity = input.activity?.trim() || null;
  await checkEvidenceRefs(deps, principal, attachmentIds, input.caseId);

  return deps.db.transaction().execute(async (trx) => {
    const household = await lockHousehold(trx, input.householdId, principal);
    if (!household.active) {
      throw new AppError('VALIDATION_FAILED', {
        message: '该户已停用，不能再记积分',
        details: { field: 'householdId' },
      });
    }
    const rule = await trx
      .selectFrom('points_rules')
      .selectAll()
      .where('id', '=', input.ruleId)
      .where('village_id', '=', household.villageId)
      .executeTakeFirst();
    if (!rule)
      throw new AppError('POINTS_RULE_NOT_FOUND', {
        message: '该积分规则不是本村的规则',
        details: { ruleId: input.ruleId },
      });
    const spec = ruleSpec(rule);
    const quantity = input.quantity ?? 1;
    const nominal = decided(ruleAmount(spec, quantity));
    decided(checkEvidence(nominal, { photos: attachmentIds.length, caseId: input.caseId ?? null, activity, note }));
    if (spec.capPeriod) {
      const window = capWindow(occurredOn, spec.capPeriod);
      const used = await usedUnderRule(trx, household.id, rule.id, window.from, window.to);
      decided(checkCap(spec, used, nominal, window.label));
    }
    const settings = await loadSettings(trx, household.villageId);
    const evidence = { note, attachment_ids: attachmentIds, case_id: input.caseId ?? null, activity };

    if (needsApproval(nominal, settings.approvalThreshold)) {
      const { id } = await trx
        .insertInto('points_requests')
        .values({
          county_code: household.countyCode,
          village_id: household.villageId,
          household_id: household.id,
          rule_id: rule.id,
          quantity,
          points: nominal,
          occurred_on: occurredOn,
          ...evidence,
          given_by_user_id: principal.userId,
          given_by_org_id: principal.orgId,
          state: 'pending',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // the town approves what is above the village's threshold: it hears of it at once
      await notifyPoints(trx, now, [
        {
          orgId: await townOfVillage(trx, household.villageId),
          kind: 'points.approval_requested',
          title: `待审批：${household.headName}户 ${rule.name} ${nominal > 0 ? '+' : ''}${nominal} 分`,
          link: '/points/approvals',
        },
      ]);
      await deps.audit.record(
        principal,
        {
          action: 'points.request',
          targetType: 'points_request',
          targetId: id,
          details: { householdId: household.id, ruleId: rule.id, points: nominal },
        },
        trx,
      );
      return { status: 'pending', requestId: id, points: nominal };
    }

    const posting = decided(postAwardOrDeduction(household.balance, nominal));
    const entryId = await appendEntry(
      trx,
      household,
      posting,
      {
        kind: nominal > 0 ? 'award' : 'deduct',
        occurredOn,
        ruleId: rule.id,
        ruleName: rule.name,
        quantity,
        note,
        attachmentIds,
        caseId: evidence.case_id,
        activity,
        givenByUserId: principal.userId,
        givenByOrgId: principal.orgId,
      },
      now,
    );
    await deps.audit.record(
      principal,
      {
        action: nominal > 0 ? 'points.award' : 'points.deduct',
        targetType: 'points_entry',
        targetId: entryId,
        details: { householdId: household.id, ruleId: rule.id, points: posting.points, balance: posting.balanceAfter },
      },
      trx,
    );
    return { status: 'posted', entryId, points: posting.points, balance: posting.balanceAfter };
  });
}
