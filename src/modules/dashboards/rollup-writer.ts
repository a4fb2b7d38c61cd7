// Turns case events into rollup rows (src/db/migrations/0005_rollups.sql): loads each touched case's row and
// timeline, asks src/domain/rollups for the facts of the new events, sums them per rollup key and adds them
// to the tables. The consumer feeds it batches of new events; the rebuild feeds it every case, chunk by chunk.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CaseFacts, caseFacts, type RollupEvent, UNIT_MEASURES } from '../../domain/rollups/case-facts.js';

type Db = Kysely<DB> | Transaction<DB>;

export const ROLLUP_CURSOR = 'rollups';

interface CaseRow {
  id: number;
  county_code: string;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  category_id: number | null;
  channel: string;
  owner_org_id: number | null;
}

interface EventRow {
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
    for (const f of facts.place) {
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

/**
 * Adds rows to a rollup table in one statement per chunk: the columns travel as arrays and unnest() turns them
 * back into rows (far fewer parameters and round trips than a multi-row VALUES list).
 */
async function addRows(
  db: Db,
  table: string,
  keyColumns: [string, string][],
  valueColumns: [string, string][],
  rows: unknown[][],
): Promise<void> {
  const columns = [...keyColumns, ...valueColumns];
  for (const part of chunks(rows)) {
    const arrays = columns.map((_, i) => part.map((r) => r[i]));
    const unnest = sql.join(columns.map(([, type], i) => sql`${arrays[i]}::${sql.raw(type)}[]`));
    const names = sql.raw(columns.map(([c]) => c).join(', '));
    const conflict = sql.raw(keyColumns.map(([c]) => c).join(', '));
    const updates = sql.raw(valueColumns.map(([c]) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT * FROM unnest(${unnest})
      ON CONFLICT (${conflict}) DO UPDATE SET ${updates}`.execute(db);
  }
}

async function flush(db: Db, acc: Accumulator): Promise<void> {
  const places: [string, string][] = [
    ['received', 'int'],
    ['closed', 'int'],
    ['open_delta', 'int'],
  ];
  await addRows(
    db,
    'rollup_case_day',
    [
      ['day', 'date'],
      ['county_code', 'text'],
      ['town_id', 'int'],
      ['village_id', 'int'],
      ['grid_id', 'int'],
      ['category_id', 'int'],
      ['channel', 'text'],
    ],
    places,
    [...acc.caseDay.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    'rollup_area_day',
    [
      ['day', 'date'],
      ['area_id', 'int'],
      ['dim', 'text'],
      ['key', 'text'],
    ],
    places,
    [...acc.areaDay.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    'rollup_unit_day',
    [
      ['day', 'date'],
      ['county_code', 'text'],
      ['unit_id', 'int'],
      ['town_id', 'int'],
    ],
    UNIT_MEASURES.map((m) => [m, m.endsWith('_seconds') ? 'float8' : 'int'] as [string, string]),
    [...acc.unitDay.values()].map(({ key, v }) => [...key, ...UNIT_MEASURES.map((m) => v[m] ?? 0)]),
  );
  await addRows(
    db,
    'rollup_duration_day',
    [
      ['day', 'date'],
      ['area_id', 'int'],
      ['metric', 'text'],
      ['bucket', 'int2'],
    ],
    [
      ['count', 'int'],
      ['seconds', 'float8'],
    ],
    [...acc.durations.values()].map(({ key, v }) => [...key, ...v]),
  );
  await addRows(
    db,
    'rollup_area_now',
    [['area_id', 'int']],
    [['open', 'int']],
    [...acc.areaNow.entries()].filter(([, n]) => n !== 0).map(([area, n]) => [area, n]),
  );
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
    if (!this.categories) this.categories = await loadCategoryLevels(db);
    const missingCategory = cases.some((c) => c.category_id !== null && !this.categories?.has(c.category_id));
    const missingCounty = cases.some((c) => !this.counties?.has(c.county_code));
    if (missingCategory) this.categories = await loadCategoryLevels(db);
    if (!this.counties || missingCounty) this.counties = await loadCountyAreas(db);
    const byCase = new Map<number, RollupEvent[]>();
    for (const e of events) {
      let list = byCase.get(e.case_id);
      if (!list) {
        list = [];
        byCase.set(e.case_id, list);
      }
      list.push(toRollupEvent(e));
    }
    const acc = new Accumulator();
    for (const c of cases) {
      const list = byCase.get(c.id);
      if (!list) continue;
      const facts = caseFacts(list, { ownerOrgId: c.owner_org_id ?? 0, gridId: c.grid_id ?? 0 }, wanted);
      acc.addCase(c, facts, this.categories, this.counties.get(c.county_code) ?? 0);
    }
    await flush(db, acc);
  }
}

/** Empties every rollup table (inside the rebuild's transaction). */
export async function clearRollups(db: Db): Promise<void> {
  for (const table of [
    'rollup_case_day',
    'rollup_unit_day',
    'rollup_area_day',
    'rollup_duration_day',
    'rollup_area_now',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}
