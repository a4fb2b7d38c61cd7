// Demo data of the convenience services, written inside the demo seed's transaction through the capability's own
// writers: the county's list (src/domain/service-item/county-template.ts); the first street's 便民服务中心 and the
// 代办点 of two of its communities (the `village` account's and its neighbour), each with hours, staff and a
// place on the map, having adopted every item they can offer; ten applications over the last six weeks — done
// in one visit, done after a second visit to bring a missing photo, one done late, a 一链办理 of a newborn
// under way, a 代办 of a rural house application past its due time, one refused and one transferred.
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, chinaTime } from '../../domain/calendar/index.js';
import { addDays } from '../../domain/power/index.js';
import {
  type ApplicationMode,
  type ApplicationResult,
  COUNTY_SERVICE_TEMPLATE,
  type StationKind,
} from '../../domain/service-item/index.js';
import { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { CaseContextProvider } from '../cases/case-context.js';
import { principalOfUser } from '../deliberations/demo-deliberations.js';
import { TaskService } from '../tasks/index.js';
import { writeCompletion, writeVisit } from './act-on-application.js';
import { copyIntoStation } from './adopt-template.js';
import type { StationRow } from './service-scope.js';
import { writeApplications } from './take-application.js';

interface DemoApplication {
  station: 0 | 1 | 2;
  item: string;
  mode: ApplicationMode;
  resident: string;
  phone: string;
  /** days before today it was taken in */
  ago: number;
  /** materials not brought the first time (brought on a second visit `visitAfter` days later) */
  missing?: string[];
  visitAfter?: number;
  /** the result, `after` days after it was taken in (none: still open) */
  end?: { result: ApplicationResult; after: number; note?: string; transferredTo?: string };
}

const DEMO_APPLICATIONS: DemoApplication[] = [
  {
    station: 0,
    item: '老年人优待证办理',
    mode: 'handled',
    resident: '王秀英',
    phone: '13905700101',
    ago: 20,
    end: { result: 'done', after: 2 },
  },
  {
    station: 0,
    item: '残疾人证申领',
    mode: 'handled',
    resident: '陈建国',
    phone: '13905700102',
    ago: 27,
    missing: ['近期二寸免冠照片 3 张'],
    visitAfter: 2,
    end: { result: 'done', after: 14 },
  },
  {
    station: 0,
    item: '居住证办理',
    mode: 'handled',
    resident: '刘海涛',
    phone: '13905700103',
    ago: 41,
    end: { result: 'done', after: 30, note: '人口信息核查延误' },
  },
  { station: 0, item: '新生儿出生“一件事”', mode: 'handled', resident: '周丽娟', phone: '13905700104', ago: 6 },
  {
    station: 0,
    item: '最低生活保障申请',
    mode: 'handled',
    resident: '吴长根',
    phone: '13905700105',
    ago: 3,
    missing: ['收入情况说明'],
  },
  {
    station: 1,
    item: '城乡居民基本医疗保险参保登记',
    mode: 'handled',
    resident: '徐桂芳',
    phone: '13905700106',
    ago: 10,
    end: { result: 'done', after: 0 },
  },
  { station: 1, item: '农村建房审批代办', mode: 'relayed', resident: '孙德明', phone: '13905700107', ago: 36 },
  {
    station: 1,
    item: '高龄津贴申领',
    mode: 'relayed',
    resident: '朱金花',
    phone: '13905700108',
    ago: 15,
    missing: ['本人银行账户'],
    visitAfter: 1,
    end: { result: 'refused', after: 1, note: '核对户籍信息，申请人未满 80 周岁，不符合高龄津贴条件，已告知' },
  },
  {
    station: 2,
    item: '生育登记',
    mode: 'handled',
    resident: '胡晓燕',
    phone: '13905700109',
    ago: 5,
    end: { result: 'done', after: 0 },
  },
  {
    station: 2,
    item: '残疾人证申领',
    mode: 'relayed',
    resident: '林水生',
    phone: '13905700110',
    ago: 12,
    end: { result: 'transferred', after: 1, note: '需先到指定医院评残', transferredTo: '县残疾人联合会' },
  },
];

const STAFF = [
  [
    { name: '郑晓燕', duty: '综合窗口', phone: '0570-6012301' },
    { name: '何伟', duty: '民政、残联窗口', phone: '0570-6012302' },
    { name: '蒋丽', duty: '公安户籍窗口', phone: '0570-6012303' },
  ],
  [{ name: '钱小红', duty: '代办员', phone: '0570-6012311' }],
  [{ name: '冯建华', duty: '代办员', phone: '0570-6012321' }],
];

export async function seedDemoServices(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
): Promise<number> {
  const village = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id', 'o.parent_id'])
    .where('u.username', '=', 'village')
    .executeTakeFirst();
  if (!village?.parent_id) return 0;
  const orgs = await trx
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'county_code', 'center_lat', 'center_lng'])
    .where((eb) =>
      eb.or([eb('id', '=', village.parent_id as number), eb('parent_id', '=', village.parent_id as number)]),
    )
    .where('kind', 'in', ['town', 'village'])
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const town = orgs.find((o) => o.kind === 'town');
  const first = orgs.find((o) => o.id === village.id);
  const neighbour = orgs.find((o) => o.kind === 'village' && o.id !== village.id);
  if (!town || !first || !neighbour) return 0;
  // each station's unit acts through one of its accounts (the demo's `town` and `village`, the neighbour's own)
  const staffOf = async (orgId: number) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('role', 'in', ['town_operator', 'village_operator'])
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    return principalOfUser(trx, user.id);
  };
  const now = clock.now();
  let at = now;
  const demoClock: Clock = { ...clock, now: () => at, adjustable: false, offsetMs: () => 0, advance: async () => at };
  const db = trx as unknown as Kysely<DB>;
  const audit = new AuditService(db, demoClock);
  const contexts = new CaseContextProvider(db, demoClock);
  const tasks = new TaskService(db, demoClock, audit, contexts);
  const { calendar } = await contexts.context(trx);

  // the county's list
  const countyCode = town.county_code;
  const ids = new Map<string, number>();
  for (const [i, t] of COUNTY_SERVICE_TEMPLATE.entries()) {
    const { id } = await trx
      .insertInto('service_items')
      .values({
        county_code: countyCode,
        station_id: null,
        template_item_id: null,
        template_version: null,
        kind: t.chain ? 'chain' : 'single',
        category: t.category,
        name: t.name,
        department: t.department,
        description: t.description,
        materials: [...t.materials],
        legal_limit_days: t.legalLimitDays,
        levels: [...t.levels],
        agent: t.agent,
        chain_item_ids: (t.chain ?? []).map((n) => ids.get(n) ?? 0),
        sort: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(t.name, Number(id));
  }

  // a centre and two 代办点, near their unit's centre
  const plans: {
    org: typeof town;
    kind: StationKind;
    name: string;
    address: string;
    hours: string;
  }[] = [
    {
      org: town,
      kind: 'centre',
      name: `${town.name}便民服务中心`,
      address: `${town.name}人民路 18 号一楼`,
      hours: '周一至周五 8:30–12:00，14:00–17:30；周六上午 9:00–12:00 延时服务',
    },
    {
      org: first,
      kind: 'agency',
      name: `${first.name}便民服务代办点`,
      address: `${first.name}党群服务中心一楼`,
      hours: '周一至周五 8:30–11:30，14:00–17:00',
    },
    {
      org: neighbour,
      kind: 'agency',
      name: `${neighbour.name}便民服务代办点`,
      address: `${neighbour.name}居委会办公室`,
      hours: '周一、三、五 9:00–11:30',
    },
  ];
  const stations: { row: StationRow; principal: Principal }[] = [];
  for (const [i, p] of plans.entries()) {
    const row = await trx
      .insertInto('service_stations')
      .values({
        county_code: countyCode,
        org_id: p.org.id,
        kind: p.kind,
        name: p.name,
        address: p.address,
        phone: `0570-60123${i}0`,
        hours: p.hours,
        staff: JSON.stringify(STAFF[i]),
        lat: (p.org.center_lat ?? 29.3) + 0.0008 * (i + 1),
        lng: (p.org.center_lng ?? 118.6) - 0.0006 * (i + 1),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await copyIntoStation(trx, audit, null, { ...row, id: Number(row.id) }, undefined, now);
    stations.push({ row, principal: await staffOf(p.org.id) });
  }

  // applications, each at its own time on the demo clock
  const today = chinaDayOf(now);
  const dayAt = (ago: number, time: string) => {
    const t = chinaTime(addDays(today, -ago), time);
    return t.getTime() > now.getTime() ? now : t;
  };
  let count = 0;
  for (const demo of DEMO_APPLICATIONS) {
    const { row: station, principal } = stations[demo.station] as (typeof stations)[number];
    const item = await trx
      .selectFrom('service_items')
      .selectAll()
      .where('station_id', '=', station.id)
      .where('name', '=', demo.item)
      .executeTakeFirst();
    if (!item) continue;
    at = dayAt(demo.ago, '09:30');
    const received = item.materials.filter((m) => !demo.missing?.includes(m));
    const created = await writeApplications(
      { audit, tasks },
      trx,
      principal,
      station,
      item,
      {
        stationId: Number(station.id),
        itemId: Number(item.id),
        mode: demo.mode,
        residentName: demo.resident,
        residentPhone: demo.phone,
        materialsReceived: received,
        acceptedAt: at,
      },
      calendar,
      at,
    );
    count += created.length;
    let version = 1;
    if (demo.visitAfter !== undefined) {
      at = dayAt(demo.ago - demo.visitAfter, '10:15');
      await writeVisit(
        { audit },
        trx,
        principal,
        created[0] as number,
        { version, materialsReceived: demo.missing, note: '补交材料' },
        at,
      );
      version++;
    }
    if (demo.end) {
      at = dayAt(demo.ago - demo.end.after, '15:40');
      await writeCompletion({ audit, tasks }, trx, principal, created[0] as number, { version, ...demo.end }, at);
    }
    // the newborn's chain: the first two steps done, the third under way
    if (created.length > 1) {
      for (const [i, id] of created.slice(0, 2).entries()) {
        at = dayAt(demo.ago - 1 - i, '16:00');
        await writeCompletion({ audit, tasks }, trx, principal, id, { version: 1, result: 'done' }, at);
      }
    }
  }
  progress(
    `便民服务事项 ${COUNTY_SERVICE_TEMPLATE.length} 项，站点 ${stations.length} 个（${town.name}便民服务中心及 2 个代办点），办件 ${count} 件`,
  );
  return count;
}
