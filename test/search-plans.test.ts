// Full-text search of a common word and of a rare one (issue 22): the plan chosen for the text (the GIN index, a
// walk of the time order testing each case's text, or time windows read back from now) must not change the answer — the same cases, in the same order,
// with the same capped total, inside the principal's scope — for 分析研判's search and for the case list's `q`.
// The answers are checked against lists worked out here from the generated cases. On PGlite, and on PostgreSQL
// when TEST_DATABASE_URL is set.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTsQuery, queryTerms, searchDocument } from '../src/domain/analysis/index.js';
import { jiebaSegmenter } from '../src/domain/text/index.js';
import { chooseTextPlan, forceTextPlan, type TextPlan } from '../src/modules/cases/text-plan.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};

const COMMON = '风筝';
const RARE = '萤火虫';
const CASES = 10_500;
/** The search ranks among this many newest matches and counts up to COUNT_CAP (analysis-service.ts). */
const RANK_WINDOW = 2000;
const COUNT_CAP = 10_000;

// Four texts: the common word once (c1) or three times (c3, ranked higher), neither word, the rare word.
const TEXTS = {
  c1: { title: '公园树枝缠线', body: '公园东门的大树上挂着一个风筝，线缠在树枝上，请派人清理。' },
  c3: { title: '风筝线缠绕电线', body: '广场上放风筝的人很多，风筝线缠在电线上，很危险。' },
  none: { title: '路面积水', body: '小区门口路面积水严重，行人无法通过。' },
  rare: { title: '河边萤火虫栖息地被破坏', body: '河边的萤火虫栖息地被施工破坏，希望保护。' },
} as const;
type Kind = keyof typeof TEXTS;

interface Generated {
  id: number;
  i: number;
  kind: Kind;
  town: number;
  foreign: number[];
  reportedAt: number;
}
let cases: Generated[] = [];
const org = {} as { townA: number; townB: number; villageA: number; villageB: number; gridA: number; gridB: number };

/** Case i: town A when even, B when odd; a few of B's stood to by town A (a foreign unit); three cases a minute. */
function kindOf(i: number): Kind {
  if (i % 1000 === 0 || i % 1000 === 525) return 'rare';
  if (i % 25 === 0) return 'none';
  return i % 7 === 0 ? 'c3' : 'c1';
}

beforeAll(async () => {
  sys = await startTestSystem();
  for (const name of ['admin', 'county', 'town', 'town2']) as[name] = await sys.login(name);
  const me = async (h: Headers) => (await sys.json('GET', '/api/auth/me', h)).body;
  org.townA = (await me(as.town as Headers)).org.id;
  org.townB = (await me(as.town2 as Headers)).org.id;
  const admin = as.admin as Headers;
  const firstChild = async (parentId: number, kind: string) =>
    (await sys.json('GET', `/api/orgs?parentId=${parentId}&kind=${kind}&limit=1`, admin)).body.items[0].id as number;
  org.villageA = await firstChild(org.townA, 'village');
  org.gridA = await firstChild(org.villageA, 'grid');
  org.villageB = await firstChild(org.townB, 'village');
  org.gridB = await firstChild(org.villageB, 'grid');

  // The words must be new to the demo county, so that the lists below are the whole answer.
  for (const word of [COMMON, RARE]) {
    const r = await sys.json('GET', `/api/analysis/search?q=${encodeURIComponent(word)}`, as.county as Headers);
    expect(r.body.total).toBe(0);
  }

  const seg = jiebaSegmenter();
  const kinds = Object.keys(TEXTS) as Kind[];
  const docs = kinds.map((k) => searchDocument([TEXTS[k].title, TEXTS[k].body], seg));
  const base = sys.services.clock.now().getTime() - 86_400_000;
  const kindSql = (col: 'title' | 'body') =>
    sql.raw(`CASE g.k ${kinds.map((k, n) => `WHEN ${n} THEN '${TEXTS[k][col]}'`).join(' ')} END`);
  const ks = Array.from({ length: CASES }, (_, i) => kinds.indexOf(kindOf(i)));
  await sql`
    INSERT INTO cases (number, county_code, channel, title, body, status, town_id, village_id, grid_id, owner_org_id,
                       unit_ids, reported_at, created_at, updated_at, search_vector)
    SELECT 'SP-' || g.i, '330788', 'citizen_app', ${kindSql('title')}, ${kindSql('body')}, 'handling',
           CASE WHEN g.i % 2 = 0 THEN ${org.townA}::int ELSE ${org.townB}::int END,
           CASE WHEN g.i % 2 = 0 THEN ${org.villageA}::int ELSE ${org.villageB}::int END,
           CASE WHEN g.i % 2 = 0 THEN ${org.gridA}::int ELSE ${org.gridB}::int END,
           CASE WHEN g.i % 2 = 0 THEN ${org.townA}::int ELSE ${org.townB}::int END,
           CASE WHEN g.i % 2 = 0 THEN ARRAY[${org.townA}::int]
                WHEN g.i % 250 = 1 THEN ARRAY[${org.townB}::int, ${org.townA}::int]
                ELSE ARRAY[${org.townB}::int] END,
           t.at, t.at, t.at,
           to_tsvector('simple', (${sql.val(docs)}::text[])[g.k + 1])
    FROM unnest(${sql.val(ks)}::int[]) WITH ORDINALITY AS g0(k, n)
    CROSS JOIN LATERAL (SELECT (g0.n - 1)::int AS i, g0.k) g
    CROSS JOIN LATERAL (SELECT to_timestamp((${base}::float8 - floor(g.i / 3) * 60000) / 1000) AS at) t`.execute(
    sys.services.db,
  );
  await sql`ANALYZE cases`.execute(sys.services.db);
  const rows = await sys.services.db
    .selectFrom('cases')
    .select(['id', 'number', 'unit_ids', 'town_id', 'reported_at'])
    .where('number', 'like', 'SP-%')
    .execute();
  cases = rows.map((r) => {
    const i = Number(r.number.slice(3));
    return {
      id: Number(r.id),
      i,
      kind: kindOf(i),
      town: Number(r.town_id),
      foreign: (r.unit_ids ?? []).map(Number).filter((u) => u !== Number(r.town_id)),
      reportedAt: new Date(r.reported_at).getTime(),
    };
  });
  expect(cases).toHaveLength(CASES);
}, 120_000);

afterAll(async () => {
  forceTextPlan(null);
  await sys?.stop();
});

type Who = 'county' | 'town' | 'town2';
function visible(who: Who, c: Generated): boolean {
  if (who === 'county') return true;
  const town = who === 'town' ? org.townA : org.townB;
  return c.town === town || c.foreign.includes(town);
}
const newestFirst = (a: Generated, b: Generated) => b.reportedAt - a.reportedAt || b.id - a.id;

/** The matches of a word a principal may see, newest first. */
function matches(who: Who, word: string, since?: number): Generated[] {
  const kinds: Kind[] = word === COMMON ? ['c1', 'c3'] : ['rare'];
  return cases
    .filter((c) => kinds.includes(c.kind) && visible(who, c) && (since === undefined || c.reportedAt >= since))
    .sort(newestFirst);
}

/** The search's order: the RANK_WINDOW newest matches, the more frequent word first, then newest first. */
function searchOrder(found: Generated[]): number[] {
  const strength = (c: Generated) => (c.kind === 'c3' ? 1 : 0);
  return found
    .slice(0, RANK_WINDOW)
    .sort((a, b) => strength(b) - strength(a) || newestFirst(a, b))
    .map((c) => c.id);
}

// 'time-window' reads by windows in the search; the case list (ordered otherwise) walks the time order for it.
const PLANS: (TextPlan | null)[] = ['text-index', 'time-order', 'time-window', null];

describe.each(PLANS)('the text plan %s', (plan) => {
  beforeAll(() => forceTextPlan(plan));

  it.each<Who>(['county', 'town', 'town2'])(
    'searches a common word as %s: newest matches ranked, total capped',
    async (who) => {
      const found = matches(who, COMMON);
      const expected = searchOrder(found);
      for (const page of [1, 2, 10, 20, 21]) {
        const r = await sys.json(
          'GET',
          `/api/analysis/search?q=${encodeURIComponent(COMMON)}&page=${page}&pageSize=100`,
          as[who] as Headers,
        );
        expect(r.status).toBe(200);
        expect(r.body.items.map((c: { id: number }) => c.id)).toEqual(expected.slice((page - 1) * 100, page * 100));
        expect(r.body.total).toBe(Math.min(found.length, COUNT_CAP));
        expect(r.body.totalCapped).toBe(found.length > COUNT_CAP);
      }
    },
  );

  it.each<Who>(['county', 'town', 'town2'])('searches a rare word as %s', async (who) => {
    const found = matches(who, RARE);
    expect(found.length).toBeGreaterThan(5);
    const r = await sys.json(
      'GET',
      `/api/analysis/search?q=${encodeURIComponent(RARE)}&pageSize=100`,
      as[who] as Headers,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((c: { id: number }) => c.id)).toEqual(searchOrder(found));
    expect(r.body.total).toBe(found.length);
    expect(r.body.totalCapped).toBe(false);
  });

  it('searches a common word within a period, in a town picked by the county', async () => {
    const since = cases.find((c) => c.i === 3000)?.reportedAt as number;
    const found = matches('county', COMMON, since).filter((c) => c.town === org.townB);
    const from = new Date(since).toISOString();
    const r = await sys.json(
      'GET',
      `/api/analysis/search?q=${encodeURIComponent(COMMON)}&townId=${org.townB}&from=${from}&pageSize=100`,
      as.county as Headers,
    );
    expect(r.body.items.map((c: { id: number }) => c.id)).toEqual(searchOrder(found).slice(0, 100));
    expect(r.body.total).toBe(found.length);
  });

  it.each<Who>(['county', 'town'])(
    'lists the cases matching a common and a rare word as %s, newest first',
    async (who) => {
      for (const word of [COMMON, RARE]) {
        const found = matches(who, word).map((c) => c.id);
        for (const page of [1, 3]) {
          const r = await sys.json(
            'GET',
            `/api/cases?q=${encodeURIComponent(word)}&sort=reported&page=${page}&pageSize=50`,
            as[who] as Headers,
          );
          expect(r.status).toBe(200);
          expect(r.body.items.map((c: { id: number }) => c.id)).toEqual(found.slice((page - 1) * 50, page * 50));
          expect(r.body.total).toBe(Math.min(found.length, COUNT_CAP));
          expect(!!r.body.totalCapped).toBe(found.length > COUNT_CAP);
        }
      }
    },
  );
});

describe('the choice of plan', () => {
  // the same condition the search builds for the county: its cases, the word
  const county = () => sys.services.db.selectFrom('cases').where('cases.county_code', '=', '330788');
  const tsq = (word: string) => buildTsQuery(queryTerms(word, jiebaSegmenter())) as string;

  it('walks the time order for the common word and takes the text index for the rare one', async () => {
    forceTextPlan(null);
    expect(await chooseTextPlan(sys.services.db, county(), tsq(COMMON), RANK_WINDOW)).toBe('time-order');
    expect(await chooseTextPlan(sys.services.db, county(), tsq(RARE), RANK_WINDOW)).toBe('text-index');
  });

  it('reads by windows a word with many more matches than wanted but too few for the walk, where it can', async () => {
    forceTextPlan(null);
    // the rare word has about twenty matches: for one wanted, windows (without them, the text index: the walk would
    // read ~500 cases per match)
    expect(await chooseTextPlan(sys.services.db, county(), tsq(RARE), 1, true)).toBe('time-window');
    expect(await chooseTextPlan(sys.services.db, county(), tsq(RARE), 1, false)).toBe('text-index');
    // the common word is in nearly every case: the walk, windows or not
    expect(await chooseTextPlan(sys.services.db, county(), tsq(COMMON), RANK_WINDOW, true)).toBe('time-order');
    expect(await chooseTextPlan(sys.services.db, county(), tsq(RARE), RANK_WINDOW, true)).toBe('text-index');
  });
});
