// A pushed event checked field by field, each problem naming the field the platform sent, so its operator
// can fix the request. The snapshot's bytes are decoded here; whether they are an image is the module's check.
import { err, ok, type Result } from '../result.js';
import {
  MAX_SNAPSHOT_BYTES,
  VIDEO_EVENT_TYPE_NAMES,
  type VideoEvent,
  type VideoEventInput,
  type VideoFieldProblem,
} from './types.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-.:]{0,99}$/;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;
/** Events detected further ahead of the server's clock than this are refused (a camera's clock gone wrong). */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function coordinate(value: unknown, limit: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) return null;
  return value;
}

/** An ISO 8601 time with its zone (a platform's clock must say which zone it means). */
export function parseDetectedAt(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})$/.test(value.trim())) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The snapshot: base64 (optionally a data: URL), decoded and within the size limit. */
export function decodeSnapshot(value: unknown): Buffer | string {
  if (typeof value !== 'string' || value.trim() === '') return '缺少现场抓拍图片（snapshot，base64 编码）';
  const body = value.trim().replace(/^data:image\/[a-z0-9.+-]+;base64,/i, '');
  if (!BASE64.test(body)) return 'snapshot 不是合法的 base64 编码';
  // base64 carries 3 bytes in 4 characters: refuse before decoding what is too large
  if (Math.floor((body.replace(/[\r\n=]/g, '').length * 3) / 4) > MAX_SNAPSHOT_BYTES) {
    return `抓拍图片不能超过 ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`;
  }
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length === 0) return 'snapshot 解码后为空';
  return bytes;
}

export function checkVideoEvent(input: VideoEventInput, now: Date): Result<VideoEvent, VideoFieldProblem[]> {
  const problems: VideoFieldProblem[] = [];
  const problem = (field: VideoFieldProblem['field'], message: string) => problems.push({ field, message });

  const eventId = text(input.eventId);
  if (!eventId) problem('eventId', '缺少事件编号（eventId）');
  else if (!ID_PATTERN.test(eventId)) problem('eventId', 'eventId 只能包含字母、数字和 _-.:，最长 100 位');

  const type = text(input.type);
  if (!type) problem('type', '缺少事件类型（type）');
  else if (!VIDEO_EVENT_TYPE_NAMES.includes(type)) {
    problem('type', `不支持的事件类型「${type}」，可用：${VIDEO_EVENT_TYPE_NAMES.join('、')}`);
  }

  const cameraCode = text(input.cameraId);
  if (!cameraCode) problem('cameraId', '缺少摄像头编号（cameraId）');
  else if (!ID_PATTERN.test(cameraCode)) problem('cameraId', 'cameraId 只能包含字母、数字和 _-.:，最长 100 位');

  const lat = coordinate(input.lat, 90);
  if (lat === null) problem('lat', '纬度（lat）须为 -90 到 90 之间的数字');
  const lng = coordinate(input.lng, 180);
  if (lng === null) problem('lng', '经度（lng）须为 -180 到 180 之间的数字');

  const detectedAt = parseDetectedAt(input.detectedAt);
  if (!detectedAt)
    problem('detectedAt', '检测时间（detectedAt）须为带时区的 ISO 8601 时间，如 2026-03-02T09:15:00+08:00');
  else if (detectedAt.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) {
    problem('detectedAt', '检测时间晚于服务器当前时间，请校准摄像头或平台时钟');
  }

  const confidence = input.confidence;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    problem('confidence', '置信度（confidence）须为 0 到 1 之间的数字');
  }

  const snapshot = decodeSnapshot(input.snapshot);
  if (typeof snapshot === 'string') problem('snapshot', snapshot);

  if (problems.length > 0) return err(problems);
  return ok({
    eventId,
    type,
    cameraCode,
    lat: lat as number,
    lng: lng as number,
    detectedAt: detectedAt as Date,
    snapshot: snapshot as Buffer,
    confidence: confidence as number,
  });
}
