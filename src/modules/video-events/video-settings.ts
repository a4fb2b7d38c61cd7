// The county's aggregation window (同源事件归并时间窗): events of the same camera and type within it join
// the open case. Versioned; audited.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { DEFAULT_AGGREGATION_WINDOW_MINUTES, MAX_AGGREGATION_WINDOW_MINUTES } from '../../domain/video/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import type { VideoDeps } from './video-deps.js';

export interface VideoSettings {
  windowMinutes: number;
  version: number;
  updatedAt: Date | null;
}

export async function videoSettings(deps: Pick<VideoDeps, 'db'>, countyCode: string): Promise<VideoSettings> {
  const row = await deps.db
    .selectFrom('video_settings')
    .selectAll()
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  return row
    ? { windowMinutes: row.window_minutes, version: row.version, updatedAt: row.updated_at }
    : { windowMinutes: DEFAULT_AGGREGATION_WINDOW_MINUTES, version: 0, updatedAt: null };
}

export async function setVideoSettings(
  deps: VideoDeps,
  principal: Principal,
  input: { windowMinutes: number; version: number },
): Promise<VideoSettings> {
  const countyCode = principal.countyCode;
  if (!countyCode || !isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '同源事件归并时间窗由县级平台统一设置' });
  }
  if (!Number.isInteger(input.windowMinutes) || input.windowMinutes < 1) {
    throw new AppError('VALIDATION_FAILED', {
      message: `归并时间窗须为 1 到 ${MAX_AGGREGATION_WINDOW_MINUTES} 分钟`,
      details: { field: 'windowMinutes' },
    });
  }
  if (input.windowMinutes > MAX_AGGREGATION_WINDOW_MINUTES) {
    throw new AppError('VALIDATION_FAILED', {
      message: `归并时间窗不能超过 ${MAX_AGGREGATION_WINDOW_MINUTES} 分钟（24 小时）`,
      details: { field: 'windowMinutes' },
    });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('video_settings')
      .select(['version', 'window_minutes'])
      .where('county_code', '=', countyCode)
      .forUpdate()
      .executeTakeFirst();
    if ((current?.version ?? 0) !== input.version) {
      throw new AppError('VIDEO_VERSION_CONFLICT', { details: { current: current?.version ?? 0 } });
    }
    if (current) {
      await trx
        .updateTable('video_settings')
        .set({
          window_minutes: input.windowMinutes,
          version: sql`version + 1`,
          updated_at: now,
          updated_by: principal.userId,
        })
        .where('county_code', '=', countyCode)
        .execute();
    } else {
      await trx
        .insertInto('video_settings')
        .values({
          county_code: countyCode,
          window_minutes: input.windowMinutes,
          updated_at: now,
          updated_by: principal.userId,
        })
        .execute();
    }
    await deps.audit.record(
      principal,
      {
        action: 'video.settings.update',
        targetType: 'video_settings',
        targetId: countyCode,
        details: { windowMinutes: input.windowMinutes, previous: current?.window_minutes ?? null },
      },
      trx,
    );
  });
  return videoSettings(deps, countyCode);
}
