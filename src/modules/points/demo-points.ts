// Demo data of 文明积分, written inside the demo seed's transaction: the county's rule template; the first
// village (the `village` account's) adopts it, keeps a list of 40 households (the first, 张三, is the demo
// citizen 13800000001), opens its 积分超市 and has two months of entries through the ledger's own writer —
// with a recent deduction the demo citizen can still object to, and one award waiting for the town's approval.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { personName } from '../../db/seed/names.js';
import { mulberry32, randInt } from '../../db/seed/random.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { postAwardOrDeduction, postRedemption } from '../../domain/points/index.js';
import { appendEntry, type LockedHousehold } from './points-store.js';
import { settingsRow } from './update-settings.js';

const DAY_MS = 86_400_000;
const DEMO_CITIZEN_PHONE = '13800000001';

/** The demo county's template: [category, name, points per unit, unit, cap, cap period]. */
export const DEMO_TEMPLATE: [string, string, number, 'time' | 'hour', number | null, 'month' | 'year' | null][] = [
  ['人居环境', '垃圾分类（定时定点投放）', 2, 'time', 10, 'month'],
  ['人居环境', '美丽庭院（庭院整洁）', 5, 'time', 10, 'month'],
  ['人居环境', '乱堆乱放', -5, 'time', null, null],
  ['人居环境', '乱扔垃圾', -2, 'time', null, null],
  ['志愿服务', '志愿服务（每小时）', 1, 'hour', 40, 'year'],
  ['志愿服务', '参加村集体公益活动', 2, 'time', 8, 'month'],
  ['乡风文明', '孝老爱亲', 10, 'time', 20, 'year'],
  ['乡风文明', '移风易俗（红白喜事简办）', 10, 'time', null, null],
  ['乡风文明', '见义勇为', 20, 'time', null, null],
  ['乡风文明', '主动调解邻里纠纷', 5, 'time', 20, 'year'],
  ['平安建设', '参与平安巡逻', 2, 'time', 8, 'month'],
  ['平安建设', '违规燃放烟花爆竹', -10, 'time', null, null],
  ['平安建设', '违法违规受到处罚', -20, 'time', null, null],
];

const DEMO_ITEMS: [string, number, number][] = [
  ['毛巾', 10, 50],
  ['酱油（500ml）', 15, 30],
  ['洗衣液（2kg）', 30, 20],
  ['大米（10kg）', 60, 15],
  ['食用油（5L）', 80, 10],
];

const ROADS = ['人民路', '文昌路', '学府路', '青溪路'];

export async function seedDemoPoints(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<{ households: number; entries: number }> {
  const staff = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.org_id', 'o.name', 'o.county_code'])
    .where('u.username', '=', 'village')
    .executeTakeFirst();
  if (!staff?.org_id) return { households: 0, entries: 0 };
  const villageId = staff.org_id;
  const countyCode = staff.county_code;
  const now = clock.now();
  const rng = mulberry32(20260416);
  const stamp = { created_at: now, updated_at: now };

  const template = await trx
    .insertInto('points_rules')
    .values(
      DEMO_TEMPLATE.map(([category, name, points, unit, cap, period], i) => ({
        county_code: countyCode,
        village_id: null,
        template_rule_id: null,
        category,
        name,
        points,
        unit,
        cap_points: cap,
        cap_period: period,
        sort: (i + 1) * 10,
        ...stamp,
      })),
    )
    .returningAll()
    .execute();
  const rules = await trx
    .insertInto('points_rules')
    .values(template.map(({ id, version, ...t }) => ({ ...t, village_id: villageId, template_rule_id: id })))
    .returningAll()
    .execute();
  await settingsRow(trx, villageId, countyCode, now);
  await trx
    .updateTable('points_settings')
    .set({ template_adopted_at: now })
    .where('village_id', '=', villageId)
    .execute();
  const items = await trx
    .insertInto('points_items')
    .values(
      DEMO_ITEMS.map(([name, price, stock]) => ({
        county_code: countyCode,
        village_id: villageId,
        name,
        price,
        stock,
        ...stamp,
      })),
    )
    .returningAll()
    .execute();

  const grids = await trx
    .selectFrom('orgs')
    .select('id')
    .where('parent_id', '=', villageId)
    .where('kind', '=', 'grid')
    .orderBy('sort')
    .execute();
  const households = await trx
    .insertInto('points_households')
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        county_code: countyCode,
        village_id: villageId,
        grid_id: grids.length ? (grids[i % grids.length] as { id: number }).id : null,
        door_no: `${ROADS[i % ROADS.length]} ${Math.floor(i / ROADS.length) + 1} 号`,
        head_name: i === 0 ? '张三' : personName(rng),
        members: randInt(rng, 1, 6),
        address: `青溪县${staff.name}${ROADS[i % ROADS.length]} ${Math.floor(i / ROADS.length) + 1} 号`,
        head_phone: i === 0 ? DEMO_CITIZEN_PHONE : `139${String(randInt(rng, 0, 99_999_999)).padStart(8, '0')}`,
        ...stamp,
      })),
    )
    .returningAll()
    .execute();

  // Two months of deeds, posted on their day, each household's in date order, through the ledger's writer.
  const today = Math.floor((now.getTime() + 8 * 3600_000) / DAY_MS);
  const ruleNamed = (name: string) => rules.find((r) => r.name.startsWith(name)) as (typeof rules)[number];
  const awards = rules.filter((r) => r.points > 0 && r.points < 10);
  let entries = 0;
  for (const [index, h] of households.entries()) {
    const locked: LockedHousehold = {
      id: h.id,
      countyCode,
      villageId,
      headName: h.head_name,
      active: true,
      balance: 0,
      entryCount: 0,
    };
    const deeds: { day: number; rule: (typeof rules)[number]; quantity: number }[] = [];
    for (let k = randInt(rng, 3, 9); k > 0; k--) {
      const rule = awards[randInt(rng, 0, awards.length - 1)] as (typeof rules)[number];
      deeds.push({ day: today - randInt(rng, 3, 58), rule, quantity: rule.unit === 'hour' ? randInt(rng, 1, 4) : 1 });
    }
    if (index % 7 === 3) deeds.push({ day: today - randInt(rng, 10, 40), rule: ruleNamed('乱堆乱放'), quantity: 1 });
    if (index === 0) deeds.push({ day: today - 2, rule: ruleNamed('乱扔垃圾'), quantity: 1 });
    deeds.sort((a, b) => a.day - b.day);
    const usedInMonth = new Map<string, number>();
    for (const deed of deeds) {
      const day = new Date(deed.day * DAY_MS).toISOString().slice(0, 10);
      const capKey = `${deed.rule.id}:${deed.rule.cap_period === 'year' ? day.slice(0, 4) : day.slice(0, 7)}`;
      const nominal = deed.rule.points * deed.quantity;
      if (deed.rule.cap_points && (usedInMonth.get(capKey) ?? 0) + nominal > deed.rule.cap_points) continue;
      usedInMonth.set(capKey, (usedInMonth.get(capKey) ?? 0) + nominal);
      const posting = postAwardOrDeduction(locked.balance, nominal);
      if (!posting.ok) continue;
      const note = nominal < 0 ? '网格员巡查发现，已拍照留存' : '';
      await appendEntry(
        trx,
        locked,
        posting.value,
        {
          kind: nominal > 0 ? 'award' : 'deduct',
          occurredOn: day,
          ruleId: deed.rule.id,
          ruleName: deed.rule.name,
          quantity: deed.quantity,
          note,
          givenByUserId: staff.id,
          givenByOrgId: villageId,
        },
        chinaTime(day, '10:00'),
      );
      entries++;
    }
    // a few households have already been to the shop
    const towel = items[0] as (typeof items)[number];
    if (index % 5 === 1 && locked.balance >= towel.price) {
      const redemption = postRedemption(locked.balance, {
        price: towel.price,
        quantity: 1,
        stock: towel.stock,
        active: true,
      });
      if (redemption.ok) {
        const at = new Date(now.getTime() - DAY_MS);
        const { id } = await trx
          .insertInto('points_redemptions')
          .values({
            county_code: countyCode,
            village_id: villageId,
            household_id: h.id,
            item_id: towel.id,
            item_name: towel.name,
            quantity: 1,
            points: towel.price,
            channel: 'counter',
            redeemed_by_user_id: staff.id,
            handed_over_at: at,
            handed_over_by_user_id: staff.id,
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendEntry(
          trx,
          locked,
          redemption.value,
          {
            kind: 'redemption',
            occurredOn: chinaDayOf(at),
            quantity: 1,
            note: `兑换 ${towel.name} × 1`,
            redemptionId: id,
            givenByUserId: staff.id,
            givenByOrgId: villageId,
          },
          at,
        );
        towel.stock -= 1;
        entries++;
      }
    }
  }
  const towel = items[0] as (typeof items)[number];
  await trx.updateTable('points_items').set({ stock: towel.stock }).where('id', '=', towel.id).execute();
  // 见义勇为 (+20) is at the threshold: it waits for the town's approval
  const brave = ruleNamed('见义勇为');
  await trx
    .insertInto('points_requests')
    .values({
      county_code: countyCode,
      village_id: villageId,
      household_id: (households[2] as (typeof households)[number]).id,
      rule_id: brave.id,
      quantity: 1,
      points: brave.points,
      occurred_on: chinaDayOf(new Date(now.getTime() - DAY_MS)),
      note: '下河救起落水儿童',
      activity: '见义勇为',
      given_by_user_id: staff.id,
      given_by_org_id: villageId,
      state: 'pending',
      created_at: now,
    })
    .execute();
  progress(
    `文明积分：${staff.name} ${households.length} 户、${rules.length} 条规则、${entries} 条积分记录、积分超市 ${items.length} 种商品`,
  );
  return { households: households.length, entries };
}
