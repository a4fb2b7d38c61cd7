// Demo base data for every grid of the demo county, written inside the demo seed's transaction: households
// with their people (fictional, with valid GB 11643 check digits, born in the neighbouring counties so no demo
// number is one a test types), special groups in plausible shares, buildings, shops, a school or clinic here and
// there, fire hydrants, lifts and hazards with inspection days (some overdue), and a few organisations. Rows go
// in by the thousand; the demo rows carry no history entry (their history starts with the first change).
import { type Insertable, sql, type Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { DEMO_DATA_KEY } from '../../core/config.js';
import { FieldCrypto, parseDataKey } from '../../core/field-crypto.js';
import type { DB, GridRecordsTable } from '../../db/schema.js';
import { personName } from '../../db/seed/names.js';
import { mulberry32, pick, randInt } from '../../db/seed/random.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { makeIdNumber, type RecordKind, type RecordValues } from '../../domain/grid-data/index.js';
import { columnsOf } from './record-codec.js';

// [tag, share of people]: rough shares of a county in Zhejiang
const TAG_SHARES: [string, number][] = [
  ['党员', 0.07],
  ['退役军人', 0.02],
  ['独居老人', 0.03],
  ['空巢老人', 0.04],
  ['残疾人', 0.02],
  ['低保', 0.015],
  ['留守儿童', 0.01],
  ['困境儿童', 0.003],
  ['刑满释放', 0.002],
  ['社区矫正', 0.001],
  ['严重精神障碍患者', 0.002],
];
const REGIONS = ['330781', '330782', '330783', '330784', '330102', '330106', '330203'];

/** The key the server will read with: DATA_ENCRYPTION_KEY when set (as loadConfig reads it), else the demo key. */
function demoCrypto(): FieldCrypto {
  const configured = process.env.DATA_ENCRYPTION_KEY ? parseDataKey(process.env.DATA_ENCRYPTION_KEY) : null;
  return new FieldCrypto(configured ?? DEMO_DATA_KEY);
}

export async function seedDemoGridData(
  trx: Transaction<DB>,
  clock: Clock,
  progress: (message: string) => void = () => {},
  /** The full demo (20 households a grid, ~29,000 people); a quick seed (tests) writes 2 a grid in the first 12 grids. */
  full = true,
): Promise<number> {
  const HOUSEHOLDS_PER_GRID = full ? 20 : 2;
  const started = Date.now();
  const crypto = demoCrypto();
  const rng = mulberry32(1411);
  const now = clock.now();
  const today = chinaDayOf(now);
  const grids = await trx
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .select([
      'g.id',
      'g.code',
      'g.name',
      'g.parent_id as village_id',
      'v.parent_id as town_id',
      'g.county_code',
      'g.center_lat',
      'g.center_lng',
    ])
    .where('g.kind', '=', 'grid')
    .orderBy('g.code')
    .$if(!full, (q) => q.limit(12))
    .execute();
  type Row = Insertable<GridRecordsTable>;
  let pending: Row[] = [];
  let total = 0;
  const flush = async () => {
    if (!pending.length) return;
    await trx.insertInto('grid_records').values(pending).execute();
    total += pending.length;
    pending = [];
  };
  const row = (kind: RecordKind, g: (typeof grids)[number], values: RecordValues, extra: Partial<Row> = {}): Row => {
    const cols = columnsOf(kind, values, crypto);
    return {
      kind,
      county_code: g.county_code,
      town_id: g.town_id,
      village_id: g.village_id as number,
      grid_id: g.id,
      ...cols,
      attrs: JSON.stringify(cols.attrs),
      created_at: now,
      updated_at: now,
      ...extra,
    };
  };
  const year = Number(today.slice(0, 4));
  let seq = 0;
  for (const g of grids) {
    const houseCodes: string[] = [];
    for (let h = 1; h <= HOUSEHOLDS_PER_GRID; h++) {
      const building = `${randInt(rng, 1, 12)}幢`;
      const unit = `${randInt(rng, 1, 3)}单元`;
      const room = `${randInt(rng, 1, 6)}0${randInt(rng, 1, 4)}`;
      const code = `H${g.code}${String(h).padStart(3, '0')}`;
      const members = randInt(rng, 1, 5);
      const head = personName(rng);
      houseCodes.push(code);
      pending.push(row('household', g, { code, headName: head, members, building, unit, room }));
      for (let m = 0; m < members; m++) {
        const age = m === 0 ? randInt(rng, 28, 85) : randInt(rng, 1, 80);
        const birth = `${year - age}${String(randInt(rng, 1, 12)).padStart(2, '0')}${String(randInt(rng, 1, 28)).padStart(2, '0')}`;
        const idNumber = makeIdNumber(pick(rng, REGIONS), birth, seq++ % 1000);
        const tags = TAG_SHARES.filter(([tag, share]) => {
          if ((tag === '留守儿童' || tag === '困境儿童') && age > 16) return false;
          if ((tag === '独居老人' || tag === '空巢老人') && age < 60) return false;
          return rng() < share * (tag.includes('老人') ? 4 : tag.includes('儿童') ? 5 : 1);
        }).map(([tag]) => tag);
        pending.push(
          row('person', g, {
            name: m === 0 ? head : personName(rng),
            idNumber,
            phone:
              age >= 16
                ? `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(randInt(rng, 0, 999_999_999)).padStart(9, '0')}`
                : null,
            gender: null,
            birthDate: null,
            householdCode: code,
            building,
            unit,
            room,
            residenceType: rng() < 0.75 ? '户籍' : rng() < 0.6 ? '常住' : '流动',
            tags,
          }),
        );
      }
    }
    const near = () => ({
      lat: (g.center_lat ?? 0) + (rng() - 0.5) * 0.0008,
      lng: (g.center_lng ?? 0) + (rng() - 0.5) * 0.0008,
    });
    for (let p = 1; p <= 8; p++) {
      const category = p <= 4 ? '楼栋' : p <= 6 ? '商铺' : pick(rng, ['出租房', '学校', '医院', '建筑工地']);
      const at = g.center_lat ? near() : { lat: null, lng: null };
      pending.push(
        row('place', g, {
          code: `P${g.code}${p}`,
          name: `${g.name}${category}${p}`,
          category,
          units: category === '楼栋' ? 3 : null,
          floors: category === '楼栋' ? 6 : null,
          ...at,
        }),
      );
    }
    for (let t = 1; t <= 5; t++) {
      const category = pick(rng, ['消防栓', '消防栓', '电梯', '燃气管线', '危房', '地质灾害点']);
      const due = new Date(now.getTime() + randInt(rng, -20, 90) * 86_400_000);
      pending.push(
        row('thing', g, {
          code: `T${g.code}${t}`,
          name: `${category}${t}号`,
          category,
          nextInspection: chinaDayOf(due),
        }),
      );
    }
    for (let o = 1; o <= 2; o++) {
      const category = pick(rng, ['企业', '物业', '社会组织', '个体工商户']);
      pending.push(
        row('organisation', g, {
          code: `O${g.code}${o}`,
          name: `${g.name}${category}${o}`,
          category,
          contactName: personName(rng),
          phone: null,
        }),
      );
    }
    if (pending.length >= 2000) await flush();
  }
  await flush();
  // people → their household, and every record's first history entry
  await sql`
    UPDATE grid_records p SET household_id = h.id FROM grid_records h
    WHERE p.kind = 'person' AND h.kind = 'household' AND h.county_code = p.county_code
      AND h.natural_key = p.attrs->>'householdCode'
  `.execute(trx);
  progress(`网格底数 ${total} 条（${Date.now() - started} ms）`);
  return total;
}
