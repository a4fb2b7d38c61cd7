// A pushed event (视频智能分析): checked field by field (4xx naming the field), idempotent on the platform's
// event id; its camera must be registered and active; its snapshot must be an image (checked by content, as
// every upload) and is stored as an attachment. Then the aggregation rule decides: within the window of the
// open case of the same camera and type, the event joins that case (an 'amended' entry on its timeline, in
// the same transaction as the event's row); else it opens a case of channel 'video' at its grid, straight at
// 核实 with the grid's worker (the case machine's verifyFirst).
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../core/errors.js';
import { FINISHED_STATES } from '../../domain/case/index.js';
import {
  aggregationDecision,
  checkVideoEvent,
  VIDEO_EVENT_TYPES,
  type VideoEvent,
  type VideoEventInput,
} from '../../domain/video/index.js';
import type { Principal } from '../auth/principal.js';
import type { VideoDeps } from './video-deps.js';
import { videoSettings } from './video-settings.js';

export interface VideoReceipt {
  eventId: string;
  caseId: number;
  caseNumber: string;
  /** opened: a new case; attached: joined the open case of its camera and type; duplicate: pushed before. */
  result: 'opened' | 'attached' | 'duplicate';
}

/** What the case keeps of its video origin (cases.extra.video). */
export interface VideoCaseExtra {
  eventId: string;
  type: string;
  cameraCode: string;
  cameraName: string;
  confidence: number;
  detectedAt: string;
  events: number;
  lastDetectedAt: string;
}

const AMEND_ATTEMPTS = 5;
const IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** Events of one camera and type are decided one at a time in this process (see the README's caveat). */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  queues.set(key, next);
  // the caller gets `next` and its failure; this bookkeeping must not fail on its own as an unhandled rejection
  // (that stops the process: a database restart during an event would otherwise take the server down)
  next
    .finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    })
    .catch(() => {});
  return next;
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: `${field}：${message}`, details: { field } });
}

const chinaMinute = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function receiveVideoEvent(
  deps: VideoDeps,
  input: VideoEventInput,
  principal: Principal,
): Promise<VideoReceipt> {
  const countyCode = principal.countyCode;
  if (!countyCode) throw new AppError('FORBIDDEN', { message: '该 API 密钥不属于任何县' });
  const checked = checkVideoEvent(input ?? {}, deps.clock.now());
  if (!checked.ok) {
    const first = checked.error[0];
    throw new AppError('VALIDATION_FAILED', {
      message: `视频事件有误：${checked.error.map((p) => `${p.field}：${p.message}`).join('；')}`,
      details: { field: first?.field, problems: checked.error },
    });
  }
  const event = checked.value;
  const known = await eventRow(deps, countyCode, event.eventId);
  if (known) return { eventId: event.eventId, caseId: known.case_id, caseNumber: known.number, result: 'duplicate' };

  const camera = await deps.db
    .selectFrom('video_cameras')
    .select(['id', 'code', 'name', 'active'])
    .where('county_code', '=', countyCode)
    .where('code', '=', event.cameraCode)
    .executeTakeFirst();
  if (!camera?.active) {
    throw new AppError('VIDEO_CAMERA_UNKNOWN', {
      message: `cameraId：摄像头「${event.cameraCode}」${camera ? '已停用' : '未登记'}，请先在摄像头台账中登记并启用`,
      details: { field: 'cameraId' },
    });
  }
  const detected = (await fileTypeFromBuffer(event.snapshot))?.mime ?? null;
  if (!detected || !IMAGE_MIMES.has(detected)) {
    throw fieldError('snapshot', `抓拍图片须为 JPEG/PNG/WebP/GIF 图片${detected ? `，实为 ${detected}` : ''}`);
  }
  let gridId: number;
  try {
    gridId = (await deps.orgs.locate(event.lat, event.lng)).grid.id;
  } catch {
    throw fieldError('lat', '事件位置不在本县任何网格内');
  }
  const grid = await deps.db.selectFrom('orgs').select('county_code').where('id', '=', gridId).executeTakeFirst();
  if (grid?.county_code !== countyCode) throw fieldError('lat', '事件位置不在本县范围内');

  return oneAtATime(`${countyCode}|${camera.id}|${event.type}`, async () => {
    // Pushed again while the first push was still being taken.
    const again = await eventRow(deps, countyCode, event.eventId);
    if (again) return { eventId: event.eventId, caseId: again.case_id, caseNumber: again.number, result: 'duplicate' };
    const snapshot = await deps.attachments.upload(principal, {
      fileName: `${event.eventId}.${detected.split('/')[1]}`,
      claimedMime: detected,
      bytes: event.snapshot,
    });
    const row = {
      county_code: countyCode,
      event_id: event.eventId,
      camera_id: camera.id,
      type: event.type,
      lat: event.lat,
      lng: event.lng,
      grid_id: gridId,
      detected_at: event.detectedAt,
      received_at: deps.clock.now(),
      confidence: event.confidence,
      snapshot_id: snapshot.id,
      api_key_id: principal.apiKeyId,
    };
    const { windowMinutes } = await videoSettings(deps, countyCode);
    for (let attempt = 1; ; attempt++) {
      const candidate = await openCaseOf(deps, camera.id, event.type);
      const decision = aggregationDecision(
        { cameraCode: camera.code, type: event.type, detectedAt: event.detectedAt },
        candidate && { ...candidate, cameraCode: camera.code, type: event.type },
        windowMinutes,
      );
      if (decision.kind === 'open') {
        const opened = await openCase(deps, principal, event, camera, gridId, snapshot.id);
        await deps.db
          .insertInto('video_events')
          .values({ ...row, case_id: opened.id, opened_case: true })
          .onConflict((oc) => oc.columns(['county_code', 'event_id']).doNothing())
          .execute();
        return { eventId: event.eventId, caseId: opened.id, caseNumber: opened.number, result: 'opened' };
      }
      try {
        return await attach(deps, principal, event, camera, decision.caseId, row);
      } catch (error) {
        // Staff acted on the case at the same moment: read it again (it may have closed meanwhile).
        const raced = error instanceof AppError && error.code === 'CASE_VERSION_CONFLICT';
        if (!raced || attempt >= AMEND_ATTEMPTS) throw error;
      }
    }
  });
}

function eventRow(deps: Pick<VideoDeps, 'db'>, countyCode: string, eventId: string) {
  return deps.db
    .selectFrom('video_events')
    .innerJoin('cases', 'cases.id', 'video_events.case_id')
    .select(['video_events.case_id', 'cases.number'])
    .where('video_events.county_code', '=', countyCode)
    .where('video_events.event_id', '=', eventId)
    .executeTakeFirst();
}

/** The latest case of this camera and type, whether it is still open, and its latest event's time. */
async function openCaseOf(deps: Pick<VideoDeps, 'db'>, cameraId: number, type: string) {
  const latest = await deps.db
    .selectFrom('video_events')
    .innerJoin('cases', 'cases.id', 'video_events.case_id')
    .select(['video_events.case_id', 'cases.status'])
    .where('video_events.camera_id', '=', cameraId)
    .where('video_events.type', '=', type)
    .orderBy('video_events.detected_at', 'desc')
    .orderBy('video_events.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const last = await deps.db
    .selectFrom('video_events')
    .select((eb) => eb.fn.max('detected_at').as('at'))
    .where('case_id', '=', latest.case_id)
    .executeTakeFirstOrThrow();
  return {
    caseId: latest.case_id,
    open: !(FINISHED_STATES as readonly string[]).includes(latest.status),
    lastDetectedAt: new Date(last.at as unknown as string),
  };
}

async function categoryOf(deps: Pick<VideoDeps, 'db'>, type: string): Promise<number | null> {
  const names = VIDEO_EVENT_TYPES.find((t) => t.name === type)?.categories ?? [];
  if (names.length === 0) return null;
  const rows = await deps.db
    .selectFrom('categories')
    .select(['id', 'name', 'level'])
    .where('active', '=', true)
    .where('name', 'in', [...names])
    .orderBy('level', 'desc')
    .execute();
  for (const name of names) {
    const found = rows.find((r) => r.name === name);
    if (found) return found.id;
  }
  return null;
}

async function openCase(
  deps: VideoDeps,
  principal: Principal,
  event: VideoEvent,
  camera: { code: string; name: string },
  gridId: number,
  snapshotId: string,
): Promise<{ id: number; number: string }> {
  const percent = Math.round(event.confidence * 100);
  const extra: VideoCaseExtra = {
    eventId: event.eventId,
    type: event.type,
    cameraCode: camera.code,
    cameraName: camera.name,
    confidence: event.confidence,
    detectedAt: event.detectedAt.toISOString(),
    events: 1,
    lastDetectedAt: event.detectedAt.toISOString(),
  };
  const countyCode = principal.countyCode as string;
  const created = await deps.cases.create(
    {
      channel: 'video',
      // event ids are unique per county; the cases' (channel, external_ref) index is not per county
      externalRef: `${countyCode}:${event.eventId}`,
      title: `视频事件：${event.type}（${camera.name}）`,
      body: `视频智能分析发现「${event.type}」：摄像头「${camera.name}」（${camera.code}）于 ${chinaMinute(event.detectedAt)} 检测到，置信度 ${percent}%。请网格员现场核实，属实的按流程处置，误报的注明原因排除。`,
      categoryId: await categoryOf(deps, event.type),
      lat: event.lat,
      lng: event.lng,
      gridId,
      address: camera.name,
      reporter: { anonymous: true },
      attachmentIds: [snapshotId],
      extra: { video: extra },
      openedDetails: { note: `视频事件 ${event.eventId}（${event.type}，摄像头 ${camera.code}）` },
    },
    principal,
  );
  const row = await deps.db.selectFrom('cases').select('number').where('id', '=', created.id).executeTakeFirstOrThrow();
  return { id: created.id, number: row.number };
}

async function attach(
  deps: VideoDeps,
  principal: Principal,
  event: VideoEvent,
  camera: { code: string; name: string },
  caseId: number,
  row: Omit<Parameters<typeof insertEvent>[1], 'case_id' | 'opened_case'>,
): Promise<VideoReceipt> {
  const c = await deps.db
    .selectFrom('cases')
    .select(['number', 'version', 'extra'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const extra = (typeof c.extra === 'string' ? JSON.parse(c.extra) : (c.extra ?? {})) as { video?: VideoCaseExtra };
  const stored = extra.video;
  const last = stored?.lastDetectedAt && stored.lastDetectedAt > event.detectedAt.toISOString();
  await deps.cases.amend(
    caseId,
    {
      version: c.version,
      extra: {
        video: {
          ...stored,
          events: (stored?.events ?? 1) + 1,
          lastDetectedAt: last ? stored?.lastDetectedAt : event.detectedAt.toISOString(),
        },
      },
      source: 'video',
      note: `摄像头「${camera.name}」于 ${chinaMinute(event.detectedAt)} 再次检测到「${event.type}」（事件 ${event.eventId}），已归并到本案件`,
      alsoInTransaction: async (trx, id) => insertEvent(trx, { ...row, case_id: id, opened_case: false }),
    },
    principal,
  );
  return { eventId: event.eventId, caseId, caseNumber: c.number, result: 'attached' };
}

async function insertEvent(
  trx: Parameters<NonNullable<Parameters<VideoDeps['cases']['amend']>[1]['alsoInTransaction']>>[0],
  values: {
    county_code: string;
    event_id: string;
    camera_id: number;
    type: string;
    lat: number;
    lng: number;
    grid_id: number;
    detected_at: Date;
    received_at: Date;
    confidence: number;
    snapshot_id: string;
    api_key_id: number | null;
    case_id: number;
    opened_case: boolean;
  },
): Promise<void> {
  await trx.insertInto('video_events').values(values).execute();
}
