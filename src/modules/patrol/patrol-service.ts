// The grid worker's patrol log (巡查日志): start a patrol, record points along the way, end it. A worker writes
// only their own patrols; reading follows the organisation tree (the grid's village, town and county see it).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { trackLengthMetres } from '../../domain/patrol/patrol-track.js';
import type { Principal } from '../auth/principal.js';
import type { OrgService } from '../orgs/org-service.js';

export const MAX_PATROL_PHOTOS = 9;

export interface PatrolPointView {
  seq: number;
  at: string;
  lat: number;
  lng: number;
  accuracyM: number | null;
  inGrid: boolean;
  note: string | null;
  attachmentIds: string[];
  caseId: number | null;
}

export interface PatrolView {
  id: number;
  gridId: number;
  gridName: string;
  userId: number;
  workerName: string;
  startedAt: string;
  endedAt: string | null;
  open: boolean;
  summary: string | null;
  pointCount: number;
  distanceM: number | null;
  version: number;
  points?: PatrolPointView[];
}

export interface NewPatrolPoint {
  lat: number;
  lng: number;
  accuracyM?: number | null;
  note?: string | null;
  attachmentIds?: string[];
  caseId?: number | null;
}

export interface PatrolFilter {
  gridId?: number;
  userId?: number;
  open?: boolean;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The grid a grid worker patrols; anyone else is refused. */
export function patrolGridOf(principal: Principal): number {
  if (principal.role !== 'grid_worker' || principal.orgKind !== 'grid' || !principal.orgId || !principal.userId) {
    throw new AppError('GRID_WORKER_ONLY');
  }
  return principal.orgId;
}

export class PatrolService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly orgs: OrgService,
  ) {}

  private baseQuery() {
    return this.db
      .selectFrom('patrols as p')
      .innerJoin('orgs as g', 'g.id', 'p.grid_id')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .selectAll('p')
      .select(['g.name as grid_name', 'g.path as grid_path', 'u.display_name as worker_name']);
  }

  private toView(row: {
    id: number;
    grid_id: number;
    grid_name: string;
    user_id: number;
    worker_name: string;
    started_at: Date | string;
    ended_at: Date | string | null;
    summary: string | null;
    point_count: number;
    distance_m: number | null;
    version: number;
  }): PatrolView {
    return {
      id: row.id,
      gridId: row.grid_id,
      gridName: row.grid_name,
      userId: row.user_id,
      workerName: row.worker_name,
      startedAt: iso(row.started_at) as string,
      endedAt: iso(row.ended_at),
      open: row.ended_at === null,
      summary: row.summary,
      pointCount: row.point_count,
      distanceM: row.distance_m,
      version: row.version,
    };
  }

  private async points(patrolId: number): Promise<PatrolPointView[]> {
    const rows = await this.db
      .selectFrom('patrol_points')
      .selectAll()
      .where('patrol_id', '=', patrolId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: iso(r.at) as string,
      lat: r.lat,
      lng: r.lng,
      accuracyM: r.accuracy_m,
      inGrid: r.in_grid,
      note: r.note,
      attachmentIds: r.attachment_ids,
      caseId: r.case_id,
    }));
  }

  /** Starts a patrol; a worker with a patrol already open gets that one back (a double tap starts one). */
  async start(principal: Principal): Promise<{ patrol: PatrolView; created: boolean }> {
    const gridId = patrolGridOf(principal);
    const userId = principal.userId as number;
    const now = this.clock.now();
    const inserted = await this.db
      .insertInto('patrols')
      .values({
        county_code: principal.countyCode ?? '',
        grid_id: gridId,
        user_id: userId,
        started_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('user_id').where('ended_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    const open = await this.current(principal);
    if (!open) throw new AppError('INTERNAL');
    return { patrol: open, created: !!inserted };
  }

  /** The worker's open patrol with its points, or null. */
  async current(principal: Principal): Promise<PatrolView | null> {
    patrolGridOf(principal);
    const row = await this.baseQuery()
      .where('p.user_id', '=', principal.userId as number)
      .where('p.ended_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    return { ...this.toView(row), points: await this.points(row.id) };
  }

  async list(principal: Principal, filter: PatrolFilter): Promise<{ items: PatrolView[]; total: number }> {
    let query = this.baseQuery().where('g.path', 'like', `${principal.scopePath ?? '∅'}%`);
    if (filter.gridId !== undefined) query = query.where('p.grid_id', '=', filter.gridId);
    if (filter.userId !== undefined) query = query.where('p.user_id', '=', filter.userId);
    if (filter.open !== undefined) query = query.where('p.ended_at', filter.open ? 'is' : 'is not', null);
    if (filter.from) query = query.where('p.started_at', '>=', new Date(filter.from));
    if (filter.to) query = query.where('p.started_at', '<', new Date(filter.to));
    const [rows, count] = await Promise.all([
      query.orderBy('p.started_at', 'desc').orderBy('p.id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.toView(r)), total: Number(count.n) };
  }

  /** One patrol with its points; outside the principal's subtree it does not exist. */
  async get(principal: Principal, id: number): Promise<PatrolView> {
    const row = await this.baseQuery()
      .where('p.id', '=', id)
      .where('g.path', 'like', `${principal.scopePath ?? '∅'}%`)
      .executeTakeFirst();
    if (!row) throw new AppError('PATROL_NOT_FOUND');
    return { ...this.toView(row), points: await this.points(row.id) };
  }

  /** The worker's own patrol, for writing; anyone else's answers "not found". */
  private async own(principal: Principal, id: number) {
    patrolGridOf(principal);
    const row = await this.db
      .selectFrom('patrols')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', principal.userId as number)
      .executeTakeFirst();
    if (!row) throw new AppError('PATROL_NOT_FOUND');
    return row;
  }

  /** Records a point on an open patrol: where, when, how precise, a note and photos. */
  async addPoint(principal: Principal, id: number, point: NewPatrolPoint): Promise<PatrolPointView> {
    const patrol = await this.own(principal, id);
    if (patrol.ended_at !== null) throw new AppError('PATROL_ENDED');
    const note = point.note?.trim() || null;
    if (note && note.length > 500) {
      throw new AppError('VALIDATION_FAILED', {
        message: '巡查备注最多 500 字',
        details: { fields: [{ field: 'note', problem: 'too long' }] },
      });
    }
    const attachmentIds = point.attachmentIds ?? [];
    if (attachmentIds.length > MAX_PATROL_PHOTOS) {
      throw new AppError('VALIDATION_FAILED', {
        message: `每个巡查点最多 ${MAX_PATROL_PHOTOS} 张照片`,
        details: { fields: [{ field: 'attachmentIds', problem: 'too many' }] },
      });
    }
    let gridId: number;
    try {
      gridId = (await this.orgs.locate(point.lat, point.lng)).grid.id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'OUTSIDE_COUNTY') {
        throw new AppError('LOCATION_OUTSIDE_COUNTY', {
          message: '该位置不在本县范围内，无法记录为巡查点',
          details: { fields: [{ field: 'location', problem: 'outside county' }], lat: point.lat, lng: point.lng },
        });
      }
      throw error;
    }
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      // The row lock of this update orders concurrent points of one patrol.
      const bumped = await trx
        .updateTable('patrols')
        .set((eb) => ({ point_count: eb('point_count', '+', 1), version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .returning('point_count')
        .executeTakeFirst();
      if (!bumped) throw new AppError('PATROL_ENDED');
      const row = await trx
        .insertInto('patrol_points')
        .values({
          patrol_id: id,
          seq: bumped.point_count,
          at: now,
          lat: point.lat,
          lng: point.lng,
          accuracy_m: point.accuracyM ?? null,
          in_grid: gridId === patrol.grid_id,
          note,
          attachment_ids: attachmentIds,
          case_id: point.caseId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        seq: row.seq,
        at: iso(row.at) as string,
        lat: row.lat,
        lng: row.lng,
        accuracyM: row.accuracy_m,
        inGrid: row.in_grid,
        note: row.note,
        attachmentIds: row.attachment_ids,
        caseId: row.case_id,
      };
    });
  }

  /** Ends the patrol with a summary and the length of its track; ending an ended patrol returns it as it is. */
  async end(principal: Principal, id: number, summary?: string | null): Promise<PatrolView> {
    const patrol = await this.own(principal, id);
    const text = summary?.trim() || null;
    if (text && text.length > 2000) {
      throw new AppError('VALIDATION_FAILED', {
        message: '巡查小结最多 2000 字',
        details: { fields: [{ field: 'summary', problem: 'too long' }] },
      });
    }
    if (patrol.ended_at === null) {
      const now = this.clock.now();
      await this.db.transaction().execute(async (trx) => {
        // Lock the patrol first: a point being added concurrently is either counted or refused.
        await trx.selectFrom('patrols').select('id').where('id', '=', id).forUpdate().execute();
        const points = await trx
          .selectFrom('patrol_points')
          .select(['lat', 'lng', 'accuracy_m'])
          .where('patrol_id', '=', id)
          .orderBy('seq')
          .execute();
        await trx
          .updateTable('patrols')
          .set((eb) => ({
            ended_at: now,
            summary: text,
            distance_m: trackLengthMetres(points.map((p) => ({ lat: p.lat, lng: p.lng, accuracyM: p.accuracy_m }))),
            version: eb('version', '+', 1),
            updated_at: now,
          }))
          .where('id', '=', id)
          .where('ended_at', 'is', null)
          .execute();
      });
    }
    return this.get(principal, id);
  }
}
