// The demo county 青溪县 (fictional, code 330788, Zhejiang): organisation tree with grid polygons that tile
// the county, departments, town offices, third-party and party organisations, staff and citizen accounts,
// the category tree, the holiday calendar, and optionally a year of case history built from real
// citizen messages. Deterministic (seeded PRNG), one transaction, never seeds twice.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { DEMO_DATA_KEY } from '../../core/config.js';
import { FieldCrypto } from '../../core/field-crypto.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import { CaseContextProvider } from '../../modules/cases/case-context.js';
import { replayHistory } from '../../modules/cases/replay-history.js';
import { seedDemoDeliberations } from '../../modules/deliberations/demo-deliberations.js';
import { seedDemoDisputes } from '../../modules/disputes/demo-disputes.js';
import { seedDemoGridData } from '../../modules/grid-data/demo-grid-data.js'; // grid base data (issue 14 §1)
import { seedDemoLegal } from '../../modules/legal/demo-legal.js';
import { seedDemoMeetings } from '../../modules/meetings/demo-meetings.js';
import { seedDemoParty } from '../../modules/party/demo-party.js'; // party organisation (issue 21 §1)
import { seedDemoPartyService } from '../../modules/party-service/index.js'; // 双报到, 物业亮星 (issue 21 §2–3)
import { seedDemoPoints } from '../../modules/points/demo-points.js';
import { seedDemoPowers } from '../../modules/powers/demo-powers.js';
import { seedDemoPsych } from '../../modules/psych/demo-psych.js';
import { seedDemoShowcase } from '../../modules/public/demo-showcase.js'; // public showcase (issue 17 §3)
import { seedDemoScreenings } from '../../modules/screenings/demo-screenings.js';
import { seedDemoServices } from '../../modules/service-items/demo-services.js'; // convenience services (issue 17 §2)
import { seedDemoSocialOrgs } from '../../modules/social-orgs/index.js'; // social organisations (issue 17 §1)
import { seedDemoSurveys } from '../../modules/surveys/demo-surveys.js'; // public-opinion surveys (issue 21 §4)
import { seedDemoVolunteers } from '../../modules/volunteers/index.js'; // volunteers (issue 17 §1)
import type { DB, OrgKind, OrgsTable, Participant, UsersTable } from '../schema.js';
import { CALENDAR_YEARS, missingCalendarYears, seedCalendar } from './calendar.js';
import { seedCategories } from './categories.js';
import { DATASETS_DIR, readMessages } from './datasets.js';
import { COUNTY_CENTER, COUNTY_SEAT, layoutCounty, meanPoint, type Point, type Ring, type TownPlan } from './geo.js';
import { buildHistory, type HistoryGrid } from './history.js';
import {
  COMMUNITY_NAMES,
  DEPARTMENTS,
  personName,
  STREET_NAMES,
  THIRD_PARTIES,
  TOWN_NAMES,
  TOWN_OFFICES,
  villageNames,
} from './names.js';
import { mulberry32, randInt } from './random.js';

export { CALENDAR_YEARS, calendarDays, missingCalendarYears, seedCalendar } from './calendar.js';
export { categoryTree, HOTLINE_LEVEL1, responsibleFor, seedCategories } from './categories.js';
export { countyOutline, gridPolygons, layoutCounty } from './geo.js';

export interface SeedOptions {
  clock: Clock;
  history: boolean;
  progress?: (message: string) => void;
  /** Where the CSV data lives; defaults to the repository's /datasets. */
  datasetsDir?: string;
  /** The server's field encryption (reporters' names and phones); the demo key when not given. */
  crypto?: FieldCrypto;
}

export interface DemoSummary {
  towns: number;
  villages: number;
  grids: number;
  departments: number;
  users: number;
  categories: number;
  calendarDays: number;
  cases: number;
}

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_CITIZEN_PHONE = '13800000001';
export const DEMO_COUNTY = { code: '330788', name: '青溪县' } as const;

const SEED = 20251125;
const BATCH = 200;

/** The named demo logins (all with DEMO_PASSWORD), for the startup banner and the README. */
export const DEMO_ACCOUNTS: { username: string; role: string; orgName: string; description: string }[] = [
  { username: 'admin', role: 'admin', orgName: '青溪县', description: '系统管理员：组织机构、用户、分类、时限、日历' },
  { username: 'leader', role: 'leader', orgName: '青溪县', description: '县委副书记：领导驾驶舱、联席会议、排名' },
  {
    username: 'county',
    role: 'county_operator',
    orgName: '青溪县',
    description: '县社会治理服务中心坐席：受理、分流、督办',
  },
  {
    username: 'town',
    role: 'town_operator',
    orgName: STREET_NAMES[0],
    description: '镇街平台（第一个街道）：调度、派遣、督办村社',
  },
  { username: 'town2', role: 'town_operator', orgName: STREET_NAMES[1], description: '镇街平台（第二个街道）' },
  {
    username: 'village',
    role: 'village_operator',
    orgName: `${COMMUNITY_NAMES[0]}社区`,
    description: '村社区平台（第一个街道的第一个社区）',
  },
  {
    username: 'grid',
    role: 'grid_worker',
    orgName: `${COMMUNITY_NAMES[0]}社区第1网格`,
    description: '网格员（该社区第1网格）：巡查、上报、核实、吹哨',
  },
  {
    username: 'dept',
    role: 'department_handler',
    orgName: '住房和城乡建设局',
    description: '职能部门（住建局）：签收、办理、答复',
  },
  {
    username: 'mediator',
    role: 'third_party',
    orgName: '县人民调解委员会',
    description: '第三方（人民调解委员会）：调解案件',
  },
  {
    username: 'counsellor',
    role: 'third_party',
    orgName: '县心理咨询服务中心',
    description: '第三方（县心理咨询服务中心）：接收心理服务转介、咨询与随访（仅本机构可见内容）',
  },
  {
    username: 'lawyer',
    role: 'third_party',
    orgName: '县法律顾问团',
    description: '第三方（县法律顾问团）：村法律顾问，手机端记录法律咨询、驻村服务',
  },
];

type OrgRow = Insertable<OrgsTable> & { id: number; path: string; depth: number };
type UserRow = Insertable<UsersTable> & { id: number };

const cos = Math.cos((29.3 * Math.PI) / 180);
const at = (c: Point, angleDeg: number, r: number): Point => [
  c[0] + (r * Math.cos((angleDeg * Math.PI) / 180)) / cos,
  c[1] + r * Math.sin((angleDeg * Math.PI) / 180),
];

/** Streets around the county seat, towns in a ring around the county centre. */
export function townPlans(): TownPlan[] {
  return [
    { name: STREET_NAMES[0], subkind: '街道', seed: at(COUNTY_SEAT, 135, 0.02), gridsPerVillage: 4 },
    { name: STREET_NAMES[1], subkind: '街道', seed: at(COUNTY_SEAT, 10, 0.02), gridsPerVillage: 4 },
    { name: STREET_NAMES[2], subkind: '街道', seed: at(COUNTY_SEAT, 250, 0.02), gridsPerVillage: 4 },
    ...TOWN_NAMES.map((name, i) => ({
      name,
      subkind: '镇' as const,
      seed: at(COUNTY_CENTER, 90 + (i * 360) / TOWN_NAMES.length, 0.085),
      gridsPerVillage: 5,
    })),
  ];
}

/** Multi-row inserts, BATCH rows at a time. */
async function inBatches<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function nextId(db: Kysely<DB>, table: 'users' | 'cases'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

async function advanceSequence(db: Kysely<DB>, table: 'orgs' | 'users' | 'cases') {
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(
    db,
  );
}

/**
 * Seeds the demo county in one transaction. Returns null (and touches nothing) when organisations exist.
 */
export async function seedDemoCounty(db: Kysely<DB>, options: SeedOptions): Promise<DemoSummary | null> {
  const progress = options.progress ?? (() => {});
  const crypto = options.crypto ?? new FieldCrypto(DEMO_DATA_KEY);
  // Cheap early exit; the real check is repeated under a lock inside the transaction.
  if (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) return null;
  const now = options.clock.now();
  // Hash before the transaction: it is slow-ish and needs no database.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const messages = options.history ? readMessages(options.datasetsDir ?? DATASETS_DIR) : [];

  return db.transaction().execute(async (trx) => {
    // Servers starting together: one seeds, the others wait here and then find the organisations.
    await sql`SELECT pg_advisory_xact_lock(330788)`.execute(trx);
    const existing = await trx.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
    if (existing) return null;

    const rng = mulberry32(SEED);
    const stamp = { created_at: now, updated_at: now };
    const countyCode = DEMO_COUNTY.code;
    const orgs: OrgRow[] = [];
    let orgSeq = 0;
    const addOrg = (
      parent: OrgRow | null,
      o: {
        code: string;
        name: string;
        kind: OrgKind;
        subkind?: string | null;
        participant: Participant;
      } & Partial<OrgRow>,
    ): OrgRow => {
      const id = ++orgSeq;
      const row: OrgRow = {
        ...o,
        id,
        subkind: o.subkind ?? null,
        parent_id: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        county_code: countyCode,
        ...stamp,
      };
      orgs.push(row);
      return row;
    };
    const orgPhone = () => `0570-${randInt(rng, 5000000, 8999999)}`;

    // ── organisations ────────────────────────────────────────────────────────────────────────────
    const layout = layoutCounty(townPlans(), SEED);
    const county = addOrg(null, {
      code: countyCode,
      name: DEMO_COUNTY.name,
      kind: 'county',
      subkind: '县社会治理服务中心',
      participant: 'government',
      phone: '0570-12345',
      address: '青溪县青溪街道人民路1号',
      sort: 0,
    });
    const departments = DEPARTMENTS.map((d, i) =>
      addOrg(county, {
        code: `${countyCode}D${String(i + 1).padStart(2, '0')}`,
        name: d.name,
        kind: 'department',
        subkind: '县级部门',
        participant: d.participant,
        phone: orgPhone(),
        sort: i + 1,
      }),
    );
    const departmentsByName = new Map(departments.map((d) => [d.name, d.id]));
    const thirdParties = THIRD_PARTIES.map((t, i) =>
      addOrg(county, {
        code: `${countyCode}S${String(i + 1).padStart(2, '0')}`,
        name: t.name,
        kind: 'third_party',
        subkind: t.subkind,
        participant: t.participant,
        phone: orgPhone(),
        sort: i + 1,
      }),
    );

    const takenVillageNames = new Set<string>();
    const communityPool = [...COMMUNITY_NAMES];
    const townRows: OrgRow[] = [];
    const villageRows: OrgRow[] = [];
    const gridRows: (OrgRow & { ring: Ring; townRow: OrgRow; villageRow: OrgRow })[] = [];
    const officeRows: OrgRow[] = [];
    const townStats: { households: number; population: number; centers: Point[] }[] = [];

    layout.towns.forEach((t, ti) => {
      const street = t.plan.subkind === '街道';
      const townCode = `${countyCode}${String(ti + 1).padStart(3, '0')}`;
      const town = addOrg(county, {
        code: townCode,
        name: t.plan.name,
        kind: 'town',
        subkind: t.plan.subkind,
        participant: 'government',
        phone: orgPhone(),
        address: `青溪县${t.plan.name}`,
        sort: ti + 1,
      });
      townRows.push(town);
      TOWN_OFFICES.forEach((o, oi) => {
        officeRows.push(
          addOrg(town, {
            code: `${townCode}O${oi + 1}`,
            name: `${t.plan.name}${o.name}`,
            kind: 'office',
            subkind: o.name,
            participant: o.participant,
            phone: orgPhone(),
            sort: oi + 1,
          }),
        );
      });
      const names = street
        ? t.villages.map(() => {
            const n = communityPool.shift();
            if (n) return n;
            return villageNames(1, rng, takenVillageNames)[0] as string;
          })
        : villageNames(t.villages.length, rng, takenVillageNames);
      const tStats = { households: 0, population: 0, centers: [] as Point[] };
      t.villages.forEach((v, vi) => {
        const vname = `${names[vi]}${street ? '社区' : '村'}`;
        const villageCode = `${townCode}${String(vi + 1).padStart(3, '0')}`;
        const village = addOrg(town, {
          code: villageCode,
          name: vname,
          kind: 'village',
          subkind: street ? '社区' : '村',
          participant: 'residents',
          phone: orgPhone(),
          address: `青溪县${t.plan.name}${vname}`,
          sort: vi + 1,
        });
        villageRows.push(village);
        let vh = 0;
        let vp = 0;
        v.cells.forEach((cell, gi) => {
          const households = street ? randInt(rng, 300, 600) : randInt(rng, 150, 450);
          const population = Math.round(households * (2.3 + rng() * 0.8));
          vh += households;
          vp += population;
          const grid = addOrg(village, {
            code: `${villageCode}${String(gi + 1).padStart(3, '0')}`,
            name: `${vname}第${gi + 1}网格`,
            kind: 'grid',
            subkind: '网格',
            participant: 'residents',
            boundary: JSON.stringify({ type: 'Polygon', coordinates: [cell.ring] }),
            center_lat: round6(cell.center[1]),
            center_lng: round6(cell.center[0]),
            households,
            population,
            sort: gi + 1,
          });
          gridRows.push({ ...grid, ring: cell.ring, townRow: town, villageRow: village });
        });
        const vc = meanPoint(v.cells.map((c) => c.center));
        village.center_lat = round6(vc[1]);
        village.center_lng = round6(vc[0]);
        village.households = vh;
        village.population = vp;
        tStats.households += vh;
        tStats.population += vp;
        tStats.centers.push(vc);
        // party branch on the village's first grid; residents' councils in some villages
        const firstGrid = gridRows.find((g) => g.parent_id === village.id);
        if (firstGrid) {
          addOrg(firstGrid, {
            code: `${firstGrid.code}P1`,
            name: `${firstGrid.name}党支部`,
            kind: 'party',
            subkind: '网格党支部',
            participant: 'party',
            sort: 1,
          });
        }
        if (vi % 3 === 0) {
          addOrg(village, {
            code: `${villageCode}R1`,
            name: street ? `${vname}居民议事会` : vi % 2 === 0 ? `${vname}五老议事站` : `${vname}村民议事会`,
            kind: 'third_party',
            subkind: street ? '居民议事会' : '议事组织',
            participant: 'residents',
            sort: 100,
          });
        }
      });
      const tc = meanPoint(tStats.centers);
      town.center_lat = round6(tc[1]);
      town.center_lng = round6(tc[0]);
      town.households = tStats.households;
      town.population = tStats.population;
      townStats.push(tStats);
    });
    const cc = meanPoint(townStats.flatMap((s) => s.centers));
    county.center_lat = round6(cc[1]);
    county.center_lng = round6(cc[0]);
    county.households = townStats.reduce((s, t) => s + t.households, 0);
    county.population = townStats.reduce((s, t) => s + t.population, 0);
    for (const d of [...departments, ...thirdParties, ...officeRows]) {
      const parent = d.kind === 'office' ? townRows.find((t) => t.id === d.parent_id) : county;
      d.center_lat = parent?.center_lat ?? null;
      d.center_lng = parent?.center_lng ?? null;
    }

    await inBatches(orgs, (chunk) => trx.insertInto('orgs').values(chunk).execute());
    await advanceSequence(trx, 'orgs');
    progress(
      `组织机构 ${townRows.length} 镇街 / ${villageRows.length} 村社区 / ${gridRows.length} 网格 / ${departments.length} 部门 / 共 ${orgs.length} 个`,
    );

    // ── users ────────────────────────────────────────────────────────────────────────────────────
    let userId = (await nextId(trx, 'users')) - 1;
    const usedPhones = new Set<string>([DEMO_CITIZEN_PHONE]);
    const citizenPhones = await trx.selectFrom('users').select('phone').where('role', '=', 'citizen').execute();
    for (const c of citizenPhones) if (c.phone) usedPhones.add(c.phone);
    const newPhone = () => {
      for (;;) {
        const p = `13${String(randInt(rng, 0, 999_999_999)).padStart(9, '0')}`;
        if (!usedPhones.has(p)) {
          usedPhones.add(p);
          return p;
        }
      }
    };
    const users: UserRow[] = [];
    const addUser = (
      username: string | null,
      role: string,
      org: OrgRow | null,
      displayName?: string,
      phone?: string,
    ) => {
      const row: UserRow = {
        id: ++userId,
        username,
        display_name: displayName ?? personName(rng),
        phone: phone ?? newPhone(),
        role,
        org_id: org?.id ?? null,
        password_hash: role === 'citizen' ? null : passwordHash,
        ...stamp,
      };
      users.push(row);
      return row;
    };
    const firstTown = townRows[0] as OrgRow;
    const secondTown = townRows[1] as OrgRow;
    const firstVillage = villageRows[0] as OrgRow;
    const firstGrid = gridRows[0] as OrgRow;
    const housing = departments[0] as OrgRow;
    const mediation = thirdParties[0] as OrgRow;
    addUser('admin', 'admin', county, '系统管理员');
    addUser('leader', 'leader', county, `县委副书记 ${personName(rng)}`);
    addUser('county', 'county_operator', county);
    addUser('town', 'town_operator', firstTown);
    addUser('town2', 'town_operator', secondTown);
    addUser('village', 'village_operator', firstVillage);
    const gridWorkerOf = new Map<number, UserRow>();
    gridWorkerOf.set(firstGrid.id, addUser('grid', 'grid_worker', firstGrid));
    addUser('dept', 'department_handler', housing);
    addUser('mediator', 'third_party', mediation);
    const counselling = thirdParties.find((t) => t.name === '县心理咨询服务中心');
    if (counselling) addUser('counsellor', 'third_party', counselling, '林心怡'); // psychological referrals (issue 15 §3)
    const lawFirm = thirdParties.find((t) => t.name === '县法律顾问团');
    if (lawFirm) addUser('lawyer', 'third_party', lawFirm, '周明律'); // legal advisers (issue 15 §2)
    for (let i = 0; i < 2; i++) addUser(`county${i + 2}`, 'county_operator', county);
    for (const t of townRows) addUser(`t${t.code}`, 'town_operator', t);
    for (const v of villageRows) addUser(`v${v.code}`, 'village_operator', v);
    for (const g of gridRows)
      if (!gridWorkerOf.has(g.id)) gridWorkerOf.set(g.id, addUser(`g${g.code}`, 'grid_worker', g));
    for (const d of departments) addUser(`d${d.code}`, 'department_handler', d);
    for (const o of officeRows) addUser(`o${o.code}`, 'department_handler', o);
    for (const s of thirdParties) addUser(`s${s.code}`, 'third_party', s);
    const staffCount = users.length;
    const citizens: UserRow[] = [];
    if (!citizenPhones.some((c) => c.phone === DEMO_CITIZEN_PHONE))
      citizens.push(addUser(null, 'citizen', null, '张三', DEMO_CITIZEN_PHONE));
    for (let i = 0; i < 50; i++) citizens.push(addUser(null, 'citizen', null));
    await inBatches(users, (chunk) => trx.insertInto('users').values(chunk).execute());
    await advanceSequence(trx, 'users');
    // each grid's worker
    for (let i = 0; i < gridRows.length; i += BATCH) {
      const pairs = gridRows
        .slice(i, i + BATCH)
        .map((g) => sql`(${g.id}::int, ${gridWorkerOf.get(g.id)?.id ?? null}::int)`);
      await sql`UPDATE orgs SET grid_worker_id = v.worker FROM (VALUES ${sql.join(pairs)}) AS v(id, worker) WHERE orgs.id = v.id`.execute(
        trx,
      );
    }
    progress(`用户 ${staffCount} 名工作人员 / ${citizens.length} 名群众（演示密码 ${DEMO_PASSWORD}）`);

    // ── categories and calendar ─────────────────────────────────────────────────────────────────
    const { categories, inserted: categoryCount } = await seedCategories(trx, {
      departmentsByName,
      countyOrgId: county.id,
    });
    progress(`事项分类 ${categories.length} 个（新增 ${categoryCount}）`);
    const calendarCount = await seedCalendar(trx, CALENDAR_YEARS);
    const missing = missingCalendarYears(CALENDAR_YEARS);
    const loaded = CALENDAR_YEARS.filter((y) => !missing.includes(y));
    progress(
      `节假日日历 ${calendarCount} 天（${loaded.join('、')}）${missing.length ? `；${missing.join('、')} 年国务院安排尚未收录，请管理员在「节假日日历」中录入` : ''}`,
    );

    progress(`矛盾纠纷 ${await seedDemoDisputes(trx, options.clock)} 件`); // disputes (issue 15)

    // ── history ──────────────────────────────────────────────────────────────────────────────────
    let caseCount = 0;
    if (options.history) {
      const orgNames = new Map<number, string>();
      for (const o of orgs) orgNames.set(o.id, o.kind === 'department' ? `县${o.name}` : o.name);
      const grids: HistoryGrid[] = gridRows.map((g) => {
        const worker = gridWorkerOf.get(g.id) as UserRow;
        return {
          id: g.id,
          name: g.name,
          ring: g.ring,
          villageId: g.villageRow.id,
          villageName: g.villageRow.name,
          townId: g.townRow.id,
          townName: g.townRow.name,
          population: g.population ?? 1,
          worker: { id: worker.id, name: worker.display_name, phone: worker.phone ?? '' },
        };
      });
      const rows = buildHistory({
        now,
        rng: mulberry32(SEED + 1),
        messages,
        grids,
        categories,
        citizens: citizens.map((c) => ({ id: c.id, name: c.display_name, phone: c.phone ?? '' })),
        countyName: DEMO_COUNTY.name,
        orgNames,
        prefix: 'QX',
        countyCode,
        firstId: await nextId(trx, 'cases'),
        crypto,
      });
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx
          .insertInto('cases')
          .values(rows.slice(i, i + BATCH))
          .execute();
        caseCount = Math.min(i + BATCH, rows.length);
        progress(`历史诉求 ${caseCount}/${rows.length}`);
      }
      if (rows.length > 0) await advanceSequence(trx, 'cases');
      // Play each case through the state machine so it has its real timeline, clocks and ratings.
      const contexts = new CaseContextProvider(trx, options.clock);
      const base = await contexts.context();
      const replay = await replayHistory(
        trx,
        rows as ((typeof rows)[number] & { id: number })[],
        county.id,
        async (at) => ({ ...base, now: at }),
        now,
        (done, total) => progress(`历史诉求办理过程 ${done}/${total}`),
      );
      progress(`历史诉求时间线 ${replay.events} 条`);
    }

    await seedDemoMeetings(trx, options.clock, progress);
    await seedDemoPoints(trx, options.clock, progress); // civility points (issue 16)
    await seedDemoGridData(trx, options.clock, progress, options.history); // grid base data (issue 14 §1)
    progress(`心理服务转介 ${await seedDemoPsych(trx, options.clock)} 件`); // psychological referrals (issue 15 §3)
    await seedDemoDeliberations(trx, options.clock, progress); // deliberation (issue 16 §2): after the households
    await seedDemoPowers(trx, options.clock, progress); // small-power list (issue 16 §3)
    await seedDemoScreenings(trx, options.clock, progress); // screenings (issue 14 §2)
    await seedDemoLegal(trx, options.clock, progress); // legal advisers (issue 15 §2)
    // volunteers and social organisations (issue 17 §1): the registry first, so the association's team links to it
    const { associationOrgId } = await seedDemoSocialOrgs(trx, options.clock);
    const volunteering = await seedDemoVolunteers(trx, options.clock, associationOrgId);
    progress(`志愿者 ${volunteering.volunteers} 名 / 志愿活动 ${volunteering.activities} 场`);
    await seedDemoServices(trx, options.clock, progress); // convenience services (issue 17 §2)
    await seedDemoSurveys(trx, options.clock, progress); // public-opinion surveys (issue 21 §4): after grid data and households
    await seedDemoShowcase(trx, options.clock, progress, crypto); // public showcase (issue 17 §3): after the history's cases
    await seedDemoPartyService(trx, options.clock, progress); // 双报到 and 物业亮星 (issue 21 §2–3)
    await seedDemoParty(trx, options.clock, progress); // party organisation (issue 21 §1): after the grid data
    return {
      towns: townRows.length,
      villages: villageRows.length,
      grids: gridRows.length,
      departments: departments.length,
      // the demo modules add accounts of their own (deliberation's residents): count what is there
      users: Number(
        (
          await trx
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      categories: categories.length,
      calendarDays: calendarCount,
      cases: caseCount,
    };
  });
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
