// Demo data of 一村一法律顾问, written inside the demo seed's transaction through the capability's own verbs:
// four lawyers of 县法律顾问团 (the first signs in as `lawyer`), assigned by the county platform to the
// communities of the first street (all but the last, to show a village without an adviser) with 8 hours a
// month and one lecture a quarter, and three months of service log (consultations, on-site days, lectures, a
// legal review, joining an open dispute of the first community). One community has no service last month.
import type { Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { mulberry32, randInt } from '../../db/seed/random.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { addMonths, monthBounds, monthOf } from '../../domain/legal/index.js';
import { AuditService } from '../audit/audit-service.js';
import { isRole, ROLE_PERMISSIONS } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { LegalService } from './legal-service.js';

const DAY_MS = 86_400_000;

const LAWYERS: [string, string, string][] = [
  ['周明律', '13957100101', '13307201510123456'],
  ['吴雅琴', '13957100102', '13307201610234567'],
  ['郑海峰', '13957100103', '13307201810345678'],
  ['孙丽娟', '13957100104', '13307202010456789'],
];

const CONSULTATIONS: [string, string][] = [
  [
    '土地承包经营权流转合同到期后能否续签',
    '依《农村土地承包法》，承包期届满由原承包方依法续包；流转合同到期后双方可协商续签，建议书面约定租金调整方式。',
  ],
  [
    '子女不赡养老人如何维权',
    '赡养是法定义务，可先由村调委会调解；调解不成可向法院起诉要求支付赡养费，可申请法律援助。',
  ],
  [
    '在外务工被拖欠工资怎么办',
    '保留考勤、工资条、聊天记录等证据，向人社部门劳动保障监察投诉或申请劳动仲裁；农民工讨薪可申请法律援助。',
  ],
  [
    '宅基地上房屋能否卖给外村人',
    '宅基地使用权不得向本集体经济组织以外的成员转让，此类买卖合同可能被认定无效，建议不要签订。',
  ],
  [
    '邻居建房占用通道如何处理',
    '可先协商或请村调委会调解；相邻关系应遵循有利生产、方便生活原则，必要时可起诉排除妨碍。',
  ],
  [
    '交通事故对方保险公司拒赔',
    '核对交强险、商业险条款与事故认定书，保留医疗票据，可诉至法院并将保险公司列为共同被告。',
  ],
];

const ON_SITE = ['村委会坐班接待群众来访', '参加村“两委”会议，提供法律意见', '走访困难户，宣传法律援助政策'];
const LECTURES = ['《民法典》婚姻家庭编与老年人权益保护', '防范电信网络诈骗', '农村土地承包与流转法律知识'];

async function principalOf(trx: Transaction<DB>, username: string): Promise<Principal | null> {
  const u = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.display_name', 'u.org_id', 'o.kind', 'o.path', 'o.county_code'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!u || !isRole(u.role)) return null;
  const subtree = await trx.selectFrom('orgs').select('id').where('path', 'like', `${u.path}%`).execute();
  return {
    kind: 'user',
    userId: u.id,
    apiKeyId: null,
    role: u.role,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: u.kind,
    scopePath: u.path,
    scopeOrgIds: subtree.map((o) => o.id),
    countyCode: u.county_code,
    permissions: new Set(ROLE_PERMISSIONS[u.role]),
  };
}

/** A clock standing at `at` (the log is written as the adviser recorded it, on the day). */
const clockAt = (base: Clock, at: Date): Clock => ({ ...base, now: () => at });

export async function seedDemoLegal(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<{ advisers: number; entries: number }> {
  const county = await principalOf(trx, 'county');
  const lawyer = await principalOf(trx, 'lawyer');
  const town = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id'])
    .where('u.username', '=', 'town')
    .executeTakeFirst();
  if (!county || !lawyer || !town || lawyer.orgId === null) return { advisers: 0, entries: 0 };
  const villages = await trx
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('parent_id', '=', town.id)
    .where('kind', '=', 'village')
    .orderBy('code')
    .execute();
  const audit = new AuditService(trx, clock);
  const attachments = { notOwnedBy: async () => [] };
  const service = (at: Date) => new LegalService({ db: trx as never, clock: clockAt(clock, at), audit, attachments });
  const now = clock.now();
  const today = chinaDayOf(now);
  const rng = mulberry32(20261206);

  // the roster and the assignments, from the first day of the month three months back
  const startMonth = addMonths(monthOf(today), -3);
  const startedOn = monthBounds(startMonth).first;
  const advisers: number[] = [];
  for (const [i, [name, phone, licenceNo]] of LAWYERS.entries()) {
    const { id } = (await service(now).createAdviser(
      { name, phone, licenceNo, firmOrgId: lawyer.orgId, userId: i === 0 ? lawyer.userId : null },
      county,
      trx,
    )) as { id: number };
    advisers.push(id);
  }
  const served = villages.slice(0, Math.max(1, villages.length - 1));
  // the `lawyer` account's adviser serves the first community (the `village` account's), the others the rest
  const adviserOf = (i: number) => advisers[i === 0 ? 0 : 1 + ((i - 1) % (advisers.length - 1))] as number;
  for (const [i, v] of served.entries()) {
    await service(now).assign(
      {
        adviserId: adviserOf(i),
        villageId: v.id,
        hoursPerMonth: 8,
        lecturesPerQuarter: 1,
        startedOn,
        note: '县司法局统一聘任（一村一法律顾问）',
      },
      county,
      trx,
    );
  }

  // the log: the last months, each community a few services (the second one none last month)
  const openDispute = await trx
    .selectFrom('disputes')
    .select('id')
    .where('village_id', '=', served[0]?.id ?? -1)
    .where('state', 'in', ['accepted', 'mediating'])
    .orderBy('id')
    .executeTakeFirst();
  let entries = 0;
  const lastMonth = addMonths(monthOf(today), -1);
  for (const [i, v] of served.entries()) {
    const adviserId = adviserOf(i);
    for (let m = -2; m <= 0; m++) {
      const month = addMonths(monthOf(today), m);
      if (i === 1 && month === lastMonth) continue; // a village without service last month
      const { first, last } = monthBounds(month);
      // biome-ignore lint/complexity/useMathMinMax: days as 'YYYY-MM-DD' strings; Math.min would give NaN
      const lastDay = last < today ? last : today;
      const span = (Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS;
      // fewer hours in some villages so that the report shows villages below the commitment
      const visits = m === 0 ? 1 : i % 3 === 2 ? 1 : 2;
      const plans: { kind: 'on_site' | 'consultation' | 'lecture' | 'legal_review'; hours: number }[] = [];
      for (let k = 0; k < visits; k++) plans.push({ kind: 'on_site', hours: 4 });
      plans.push({ kind: 'consultation', hours: 0.5 });
      if (m === -1) plans.push({ kind: 'lecture', hours: 2 });
      if (i === 0 && m === -1) plans.push({ kind: 'legal_review', hours: 1.5 });
      for (const plan of plans) {
        const day = chinaDayOf(
          new Date(Date.parse(`${first}T04:00:00Z`) + randInt(rng, 0, Math.max(0, span)) * DAY_MS),
        );
        if (day > today) continue;
        const at = new Date(Math.min(now.getTime(), chinaTime(day, '16:30').getTime()));
        const [matter, advice] = CONSULTATIONS[randInt(rng, 0, CONSULTATIONS.length - 1)] as [string, string];
        await service(at).record(
          {
            adviserId,
            villageId: v.id,
            kind: plan.kind,
            occurredOn: day,
            hours: plan.hours,
            place: `${v.name}村（居）委会`,
            ...(plan.kind === 'on_site'
              ? { matter: ON_SITE[randInt(rng, 0, ON_SITE.length - 1)] }
              : plan.kind === 'consultation'
                ? { matter, advice, askerName: '王秀兰', askerPhone: '13905712345' }
                : plan.kind === 'lecture'
                  ? { topic: LECTURES[randInt(rng, 0, LECTURES.length - 1)], audience: randInt(rng, 30, 80) }
                  : {
                      documentTitle: '村集体闲置厂房租赁合同',
                      opinion:
                        '第五条租期超过二十年，超过部分无效，建议改为二十年；第八条应补充违约责任和押金退还条款；应经村民代表会议表决通过后签订。',
                    }),
          },
          lawyer,
          trx,
        );
        entries++;
      }
    }
  }
  if (openDispute && served[0]) {
    const at = new Date(now.getTime() - DAY_MS);
    await service(at).record(
      {
        adviserId: advisers[0] as number,
        villageId: served[0].id,
        kind: 'dispute',
        occurredOn: chinaDayOf(at),
        hours: 1.5,
        place: '社区人民调解室',
        matter: '参与调解，向双方释明相邻关系和侵权责任的法律规定',
        disputeId: Number(openDispute.id),
      },
      lawyer,
      trx,
    );
    entries++;
  }
  progress(`法律顾问 ${advisers.length} 名 / 服务记录 ${entries} 条`);
  return { advisers: advisers.length, entries };
}
