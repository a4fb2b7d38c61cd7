// 执法亮剑: the cases the comprehensive enforcement units handled (a town's 综合行政执法队, the county's 综合行政执法局
// as lead or owner), listed publicly in de-identified form — the month, town and community, the category, the
// matter and its result with names, phone and ID numbers and the exact part of addresses stripped — and only once
// replied or closed. No case number, no reporter, no coordinates.
import { sql } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { deidentify } from '../../domain/showcase/index.js';
import { openReporterField } from '../cases/reporter-fields.js';
import type { Db } from './party-service-deps.js';
import type { PublicEnforcementItem } from './party-service-views.js';
import { monthBounds } from './recompute-stars.js';

const STATUS_LABELS: Record<string, string> = { replied: '已答复', closed: '已办结', archived: '已办结' };

const ENFORCEMENT_UNITS = sql`(SELECT o.id FROM orgs o WHERE (o.kind = 'office' AND o.subkind LIKE '%综合%执法%') OR (o.kind = 'department' AND o.name LIKE '%综合%执法%'))`;

export async function publicEnforcement(
  db: Db,
  /** The reporter's name is stored encrypted: opened to be cut out of the public text. */
  crypto: FieldCrypto,
  q: { townId?: number; month?: string; limit?: number },
  now: Date,
): Promise<{ items: PublicEnforcementItem[]; towns: { id: number; name: string }[] }> {
  // the month asked for, or the last six months
  const end = q.month ? monthBounds(q.month).end : new Date(now.getTime() + 1);
  const start = q.month ? monthBounds(q.month).start : monthBounds(shiftMonths(chinaDayOf(now).slice(0, 7), -5)).start;
  let query = db
    .selectFrom('cases as c')
    .leftJoin('orgs as t', 't.id', 'c.town_id')
    .leftJoin('orgs as v', 'v.id', 'c.village_id')
    .leftJoin('categories as k', 'k.id', 'c.category_id')
    .select([
      'c.reported_at',
      'c.title',
      'c.reply',
      'c.status',
      'c.reporter_name',
      't.name as town_name',
      'v.name as village_name',
      'k.name as category',
    ])
    .where('c.status', 'in', ['replied', 'closed', 'archived'])
    .where('c.reported_at', '>=', start)
    .where('c.reported_at', '<', end)
    .where(sql<boolean>`(c.lead_org_id IN ${ENFORCEMENT_UNITS} OR c.owner_org_id IN ${ENFORCEMENT_UNITS})`);
  if (q.townId) query = query.where('c.town_id', '=', q.townId);
  const rows = await query
    .orderBy('c.reported_at', 'desc')
    .limit(q.limit ?? 100)
    .execute();
  const towns = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'town')
    .where('active', '=', true)
    .orderBy('sort')
    .execute();
  return {
    towns,
    items: rows.map((r) => {
      const name = openReporterField(crypto, r.reporter_name);
      const names = name ? [name] : [];
      return {
        month: chinaDayOf(new Date(r.reported_at)).slice(0, 7),
        townName: r.town_name,
        villageName: r.village_name,
        category: r.category,
        summary: deidentify(r.title, { names, addresses: [], villages: [] }).slice(0, 200),
        result: deidentify(r.reply ?? '', { names, addresses: [], villages: [] }).slice(0, 300),
        status: STATUS_LABELS[r.status] ?? r.status,
      };
    }),
  };
}

function shiftMonths(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
