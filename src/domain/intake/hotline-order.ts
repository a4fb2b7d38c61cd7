// The 12345 hotline's work order as it arrives (pushed as JSON or read from a spreadsheet row): checked and
// normalised here, with every problem named in Chinese so a hotline operator can fix the order.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { COORD_SYSTEM_HINT, parseCoordSystem, toStored } from '../geo/coord-system.js';

export interface HotlineOrderInput {
  orderNo?: unknown;
  callTime?: unknown;
  callerName?: unknown;
  callerPhone?: unknown;
  content?: unknown;
  hotlineCategory?: unknown;
  address?: unknown;
  lat?: unknown;
  lng?: unknown;
  /** The system of lat/lng when not WGS-84: GCJ02 (高德/腾讯/微信) or BD09 (百度); converted to WGS-84. */
  coordSystem?: unknown;
  urgency?: unknown;
}

export interface HotlineOrder {
  orderNo: string;
  /** ISO timestamp of the call, or null when the hotline gave none. */
  callTime: string | null;
  callerName: string | null;
  callerPhone: string | null;
  content: string;
  hotlineCategory: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  urgency: 'normal' | 'urgent';
}

export interface FieldProblem {
  field: keyof HotlineOrder;
  message: string;
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const ORDER_NO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-.]{0,63}$/;
const URGENT_WORDS = new Set(['urgent', '紧急', '特急', '加急', '急件']);
const NORMAL_WORDS = new Set(['', 'normal', '一般', '普通', '常规', '平件']);

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/** A phone as the hotline wrote it, normalised: mobile (11 digits) or landline with area code; null if blank. */
export function normalisePhone(raw: string): { ok: true; phone: string | null } | { ok: false } {
  const phone = raw.replace(/[\s()（）]/g, '').replace(/^\+?86/, '');
  if (!phone) return { ok: true, phone: null };
  if (MOBILE_PATTERN.test(phone) || LANDLINE_PATTERN.test(phone)) return { ok: true, phone };
  return { ok: false };
}

/**
 * A call time: ISO 8601 with a zone, or the hotline's "YYYY-MM-DD HH:mm[:ss]" / "YYYY/MM/DD …" read as
 * China time (UTC+8). A Date (from a spreadsheet cell) is taken as it is.
 */
export function parseCallTime(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const s = String(value).trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(se));
  const check = new Date(ms + 8 * 3600_000);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) return undefined;
  return new Date(ms).toISOString();
}

function coordinate(value: unknown, limit: number): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || Math.abs(n) > limit) return undefined;
  return n;
}

/** Checks one order; returns it normalised, or every problem found. */
export function checkHotlineOrder(
  input: HotlineOrderInput,
): { ok: true; order: HotlineOrder } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const orderNo = text(input.orderNo);
  if (!orderNo) problems.push({ field: 'orderNo', message: '工单编号不能为空' });
  else if (!ORDER_NO_PATTERN.test(orderNo)) {
    problems.push({ field: 'orderNo', message: `工单编号「${orderNo}」格式不正确（字母、数字、-、_，最长 64 位）` });
  }
  const content = text(input.content);
  if (!content) problems.push({ field: 'content', message: '诉求内容不能为空' });
  else if (content.length < 5) problems.push({ field: 'content', message: '诉求内容过短（至少 5 个字）' });
  else if (content.length > 5000) problems.push({ field: 'content', message: '诉求内容不能超过 5000 字' });
  const callTime = parseCallTime(input.callTime);
  if (callTime === undefined) {
    problems.push({
      field: 'callTime',
      message: `来电时间「${text(input.callTime)}」格式不正确，应为 2026-03-01 09:30`,
    });
  }
  const phone = normalisePhone(text(input.callerPhone));
  if (!phone.ok) {
    problems.push({
      field: 'callerPhone',
      message: `联系电话「${text(input.callerPhone)}」格式不正确（11 位手机号或带区号的固定电话）`,
    });
  }
  const lat = coordinate(input.lat, 90);
  const lng = coordinate(input.lng, 180);
  if (lat === undefined) problems.push({ field: 'lat', message: '纬度格式不正确' });
  if (lng === undefined) problems.push({ field: 'lng', message: '经度格式不正确' });
  if (lat !== undefined && lng !== undefined && (lat === null) !== (lng === null)) {
    problems.push({ field: 'lat', message: '经度和纬度须同时提供' });
  }
  const coordSystem = parseCoordSystem(input.coordSystem);
  if (coordSystem === null) {
    problems.push({ field: 'lat', message: `坐标系「${text(input.coordSystem)}」无法识别，应为 ${COORD_SYSTEM_HINT}` });
  }
  const point =
    typeof lat === 'number' && typeof lng === 'number' ? toStored({ lat, lng }, coordSystem ?? 'wgs84') : null;
  const urgencyText = text(input.urgency).toLowerCase();
  let urgency: 'normal' | 'urgent' = 'normal';
  if (URGENT_WORDS.has(urgencyText)) urgency = 'urgent';
  else if (!NORMAL_WORDS.has(urgencyText)) {
    problems.push({ field: 'urgency', message: `紧急程度「${text(input.urgency)}」不正确，应为 一般 或 紧急` });
  }
  const address = text(input.address);
  if (address.length > 300) problems.push({ field: 'address', message: '地址不能超过 300 字' });
  const callerName = text(input.callerName);
  if (callerName.length > 50) problems.push({ field: 'callerName', message: '来电人姓名不能超过 50 字' });
  const hotlineCategory = text(input.hotlineCategory);
  if (hotlineCategory.length > 100) problems.push({ field: 'hotlineCategory', message: '诉求类型不能超过 100 字' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    order: {
      orderNo,
      callTime: callTime ?? null,
      callerName: callerName || null,
      callerPhone: phone.ok ? phone.phone : null,
      content,
      hotlineCategory: hotlineCategory || null,
      address: address || null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      urgency,
    },
  };
}

/** The descriptive fields that differ between what a case holds and a newer push of its order. */
export function changedFields(
  before: Pick<
    HotlineOrder,
    'content' | 'address' | 'callerName' | 'callerPhone' | 'hotlineCategory' | 'urgency' | 'callTime'
  >,
  after: HotlineOrder,
): Partial<Record<keyof HotlineOrder, { from: unknown; to: unknown }>> {
  const changes: Partial<Record<keyof HotlineOrder, { from: unknown; to: unknown }>> = {};
  for (const field of [
    'content',
    'address',
    'callerName',
    'callerPhone',
    'hotlineCategory',
    'urgency',
    'callTime',
  ] as const) {
    if ((before[field] ?? null) !== (after[field] ?? null))
      changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
  }
  return changes;
}

// ---- Request signing (the hotline's push and our webhooks use the same scheme) ----

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `sha256=` + hex HMAC-SHA256 of "<timestamp>.<raw body>" under the shared secret. */
export function signPayload(secret: string, timestamp: string | number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureVerdict = 'ok' | 'missing' | 'stale' | 'invalid';

export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Buffer;
  nowSeconds: number;
}): SignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{9,11}$/.test(timestamp)) return 'invalid';
  if (Math.abs(input.nowSeconds - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  const expected = Buffer.from(signPayload(input.secret, timestamp, input.body));
  const given = Buffer.from(signature.trim());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return 'ok';
}
