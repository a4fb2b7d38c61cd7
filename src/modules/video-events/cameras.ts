// The camera registry (摄像头台账): code, name, point, platform, active; the grid is computed from the point
// and must lie in the principal's area. Kept by hand or imported (import-cameras.ts); every change audited.
import { sql, type Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import type { VideoDeps } from './video-deps.js';
import { camerasVisibleTo } from './video-scope.js';

export interface CameraInput {
  code: string;
  name: string;
  lat: number;
  lng: number;
  platform?: string | null;
  active?: boolean;
}

export interface CameraView {
  id: number;
  code: string;
  name: string;
  lat: number;
  lng: number;
  platform: string;
  active: boolean;
  version: number;
  grid: { id: number; name: string };
  village: { id: number; name: string } | null;
  town: { id: number; name: string } | null;
  updatedAt: Date;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-.:]{0,99}$/;

export interface CameraProblem {
  field: keyof CameraInput;
  message: string;
}

/** The field rules of a camera, shared by the form and the import (which reports them per row). */
export function cameraProblems(input: Partial<Record<keyof CameraInput, unknown>>): CameraProblem[] {
  const problems: CameraProblem[] = [];
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!code) problems.push({ field: 'code', message: '摄像头编号不能为空' });
  else if (!CODE_PATTERN.test(code))
    problems.push({ field: 'code', message: `摄像头编号「${code}」只能包含字母、数字和 _-.:，最长 100 位` });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) problems.push({ field: 'name', message: '摄像头名称不能为空' });
  else if (name.length > 100) problems.push({ field: 'name', message: '摄像头名称不能超过 100 字' });
  if (typeof input.lat !== 'number' || !Number.isFinite(input.lat) || Math.abs(input.lat) > 90)
    problems.push({ field: 'lat', message: '纬度须为 -90 到 90 之间的数字' });
  if (typeof input.lng !== 'number' || !Number.isFinite(input.lng) || Math.abs(input.lng) > 180)
    problems.push({ field: 'lng', message: '经度须为 -180 到 180 之间的数字' });
  if (typeof input.platform === 'string' && input.platform.length > 100)
    problems.push({ field: 'platform', message: '平台名称不能超过 100 字' });
  return problems;
}

/** The grid of a point, which must lie in the principal's area (the county platform: anywhere in its county). */
export async function gridOfPoint(
  deps: Pick<VideoDeps, 'db' | 'orgs'>,
  principal: Principal,
  lat: number,
  lng: number,
): Promise<{ gridId: number; countyCode: string }> {
  let located: Awaited<ReturnType<VideoDeps['orgs']['locate']>>;
  try {
    located = await deps.orgs.locate(lat, lng);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: '该位置不在本县任何网格内', details: { field: 'lat' } });
  }
  const grid = await deps.db
    .selectFrom('orgs')
    .select(['id', 'path', 'county_code'])
    .where('id', '=', located.grid.id)
    .executeTakeFirstOrThrow();
  if (grid.county_code !== principal.countyCode || !grid.path.startsWith(principal.scopePath ?? '∅')) {
    throw new AppError('OUTSIDE_SCOPE', { message: '该位置不在您的管辖范围内', details: { field: 'lat' } });
  }
  return { gridId: grid.id, countyCode: grid.county_code };
}

function invalid(problems: CameraProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', {
    message: problems.map((p) => p.message).join('；'),
    details: { field: problems[0]?.field, problems },
  });
}

export async function listCameras(
  deps: Pick<VideoDeps, 'db'>,
  principal: Principal,
  query: { q?: string; active?: boolean } = {},
): Promise<{ items: CameraView[] }> {
  let q = deps.db
    .selectFrom('video_cameras')
    .innerJoin('orgs as g', 'g.id', 'video_cameras.grid_id')
    .leftJoin('orgs as v', 'v.id', 'g.parent_id')
    .leftJoin('orgs as t', 't.id', 'v.parent_id')
    .selectAll('video_cameras')
    .select(['g.name as grid_name', 'v.id as village_id', 'v.name as village_name', 't.id as town_id'])
    .select('t.name as town_name')
    .where(camerasVisibleTo(principal))
    .orderBy('video_cameras.code');
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('video_cameras.code', 'like', like), eb('video_cameras.name', 'like', like)]));
  }
  if (query.active !== undefined) q = q.where('video_cameras.active', '=', query.active);
  const rows = await q.limit(2000).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      lat: r.lat,
      lng: r.lng,
      platform: r.platform,
      active: r.active,
      version: r.version,
      grid: { id: r.grid_id, name: r.grid_name },
      village: r.village_id ? { id: r.village_id, name: r.village_name ?? '' } : null,
      town: r.town_id ? { id: r.town_id, name: r.town_name ?? '' } : null,
      updatedAt: r.updated_at,
    })),
  };
}

async function cameraById(deps: Pick<VideoDeps, 'db'>, principal: Principal, id: number): Promise<CameraView> {
  const found = (await listCameras(deps, principal)).items.find((c) => c.id === id);
  if (!found) throw new AppError('VIDEO_CAMERA_NOT_FOUND', { details: { cameraId: id } });
  return found;
}

/** Writes one camera (insert or update by code) inside the caller's transaction. */
export async function writeCamera(
  trx: Transaction<DB>,
  now: Date,
  countyCode: string,
  gridId: number,
  input: CameraInput,
  existingId: number | null,
): Promise<number> {
  const fields = {
    name: input.name.trim(),
    lat: input.lat,
    lng: input.lng,
    grid_id: gridId,
    platform: input.platform?.trim() ?? '',
    active: input.active ?? true,
    updated_at: now,
  };
  if (existingId !== null) {
    await trx
      .updateTable('video_cameras')
      .set({ ...fields, code: input.code.trim(), version: sql`version + 1` })
      .where('id', '=', existingId)
      .execute();
    return existingId;
  }
  const row = await trx
    .insertInto('video_cameras')
    .values({ ...fields, county_code: countyCode, code: input.code.trim(), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createCamera(deps: VideoDeps, principal: Principal, input: CameraInput): Promise<CameraView> {
  const problems = cameraProblems(input);
  if (problems.length) throw invalid(problems);
  const { gridId, countyCode } = await gridOfPoint(deps, principal, input.lat, input.lng);
  const taken = await deps.db
    .selectFrom('video_cameras')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('code', '=', input.code.trim())
    .executeTakeFirst();
  if (taken) {
    throw new AppError('DUPLICATE', {
      message: `摄像头编号「${input.code.trim()}」已登记`,
      details: { field: 'code' },
    });
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await writeCamera(trx, deps.clock.now(), countyCode, gridId, input, null);
    await deps.audit.record(
      principal,
      { action: 'video.camera.create', targetType: 'video_camera', targetId: id, details: { code: input.code } },
      trx,
    );
    return id;
  });
  return cameraById(deps, principal, id);
}

export async function updateCamera(
  deps: VideoDeps,
  principal: Principal,
  id: number,
  input: CameraInput & { version: number },
): Promise<CameraView> {
  const current = await cameraById(deps, principal, id);
  const problems = cameraProblems(input);
  if (problems.length) throw invalid(problems);
  const { gridId, countyCode } = await gridOfPoint(deps, principal, input.lat, input.lng);
  if (input.code.trim() !== current.code) {
    const taken = await deps.db
      .selectFrom('video_cameras')
      .select('id')
      .where('county_code', '=', countyCode)
      .where('code', '=', input.code.trim())
      .executeTakeFirst();
    if (taken) {
      throw new AppError('DUPLICATE', {
        message: `摄像头编号「${input.code.trim()}」已登记`,
        details: { field: 'code' },
      });
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('video_cameras')
      .select('version')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.version !== input.version) {
      throw new AppError('VIDEO_VERSION_CONFLICT', { details: { current: row.version, yours: input.version } });
    }
    await writeCamera(trx, deps.clock.now(), countyCode, gridId, input, id);
    await deps.audit.record(
      principal,
      {
        action: 'video.camera.update',
        targetType: 'video_camera',
        targetId: id,
        details: { code: input.code, active: input.active ?? true },
      },
      trx,
    );
  });
  return cameraById(deps, principal, id);
}
