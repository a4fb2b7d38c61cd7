// What a household sees on its phone: its balance and ledger (who gave an entry is its village, never a
// staff member), which deductions it may still object to, its village's shop, its redemptions and its
// credit-household titles. The household is the one whose head's phone is the citizen's.
import type { CreditGrade } from '../../domain/points/index.js';
import type { Principal } from '../auth/principal.js';
import type { PointsDeps } from './points-deps.js';
import { getHousehold, ledger, listItems, listRedemptions } from './points-queries.js';
import { householdOfCitizen } from './points-scope.js';
import { loadSettings } from './points-store.js';
import type { MyPointsView } from './points-views.js';

export async function myPoints(deps: Pick<PointsDeps, 'db' | 'clock'>, principal: Principal): Promise<MyPointsView> {
  const own = await householdOfCitizen(deps.db, principal);
  const household = await getHousehold(deps.db, 'own', own.id);
  const settings = await loadSettings(deps.db, own.village_id);
  const credit = await deps.db
    .selectFrom('points_credit_households')
    .select(['year', 'grade'])
    .where('household_id', '=', own.id)
    .where('revoked_at', 'is', null)
    .orderBy('year', 'desc')
    .execute();
  return {
    household: {
      id: household.id,
      doorNo: household.doorNo,
      headName: household.headName,
      members: household.members,
      village: household.village,
    },
    balance: household.balance,
    objectionDays: settings.objectionDays,
    entries: await ledger(deps.db, own.id, {
      audience: 'household',
      now: deps.clock.now(),
      objectionDays: settings.objectionDays,
      limit: 200,
    }),
    items: await listItems(deps.db, own.village_id, true),
    redemptions: await listRedemptions(deps.db, { householdId: own.id }, { limit: 50 }),
    credit: credit.map((c) => ({ year: c.year, grade: c.grade as CreditGrade })),
  };
}
