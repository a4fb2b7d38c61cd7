// The base data's figures for a grid, a village or a town (or the county): people by residence type and by
// tag (sensitive tags only for those permitted), households, places by kind, things whose inspection is
// overdue, people registered in two grids — and the same per grid, with the grid's centre for the map.
import { sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { gridsUnder } from './grid-data-scope.js';
import { readingContext } from './record-rules.js';

export interface GridFigures {
  gridId: number;
  name: string;
  code: string;
  lat: number | null;
  lng: number | null;
  people: number;
  households: number;
  places: number;
  things: number;
  overdue: number;
  duplicates: number;
}

export async function gridDashboard(deps: GridDataDeps, principal: Principal, orgId: number) {
  const ctx = await readingContext(deps, principal);
  const grids = await gridsUnder(deps.db, principal, orgId);
  const ids = grids.map((g) => g.id);
  const empty = {
    orgId,
    people: 0,
    households: 0,
    places: 0,
    things: 0,
    overdue: 0,
    duplicates: 0,
    byResidence: {} as Record<string, number>,
    byTag: {} as Record<string, number>,
    placesByCategory: {} as Record<string, number>,
    thingsByCategory: {} as Record<string, number>,
    grids: [] as GridFigures[],
  };
  if (!ids.length) return empty;
  const scoped = () =>
    deps.db
      .selectFrom('grid_records')
      .where('grid_records.grid_id', 'in', ids)
      .where('grid_records.archived', '=', false);
  const [perGrid, categories, tags, centres] = await Promise.all([
    scoped()
      .select((eb) => [
        'grid_id',
        eb.fn.countAll<string>().filterWhere('kind', '=', 'person').as('people'),
        eb.fn.countAll<string>().filterWhere('kind', '=', 'household').as('households'),
        eb.fn.countAll<string>().filterWhere('kind', '=', 'place').as('places'),
        eb.fn.countAll<string>().filterWhere('kind', '=', 'thing').as('things'),
        eb.fn
          .countAll<string>()
          .filterWhere((w) => w.and([w('kind', '=', 'thing'), w('due_on', '<', ctx.today)]))
          .as('overdue'),
        eb.fn.countAll<string>().filterWhere('duplicate', '=', true).as('duplicates'),
      ])
      .groupBy('grid_id')
      .execute(),
    scoped()
      .select(['kind', 'category', (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', 'in', ['person', 'place', 'thing'])
      .groupBy(['kind', 'category'])
      .execute(),
    scoped()
      .select([sql<string>`unnest(tags)`.as('tag'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', '=', 'person')
      .groupBy(sql`unnest(tags)`)
      .execute(),
    deps.db.selectFrom('orgs').select(['id', 'center_lat', 'center_lng']).where('id', 'in', ids).execute(),
  ]);
  const centre = new Map(centres.map((c) => [c.id, c]));
  const figures = new Map(perGrid.map((g) => [g.grid_id, g]));
  const out = { ...empty };
  out.grids = grids.map((g) => {
    const f = figures.get(g.id);
    const c = centre.get(g.id);
    return {
      gridId: g.id,
      name: g.name,
      code: g.code,
      lat: c?.center_lat ?? null,
      lng: c?.center_lng ?? null,
      people: Number(f?.people ?? 0),
      households: Number(f?.households ?? 0),
      places: Number(f?.places ?? 0),
      things: Number(f?.things ?? 0),
      overdue: Number(f?.overdue ?? 0),
      duplicates: Number(f?.duplicates ?? 0),
    };
  });
  for (const g of out.grids) {
    out.people += g.people;
    out.households += g.households;
    out.places += g.places;
    out.things += g.things;
    out.overdue += g.overdue;
    out.duplicates += g.duplicates;
  }
  out.byResidence = {};
  out.placesByCategory = {};
  out.thingsByCategory = {};
  for (const c of categories) {
    const target =
      c.kind === 'person' ? out.byResidence : c.kind === 'place' ? out.placesByCategory : out.thingsByCategory;
    target[c.category ?? '未分类'] = Number(c.n);
  }
  out.byTag = {};
  for (const t of tags) {
    if (ctx.catalogue.sensitive.has(t.tag) && !ctx.canSeeSensitive) continue;
    out.byTag[t.tag] = Number(t.n);
  }
  return out;
}
