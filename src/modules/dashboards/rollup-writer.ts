// Turns case events into rollup rows (src/db/migrations/0005_rollups.sql): loads each touched case's row and
// timeline, asks src/domain/rollups for the facts of the new events, sums them per rollup key and adds them
// to the tables. The consumer feeds it batches of new events; the rebuild feeds it every case, chunk by chunk.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type CaseFacts,
  caseFacts,
  FINISHED,
  type RollupEvent,
  UNIT_MEASURES,
} from '../../domain/rollups/case-facts.js';

type Db = Kysely<DB> | Transaction<DB>;

export const ROLLUP_CURSOR = 'rollups';

export interface CaseRow {
  id: number;
  county_code: string;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  category_id: number | null;
  channel: string;
  owner_org_id: number | null;
}

export interface EventRow {
  id: number;
  case_id: number;
  version: number;
  at: Date | string;
  type: string;
  org_id: number | null;
  from_state: string | null;
  to_state: string;
  details: unknown;
}

/** Category id → [first-level ancestor, second-level ancestor] (0 = none). */
type CategoryLevels = Map<number, readonly [number, number]>;

async function loadCategoryLevels(db: Db): Promise<CategoryLevels> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'level']).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const levels: CategoryLevels = new Map();
  for (const r of rows) {
    const chain: number[] = [];
    let at: (typeof rows)[number] | undefined = r;
    while (at) {
      chain.unshift(at.id);
      at = at.parent_id === null ? undefined : byId.get(at.parent_id);
    }
    levels.set(r.id, [chain[0] ?? 0, chain[1] ?? 0]);
  }
  return levels;
}

async function loadCountyAreas(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('orgs').select(['id', 'county_code']).where('kind', '=', 'county').execute();
  return new Map(rows.map((r) => [r.county_code, r.id]));
}

function parseDetails(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Sums of facts per rollup key, for one batch. */
class Accumulator {
  readonly caseDay = new Map<string, { key: unknown[]; v: [number, number, number] }>();
  readonly areaDay = new Map<string, { key: unknown[]; v: [number, number, number] }>();
  readonly unitDay = new Map<string, { key: unknown[]; v: Record<string, number> }>();
  readonly durations = new Map<string, { key: unknown[]; v: [number, number] }>();
  readonly areaNow = new Map<number, number>();

  private add3(
    map: Map<string, { key: unknown[]; v: [number, number, number] }>,
    key: unknown[],
    a: number,
    b: number,
    c: number,
  ) {
    const k = key.join('|');
    const row = map.get(k);
    if (row) {
      row.v[0] += a;
      row.v[1] += b;
      row.v[2] += c;
    } else map.set(k, { key, v: [a, b, c] });
  }

  /** places = false leaves out the place facts (the rebuild computes those set-wise: rebuildPlaceRollups). */
  constructor(private readonly places = true) {}

  addCase(c: CaseRow, facts: CaseFacts, categories: CategoryLevels, county: number) {
    const town = c.town_id ?? 0;
    const village = c.village_id ?? 0;
    const grid = c.grid_id ?? 0;
    // Grids (and a village's finer cuts) are read from the fine table: a cube row there would hold ~1 case.
    const category = c.category_id ?? 0;
    const [cat1, cat2] = categories.get(category) ?? [0, 0];
    const areas: [number, string[]][] = [
      [county, ['all', 'channel', 'category1', 'category2']],
      [town, ['all', 'channel', 'category1', 'category2']],
      [village, ['all']],
    ];
    const keyOf: Record<string, string> = {
      all: '',
      channel: c.channel,
      category1: String(cat1),
      category2: String(cat2),
    };
    for (const f of this.places ? facts.place : []) {
      this.add3(
        this.caseDay,
        [f.day, c.county_code, town, village, grid, category, c.channel],
        f.received,
        f.closed,
        f.openDelta,
      );
      for (const [area, dims] of areas) {
        if (!area) continue;
        for (const dim of dims)
          this.add3(this.areaDay, [f.day, area, dim, keyOf[dim]], f.received, f.closed, f.openDelta);
        if (f.openDelta) this.areaNow.set(area, (this.areaNow.get(area) ?? 0) + f.openDelta);
      }
    }
    for (const f of facts.units) {
      const key = [f.day, c.county_code, f.unitId, town];
      const k = key.join('|');
      let row = this.unitDay.get(k);
      if (!row) {
        row = { key, v: {} };
        this.unitDay.set(k, row);
      }
      row.v[f.measure] = (row.v[f.measure] ?? 0) + f.value;
    }
    for (const f of facts.durations) {
      for (const [area] of areas) {
        if (!area) continue;
        const key = [f.day, area, f.metric, f.bucket];
        const k = key.join('|');
        const row = this.durations.get(k);
        if (row) {
          row.v[0] += 1;
          row.v[1] += f.seconds;
        } else this.durations.set(k, { key, v: [1, f.seconds] });
      }
    }
  }
}

const CHUNK = 20_000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Column = readonly [name: string, type: string];
interface RollupTable {
  name: string;
  keys: readonly Column[];
  values: readonly Column[];
}

const PLACE_VALUES: readonly Column[] = [
  ['received', 'int'],
  ['closed', 'int'],
  ['open_delta', 'int'],
];

/** The rollup tables (src/db/migrations/0005_rollups.sql): key and value columns with their SQL types. */
export const ROLLUP_TABLES = {
  caseDay: {
    name: 'rollup_case_day',
    keys: [
      ['day', 'date'],
      ['county_code', 'text'],
      ['town_id', 'int'],
      ['village_id', 'int'],
      ['grid_id', 'int'],
      ['category_id', 'int'],
      ['channel', 'text'],
    ],
    values: PLACE_VALUES,
  },
  areaDay: {
    name: 'rollup_area_day',
    keys: [
      ['day', 'date'],
      ['area_id', 'int'],
      ['dim', 'text'],
      ['key', 'text'],
    ],
    values: PLACE_VALUES,
  },
  unitDay: {
    name: 'rollup_unit_day',
    keys: [
      ['day', 'date'],
      ['county_code', 'text'],
      ['unit_id', 'int'],
      ['town_id', 'int'],
    ],
    values: UNIT_MEASURES.map((m) => [m, m.endsWith('_seconds') ? 'float8' : 'int'] as const),
  },
  durations: {
    name: 'rollup_duration_day',
    keys: [
      ['day', 'date'],
      ['area_id', 'int'],
      ['metric', 'text'],
      ['bucket', 'int2'],
    ],
    values: [
      ['count', 'int'],
      ['seconds', 'float8'],
    ],
  },
  areaNow: { name: 'rollup_area_now', keys: [['area_id', 'int']], values: [['open', 'int']] },
} as const satisfies Record<string, RollupTable>;

/** Where a flush writes: added onto the rollup tables, or appended to staging tables (see stageRollups). */
export type FlushTarget = 'tables' | 'staging';

const stagingName = (table: RollupTable) => `${table.name}_stage`;

/**
 * Writes rows in one statement per chunk: the columns travel as arrays and unnest() turns them back into
 * rows (far fewer parameters and round trips than a multi-row VALUES list). Onto a rollup table the values
 * are added to an existing row with the same key; into staging they are appended (summed when merged).
 */
async function addRows(db: Db, table: RollupTable, target: FlushTarget, rows: unknown[][]): Promise<void> {
  const columns = [...table.keys, ...table.values];
  const names = sql.raw(columns.map(([c]) => c).join(', '));
  for (const part of chunks(rows)) {
    const arrays = columns.map((_, i) => part.map((r) => r[i]));
    const unnest = sql.join(columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`));
    if (target === 'staging') {
      await sql`INSERT INTO ${sql.table(stagingName(table))} (${names}) SELECT * FROM unnest(${unnest})`.execute(db);
      continue;
    }
    const conflict = sql.raw(table.keys.map(([c]) => c).join(', '));
    const updates = sql.raw(table.values.map(([c]) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', '));
    await sql`INSERT INTO ${sql.table(table.name)} (${names}) SELECT * FROM unnest(${unnest})
      ON CONFLICT (${conflict}) DO UPDATE SET ${updates}`.execute(db);
  }
}

async function flush(db: Db, acc: Accumulator, target: FlushTarget): Promise<void> {
  const T = ROLLUP_TABLES;
  await addRows(
    db,
    T.caseDay,
    target,
    [...acc.caseDay.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    T.areaDay,
    target,
    [...acc.areaDay.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    T.unitDay,
    target,
    [...acc.unitDay.values()].map(({ key, v }) => [...key, ...UNIT_MEASURES.map((m) => v[m] ?? 0)]),
  );
  await addRows(
    db,
    T.durations,
    target,
    [...acc.durations.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    T.areaNow,
    target,
    [...acc.areaNow.entries()].filter(([, n]) => n !== 0).map(([area, n]) => [area, n]),
  );
}

/** Creates empty staging tables (no indexes: appends are cheap) that disappear when the transaction ends. */
export async function createStaging(trx: Transaction<DB>, tables: readonly RollupTable[]): Promise<void> {
  for (const table of tables) {
    const cols = sql.raw([...table.keys, ...table.values].map(([c, type]) => `${c} ${type}`).join(', '));
    await sql`CREATE TEMP TABLE ${sql.table(stagingName(table))} (${cols}) ON COMMIT DROP`.execute(trx);
  }
}

/** The name of a rollup table's fresh copy that a rebuild fills (see createNextTables). */
export const nextName = (name: string) => `${name}_next`;

/** Fills the given tables' fresh copies with their staged rows summed per key. */
export async function mergeStagingIntoNext(trx: Transaction<DB>, tables: readonly RollupTable[]): Promise<void> {
  for (const table of tables) {
    const keys = table.keys.map(([c]) => c).join(', ');
    const sums = table.values.map(([c]) => `sum(${c})`).join(', ');
    const names = [...table.keys, ...table.values].map(([c]) => c).join(', ');
    await sql`INSERT INTO ${sql.table(nextName(table.name))} (${sql.raw(names)})
      SELECT ${sql.raw(keys)}, ${sql.raw(sums)} FROM ${sql.table(stagingName(table))}
      GROUP BY ${sql.raw(keys)}`.execute(trx);
  }
}

/**
 * Empty fresh copies of every rollup table (same columns, constraints and indexes) for a rebuild to fill:
 * no dead rows from earlier rebuilds to wade through, and readers keep the old tables until the swap.
 */
export async function createNextTables(trx: Transaction<DB>): Promise<void> {
  for (const table of Object.values(ROLLUP_TABLES)) {
    await sql`DROP TABLE IF EXISTS ${sql.table(nextName(table.name))}`.execute(trx);
    await sql`CREATE TABLE ${sql.table(nextName(table.name))} (LIKE ${sql.table(table.name)} INCLUDING ALL)`.execute(
      trx,
    );
  }
}

interface IndexRow {
  name: string;
  def: string;
}

async function indexesOf(trx: Transaction<DB>, table: string): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ${table}`.execute(trx);
  return rows;
}

/** An index definition without its own name and table's name: equal for an index and its copy. */
const indexShape = (index: IndexRow, table: string) =>
  index.def.replace(` ${index.name} `, ' ').replace(new RegExp(`\\.?${table}\\b`), '');

/** Puts the filled copies in place of the rollup tables, keeping the tables' and indexes' names. */
export async function swapNextTables(trx: Transaction<DB>): Promise<void> {
  for (const table of Object.values(ROLLUP_TABLES)) {
    const next = nextName(table.name);
    const old = await indexesOf(trx, table.name);
    const fresh = await indexesOf(trx, next);
    await sql`DROP TABLE ${sql.table(table.name)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(next)} RENAME TO ${sql.table(table.name)}`.execute(trx);
    for (const index of fresh) {
      const same = old.find((o) => indexShape(o, table.name) === indexShape(index, next));
      if (same) await sql`ALTER INDEX ${sql.id(index.name)} RENAME TO ${sql.id(same.name)}`.execute(trx);
    }
  }
}

function toRollupEvent(e: EventRow): RollupEvent {
  return {
    id: e.id,
    version: e.version,
    at: e.at instanceof Date ? e.at : new Date(e.at),
    type: e.type,
    orgId: e.org_id,
    fromState: e.from_state,
    toState: e.to_state,
    details: parseDetails(e.details),
  };
}

export class RollupWriter {
  private categories: CategoryLevels | null = null;
  private counties: Map<string, number> | null = null;
  private pending: Accumulator;

  /** With places = false the writer leaves out the place facts (see rebuildPlaceRollups). */
  constructor(private readonly places = true) {
    this.pending = new Accumulator(places);
  }

  /** Forget cached categories and counties (they are re-read on the next batch). */
  reset(): void {
    this.categories = null;
    this.counties = null;
  }

  /**
   * Adds the facts of the events of the given cases with id in (afterId, uptoId] — the whole timeline of
   * those cases up to uptoId is read so the facts know what came before.
   */
  async apply(db: Db, caseIds: number[], wanted: (eventId: number) => boolean, uptoId: number): Promise<void> {
    if (caseIds.length === 0) return;
    const [cases, events] = await Promise.all([
      db
        .selectFrom('cases')
        .select(['id', 'county_code', 'town_id', 'village_id', 'grid_id', 'category_id', 'channel', 'owner_org_id'])
        .where('id', 'in', caseIds)
        .execute(),
      db
        .selectFrom('case_events')
        .select(['id', 'case_id', 'version', 'at', 'type', 'org_id', 'from_state', 'to_state', 'details'])
        .where('case_id', 'in', caseIds)
        .where('id', '<=', uptoId)
        .orderBy('case_id')
        .orderBy('version')
        .execute(),
    ]);
    await this.applyRows(db, cases as CaseRow[], events as EventRow[], wanted);
  }

  async applyRows(db: Db, cases: CaseRow[], events: EventRow[], wanted: (eventId: number) => boolean): Promise<void> {
    try {
      await this.add(db, cases, events, wanted);
      await this.flush(db);
    } catch (error) {
      this.pending = new Accumulator(this.places); // the caller's transaction rolls back; so do the sums
      throw error;
    }
  }

  /**
   * Adds the facts of these cases' events to the pending sums without writing them (`flush` writes). Events
   * must be in (case_id, version) order or grouped by case in version order.
   */
  async add(db: Db, cases: CaseRow[], events: EventRow[], wanted: (eventId: number) => boolean): Promise<void> {
    if (!this.categories) this.categories = await loadCategoryLevels(db);
    const missingCategory = cases.some((c) => c.category_id !== null && !this.categories?.has(c.category_id));
    const missingCounty = cases.some((c) => !this.counties?.has(c.county_code));
    if (missingCategory) this.categories = await loadCategoryLevels(db);
    if (!this.counties || missingCounty) this.counties = await loadCountyAreas(db);
    const byCase = new Map<number, RollupEvent[]>();
    for (const e of events) {
      const caseId = Number(e.case_id);
      let list = byCase.get(caseId);
      if (!list) {
        list = [];
        byCase.set(caseId, list);
      }
      list.push(toRollupEvent(e));
    }
    for (const c of cases) {
      const list = byCase.get(Number(c.id));
      if (!list) continue;
      const facts = caseFacts(list, { ownerOrgId: c.owner_org_id ?? 0, gridId: c.grid_id ?? 0 }, wanted);
      this.pending.addCase(c, facts, this.categories, this.counties.get(c.county_code) ?? 0);
    }
  }

  /** How many rollup rows the pending sums would write. */
  pendingRows(): number {
    const a = this.pending;
    return a.caseDay.size + a.areaDay.size + a.unitDay.size + a.durations.size + a.areaNow.size;
  }

  /** Writes the pending sums (added to what the tables hold, or appended to staging) and starts new ones. */
  async flush(db: Db, target: FlushTarget = 'tables'): Promise<void> {
    const acc = this.pending;
    this.pending = new Accumulator(this.places);
    await flush(db, acc, target);
  }
}

/** The finished states as an SQL list, from the domain's own set. */
export const FINISHED_SQL = sql.raw(`(${[...FINISHED].map((state) => `'${state}'`).join(', ')})`);
/** An event's local day in China (UTC+8), as localDay() of src/domain/rollups computes it. */
export const EVENT_DAY_SQL = sql.raw(`((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date`);

/**
 * The place rollups (rollup_case_day, rollup_area_day, rollup_area_now) rebuilt set-wise from the events up to
 * `uptoId`, into the tables' fresh copies (createNextTables). A place fact depends on one event and the case row only, so
 * SQL computes it as src/domain/rollups/case-facts.ts does: received = 'opened', closed = a transition into
 * 'closed', open_delta = open(to) − open(from); the area cube sums the fine rows per county, town and village.
 */
export async function rebuildPlaceRollups(trx: Transaction<DB>, uptoId: number): Promise<void> {
  const caseDay = sql.table(nextName(ROLLUP_TABLES.caseDay.name));
  const areaDay = sql.table(nextName(ROLLUP_TABLES.areaDay.name));
  const areaNow = sql.table(nextName(ROLLUP_TABLES.areaNow.name));
  await sql`
    INSERT INTO ${caseDay} (day, county_code, town_id, village_id, grid_id, category_id, channel, received, closed, open_delta)
    SELECT ${EVENT_DAY_SQL}, c.county_code, coalesce(c.town_id, 0),
           coalesce(c.village_id, 0), coalesce(c.grid_id, 0), coalesce(c.category_id, 0), c.channel,
           count(*) FILTER (WHERE e.type = 'opened'),
           count(*) FILTER (WHERE e.to_state = 'closed' AND e.from_state IS DISTINCT FROM 'closed'),
           sum((CASE WHEN e.to_state NOT IN ${FINISHED_SQL} THEN 1 ELSE 0 END)
             - (CASE WHEN e.from_state IS NOT NULL AND e.from_state NOT IN ${FINISHED_SQL} THEN 1 ELSE 0 END))
    FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE e.id <= ${uptoId}
      AND (e.type = 'opened' OR e.to_state = 'closed'
           OR (e.to_state NOT IN ${FINISHED_SQL}) <> (e.from_state IS NOT NULL AND e.from_state NOT IN ${FINISHED_SQL}))
    GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(trx);
  await sql`
    WITH cats AS (
      SELECT c.id,
             CASE c.level WHEN 1 THEN c.id WHEN 2 THEN c.parent_id ELSE p.parent_id END AS cat1,
             CASE c.level WHEN 1 THEN 0 WHEN 2 THEN c.id ELSE c.parent_id END AS cat2
      FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
    )
    INSERT INTO ${areaDay} (day, area_id, dim, key, received, closed, open_delta)
    SELECT d.day, a.area_id, a.dim, a.key, sum(d.received), sum(d.closed), sum(d.open_delta)
    FROM ${caseDay} d
    LEFT JOIN cats ON cats.id = d.category_id
    LEFT JOIN orgs co ON co.kind = 'county' AND co.county_code = d.county_code
    CROSS JOIN LATERAL (VALUES
      (co.id, 'all', ''), (co.id, 'channel', d.channel),
      (co.id, 'category1', coalesce(cats.cat1, 0)::text), (co.id, 'category2', coalesce(cats.cat2, 0)::text),
      (d.town_id, 'all', ''), (d.town_id, 'channel', d.channel),
      (d.town_id, 'category1', coalesce(cats.cat1, 0)::text), (d.town_id, 'category2', coalesce(cats.cat2, 0)::text),
      (d.village_id, 'all', '')
    ) AS a(area_id, dim, key)
    WHERE a.area_id IS NOT NULL AND a.area_id <> 0
    GROUP BY 1, 2, 3, 4`.execute(trx);
  await sql`
    INSERT INTO ${areaNow} (area_id, open)
    SELECT area_id, sum(open_delta) FROM ${areaDay} WHERE dim = 'all'
    GROUP BY area_id HAVING sum(open_delta) <> 0`.execute(trx);
}
