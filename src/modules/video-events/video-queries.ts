// Reading video events: the list (filters, newest first), the events of one case (the case page's card),
// and each event's finding, taken from its case — the grid's 核实 finding on the case's timeline.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findingOfCase, type VideoFinding } from '../../domain/video/index.js';
import type { Principal } from '../auth/principal.js';
import { assertCaseVisible } from '../cases/index.js';
import { videoEventsVisibleTo } from './video-scope.js';

export interface VideoEventView {
  id: number;
  eventId: string;
  type: string;
  camera: { id: number; code: string; name: string };
  grid: { id: number; name: string };
  lat: number;
  lng: number;
  detectedAt: Date;
  receivedAt: Date;
  confidence: number;
  snapshot: { id: string; url: string; thumbnailUrl: string };
  case: { id: number; number: string; state: string };
  openedCase: boolean;
  finding: VideoFinding;
  /** The grid worker's reason when the event's case was dismissed as a false alarm. */
  dismissalReason: string | null;
}

export interface VideoEventQuery {
  cameraId?: number;
  type?: string;
  finding?: VideoFinding;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The finding of each case (its latest 核实 on the timeline) and a dismissal's reason. */
export async function findingsOf(
  db: Kysely<DB>,
  cases: readonly { id: number; status: string }[],
): Promise<Map<number, { finding: VideoFinding; reason: string | null }>> {
  const out = new Map<number, { finding: VideoFinding; reason: string | null }>();
  if (cases.length === 0) return out;
  const verified = new Map<number, { finding: 'confirmed' | 'not_confirmed'; notes: string | null }>();
  const ids = [...new Set(cases.map((c) => c.id))];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'details'])
      .where('type', '=', 'verify')
      .where('case_id', '=', sql<number>`any(${sql.val(ids.slice(i, i + 1000))}::bigint[])`)
      .orderBy('case_id')
      .orderBy('version')
      .execute();
    for (const r of rows) {
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as {
        finding?: 'confirmed' | 'not_confirmed';
        notes?: string;
      };
      if (details.finding) verified.set(r.case_id, { finding: details.finding, notes: details.notes ?? null });
    }
  }
  for (const c of cases) {
    const v = verified.get(c.id);
    const finding = findingOfCase(c.status, v?.finding ?? null);
    out.set(c.id, { finding, reason: finding === 'dismissed' ? (v?.notes ?? null) : null });
  }
  return out;
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('video_events')
    .innerJoin('video_cameras as cam', 'cam.id', 'video_events.camera_id')
    .innerJoin('orgs as g', 'g.id', 'video_events.grid_id')
    .innerJoin('cases as c', 'c.id', 'video_events.case_id')
    .select([
      'video_events.id',
      'video_events.event_id',
      'video_events.type',
      'video_events.lat',
      'video_events.lng',
      'video_events.detected_at',
      'video_events.received_at',
      'video_events.confidence',
      'video_events.snapshot_id',
      'video_events.case_id',
      'video_events.opened_case',
      'video_events.grid_id',
      'g.name as grid_name',
      'cam.id as camera_id',
      'cam.code as camera_code',
      'cam.name as camera_name',
      'c.number as case_number',
      'c.status as case_status',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function views(db: Kysely<DB>, rows: Row[]): Promise<VideoEventView[]> {
  const findings = await findingsOf(
    db,
    rows.map((r) => ({ id: r.case_id, status: r.case_status })),
  );
  return rows.map((r) => {
    const f = findings.get(r.case_id) ?? { finding: 'pending' as const, reason: null };
    return {
      id: r.id,
      eventId: r.event_id,
      type: r.type,
      camera: { id: r.camera_id, code: r.camera_code, name: r.camera_name },
      grid: { id: r.grid_id, name: r.grid_name },
      lat: r.lat,
      lng: r.lng,
      detectedAt: r.detected_at,
      receivedAt: r.received_at,
      confidence: r.confidence,
      snapshot: {
        id: r.snapshot_id,
        url: `/api/attachments/${r.snapshot_id}`,
        thumbnailUrl: `/api/attachments/${r.snapshot_id}/thumbnail`,
      },
      case: { id: r.case_id, number: r.case_number, state: r.case_status },
      openedCase: r.opened_case,
      finding: f.finding,
      dismissalReason: f.reason,
    };
  });
}

/** Start of a China day (UTC+8) as an instant. */
export const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function listVideoEvents(
  db: Kysely<DB>,
  principal: Principal,
  query: VideoEventQuery,
): Promise<{ items: VideoEventView[]; total: number }> {
  let q = baseQuery(db).where(videoEventsVisibleTo(principal));
  if (query.cameraId) q = q.where('video_events.camera_id', '=', query.cameraId);
  if (query.type) q = q.where('video_events.type', '=', query.type);
  if (query.from) q = q.where('video_events.detected_at', '>=', chinaDayStart(query.from));
  if (query.to) q = q.where('video_events.detected_at', '<', new Date(chinaDayStart(query.to).getTime() + 86_400_000));
  const pageSize = Math.min(query.pageSize ?? 50, 200);
  const page = query.page ?? 1;
  if (query.finding) {
    // The finding lives on the case: filter after reading (the list is bounded by the period).
    const all = await views(
      db,
      await q.orderBy('video_events.detected_at', 'desc').orderBy('video_events.id', 'desc').limit(5000).execute(),
    );
    const matching = all.filter((v) => v.finding === query.finding);
    return { items: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length };
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('video_events.detected_at', 'desc')
    .orderBy('video_events.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await views(db, rows), total: Number(total.n) };
}

/** The events of a case, oldest first, for whoever sees the case (a department it was dispatched to too). */
export async function eventsOfCase(db: Kysely<DB>, principal: Principal, caseId: number): Promise<VideoEventView[]> {
  await assertCaseVisible(db, caseId, principal);
  const rows = await baseQuery(db)
    .where('video_events.case_id', '=', caseId)
    .orderBy('video_events.detected_at')
    .orderBy('video_events.id')
    .execute();
  return views(db, rows);
}
