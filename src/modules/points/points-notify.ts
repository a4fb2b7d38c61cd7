// The in-app notifications of the points capability: a unit (the town that approves, the village that keeps
// the shop) or a user (the staff member who asked for an approval, the household's citizen) is told, in the
// transaction of the change, with the page of the web app that shows it.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface PointsNote {
  orgId?: number | null;
  userId?: number | null;
  kind: string;
  title: string;
  link: string;
}

export async function notifyPoints(trx: Transaction<DB>, at: Date, notes: readonly PointsNote[]): Promise<void> {
  const rows = notes
    .filter((n) => (n.orgId ?? null) !== null || (n.userId ?? null) !== null)
    .map((n) => ({
      org_id: n.orgId ?? null,
      user_id: n.userId ?? null,
      case_id: null,
      kind: n.kind,
      title: n.title,
      link: n.link,
      created_at: at,
    }));
  if (rows.length > 0) await trx.insertInto('notifications').values(rows).execute();
}

/** The town a village belongs to (it approves large awards and decides objections). */
export async function townOfVillage(trx: Transaction<DB>, villageId: number): Promise<number | null> {
  const row = await trx.selectFrom('orgs').select('parent_id').where('id', '=', villageId).executeTakeFirst();
  return row?.parent_id ?? null;
}
