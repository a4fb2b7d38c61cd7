// What a record's write needs beyond its own fields: the principal's reading of the tag list and today, the
// grid it is placed in (point inside the grid's polygon), its household (by code), the history entry, and the
// duplicate flag of a person registered in several grids.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import {
  catalogueOf,
  type FieldChange,
  type RecordKind,
  type RecordValues,
  type TagCatalogue,
} from '../../domain/grid-data/index.js';
import { can, type Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';
import type { Db, GridRef } from './grid-data-scope.js';

export interface ReadingContext {
  today: string;
  catalogue: TagCatalogue;
  canSeeSensitive: boolean;
}

export async function readingContext(deps: GridDataDeps, principal: Principal): Promise<ReadingContext> {
  const tags = await deps.db.selectFrom('grid_data_tags').select(['name', 'sensitive', 'active']).execute();
  return {
    today: chinaDayOf(deps.clock.now()),
    catalogue: catalogueOf(tags),
    canSeeSensitive: can(principal, 'griddata.sensitive'),
  };
}

/** A point lies inside the grid's boundary (a grid without a boundary accepts any point). */
export function pointInGrid(grid: Pick<GridRef, 'boundary'>, lng: number, lat: number): boolean {
  if (!grid.boundary) return true;
  return booleanPointInPolygon([lng, lat], grid.boundary as unknown as Polygon | MultiPolygon);
}

export interface PlacementProblem {
  field: string;
  column: string;
  reason: string;
}

/** The checks that need the grid: a place's or thing's point in it; a person's household code in its village. */
export function placementProblems(
  kind: RecordKind,
  values: RecordValues,
  grid: GridRef,
  householdOf: (code: string) => { id: number; villageId: number } | undefined,
): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (typeof values.lat === 'number' && typeof values.lng === 'number' && !pointInGrid(grid, values.lng, values.lat)) {
    problems.push({
      field: 'lng',
      column: '经度',
      reason: `坐标（${values.lng}, ${values.lat}）不在${grid.name}范围内`,
    });
  }
  if (kind === 'person' && typeof values.householdCode === 'string') {
    const h = householdOf(values.householdCode);
    if (!h || h.villageId !== grid.villageId) {
      problems.push({
        field: 'householdCode',
        column: '户编号',
        reason: `本村没有户编号为「${values.householdCode}」的户`,
      });
    }
  }
  return problems;
}

/** Households of a village by code (for a person's household link). */
export async function householdsOfVillages(db: Db, countyCode: string, villageIds: readonly number[]) {
  if (!villageIds.length) return new Map<string, { id: number; villageId: number }>();
  const rows = await db
    .selectFrom('grid_records')
    .select(['id', 'natural_key', 'village_id'])
    .where('kind', '=', 'household')
    .where('county_code', '=', countyCode)
    .where('village_id', 'in', [...villageIds])
    .where('archived', '=', false)
    .execute();
  return new Map(rows.map((r) => [r.natural_key, { id: r.id, villageId: r.village_id }]));
}

export async function writeChanges(
  trx: Transaction<DB>,
  principal: Principal | null,
  at: Date,
  entries: { recordId: number; action: 'create' | 'edit' | 'archive' | 'restore' | 'import'; changes: FieldChange[] }[],
): Promise<void> {
  if (!entries.length) return;
  await trx
    .insertInto('grid_record_changes')
    .values(
      entries.map((e) => ({
        record_id: e.recordId,
        action: e.action,
        at,
        actor_user_id: principal?.userId ?? null,
        actor_org_id: principal?.orgId ?? null,
        changes: JSON.stringify(e.changes),
      })),
    )
    .execute();
}

/**
 * Re-flags the people with these ID-number indexes: a person is a duplicate while the same number is
 * registered, not archived, in another grid of the county. Returns the indexes now registered more than once.
 */
export async function refreshDuplicates(trx: Transaction<DB>, countyCode: string, indexes: readonly string[]) {
  if (!indexes.length) return;
  await sql`
    UPDATE grid_records r SET duplicate = (
      NOT r.archived AND EXISTS (
        SELECT 1 FROM grid_records o
        WHERE o.kind = 'person' AND o.county_code = r.county_code AND o.id_index = r.id_index
          AND o.id <> r.id AND NOT o.archived
      )
    )
    WHERE r.kind = 'person' AND r.county_code = ${countyCode} AND r.id_index = ANY(${sql.val([...indexes])}::text[])
  `.execute(trx);
}
