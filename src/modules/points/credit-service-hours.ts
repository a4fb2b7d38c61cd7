// Civility points for volunteer service hours (issue 17 §1), inside the caller's transaction (the volunteers'
// check-out credits hours and points together, or neither). Where the village keeps points: the household
// whose head's phone is the volunteer's, the village's active rule counted per hour in the category 志愿服务;
// the rule's cap is respected by crediting only what is left under it, and an amount that would need a second
// person's approval is left to the village to award by hand. Anything missing is a reason, never an error.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { capWindow, needsApproval, postAwardOrDeduction } from '../../domain/points/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { usedUnderRule } from './award-points.js';
import { appendEntry, loadSettings, lockHousehold } from './points-store.js';

export interface ServiceHoursCredit {
  villageId: number;
  phone: string;
  hours: number;
  /** 'YYYY-MM-DD', China time */
  occurredOn: string;
  activity: string;
  at: Date;
}

export type ServiceHoursOutcome =
  | { status: 'posted'; entryId: number; points: number }
  | { status: 'skipped'; reason: string };

export async function creditServiceHoursWithin(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  credit: ServiceHoursCredit,
): Promise<ServiceHoursOutcome> {
  if (credit.hours < 1) return { status: 'skipped', reason: '服务时长不足 1 小时，不计积分' };
  const rule = await trx
    .selectFrom('points_rules')
    .selectAll()
    .where('village_id', '=', credit.villageId)
    .where('active', '=', true)
    .where('unit', '=', 'hour')
    .where('category', '=', '志愿服务')
    .where('points', '>', 0)
    .orderBy('sort')
    .orderBy('id')
    .executeTakeFirst();
  if (!rule) return { status: 'skipped', reason: '本村未设置按小时计的志愿服务积分规则' };
  const found = await trx
    .selectFrom('points_households')
    .select('id')
    .where('village_id', '=', credit.villageId)
    .where('head_phone', '=', credit.phone)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!found) return { status: 'skipped', reason: '志愿者不是本村积分户的户主，未计积分' };
  const household = await lockHousehold(trx, found.id, 'own');
  let quantity = credit.hours;
  if (rule.cap_points !== null && rule.cap_period) {
    const window = capWindow(credit.occurredOn, rule.cap_period as 'month' | 'year');
    const used = await usedUnderRule(trx, household.id, rule.id, window.from, window.to);
    quantity = Math.min(quantity, Math.floor(Math.max(0, rule.cap_points - used) / rule.points));
    if (quantity < 1) return { status: 'skipped', reason: `已达“${rule.name}”${window.label}上限` };
  }
  const nominal = quantity * rule.points;
  const settings = await loadSettings(trx, credit.villageId);
  if (needsApproval(nominal, settings.approvalThreshold)) {
    return { status: 'skipped', reason: `${nominal} 分达到审批门槛，请村里按规则手工记分` };
  }
  const posting = postAwardOrDeduction(household.balance, nominal);
  if (!posting.ok) return { status: 'skipped', reason: posting.error.message };
  const entryId = await appendEntry(
    trx,
    household,
    posting.value,
    {
      kind: 'award',
      occurredOn: credit.occurredOn,
      ruleId: rule.id,
      ruleName: rule.name,
      quantity,
      note: `志愿服务 ${credit.hours} 小时`,
      activity: credit.activity,
      givenByUserId: null,
      givenByOrgId: null,
    },
    credit.at,
  );
  await audit.record(
    principal,
    {
      action: 'points.award',
      targetType: 'points_entry',
      targetId: entryId,
      details: { householdId: household.id, ruleId: rule.id, points: nominal, source: 'volunteer_hours' },
    },
    trx,
  );
  return { status: 'posted', entryId, points: nominal };
}
