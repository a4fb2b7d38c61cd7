// 视频事件统计 for the dashboards: per camera and type, events and the false-alarm rate (dismissed ÷ verified,
// src/domain/video/false-alarm.ts); per day, the events received and the cases they opened. A period of China
// days, within the principal's scope.
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { countFindings, type FalseAlarmCount, falseAlarmRate } from '../../domain/video/index.js';
import type { Principal } from '../auth/principal.js';
import { chinaDayStart, findingsOf } from './video-queries.js';
import { videoEventsVisibleTo } from './video-scope.js';

export interface VideoStats {
  from: string;
  to: string;
  total: FalseAlarmCount;
  byCameraType: (FalseAlarmCount & { camera: { id: number; code: string; name: string }; type: string })[];
  byDay: { day: string; events: number; cases: number }[];
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export async function videoStats(
  db: Kysely<DB>,
  principal: Principal,
  range: { from: string; to: string },
): Promise<VideoStats> {
  if (!DAY_PATTERN.test(range.from) || !DAY_PATTERN.test(range.to) || range.from > range.to) {
    throw new AppError('VALIDATION_FAILED', { message: '统计期间不正确', details: { field: 'from' } });
  }
  const start = chinaDayStart(range.from);
  const end = new Date(chinaDayStart(range.to).getTime() + 86_400_000);
  if (end.getTime() - start.getTime() > 367 * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', { message: '统计期间不能超过一年', details: { field: 'to' } });
  }
  const inPeriod = db
    .selectFrom('video_events')
    .where(videoEventsVisibleTo(principal))
    .where('video_events.detected_at', '>=', start)
    .where('video_events.detected_at', '<', end);

  // events per camera × type × case: the finding is the case's
  const groups = await inPeriod
    .innerJoin('video_cameras as cam', 'cam.id', 'video_events.camera_id')
    .innerJoin('cases', 'cases.id', 'video_events.case_id')
    .select(['cam.id as camera_id', 'cam.code', 'cam.name', 'video_events.type', 'video_events.case_id'])
    .select(['cases.status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['cam.id', 'cam.code', 'cam.name', 'video_events.type', 'video_events.case_id', 'cases.status'])
    .execute();
  const findings = await findingsOf(
    db,
    groups.map((g) => ({ id: g.case_id, status: g.status })),
  );
  const expanded = groups.flatMap((g) => {
    const finding = findings.get(g.case_id)?.finding ?? 'pending';
    const key = { camera: { id: g.camera_id, code: g.code, name: g.name }, type: g.type };
    return Array.from({ length: Number(g.n) }, () => ({ key, finding }));
  });
  const byKey = countFindings(expanded, (k) => `${k.camera.id}|${k.type}`);
  const byCameraType = [...byKey.values()]
    .map(({ key, ...counts }) => ({ ...counts, camera: key.camera, type: key.type }))
    .sort(
      (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.events - a.events || a.camera.code.localeCompare(b.camera.code),
    );
  const sum = (k: 'events' | 'confirmed' | 'dismissed' | 'pending') => byCameraType.reduce((s, r) => s + r[k], 0);
  const confirmed = sum('confirmed');
  const dismissed = sum('dismissed');

  const dayExpr = sql<string>`to_char((video_events.detected_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const days = await inPeriod
    .select([
      dayExpr.as('day'),
      (eb) => eb.fn.countAll<string>().as('events'),
      sql<string>`count(*) FILTER (WHERE video_events.opened_case)`.as('cases'),
    ])
    .groupBy(dayExpr)
    .orderBy(dayExpr)
    .execute();
  return {
    from: range.from,
    to: range.to,
    total: {
      events: sum('events'),
      confirmed,
      dismissed,
      pending: sum('pending'),
      rate: falseAlarmRate(confirmed, dismissed),
    },
    byCameraType,
    byDay: days.map((d) => ({ day: d.day, events: Number(d.events), cases: Number(d.cases) })),
  };
}
