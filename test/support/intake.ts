// Helpers of the intake-channel tests (attachments, hotline, webhooks, Open311): multipart bodies, citizen
// sign-in, demo API keys with known values.
import fs from 'node:fs';
import sharp from 'sharp';
import { signPayload } from '../../src/domain/intake/hotline-order.js';
import { DEMO_HOTLINE_KEY, DEMO_HOTLINE_SIGNING_SECRET } from '../../src/modules/hotline/demo-keys.js';
import type { TestSystem } from './system.js';

export function multipartBody(
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
  field = 'file',
): { payload: Buffer; contentType: string } {
  const boundary = `----gongzhi-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function citizenLogin(sys: TestSystem, phone = '13800000001'): Promise<Record<string, string>> {
  const sent = await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone } });
  if (sent.statusCode !== 200) throw new Error(`code request failed: ${sent.body}`);
  const code = sent.json().demoCode as string;
  const ok = await sys.request({ method: 'POST', url: '/api/auth/code/verify', payload: { phone, code } });
  if (ok.statusCode !== 200) throw new Error(`citizen login failed: ${ok.body}`);
  return { authorization: `Bearer ${ok.json().token}` };
}

/** Creates an API key through the admin API and returns its secret. */
export async function createApiKey(
  sys: TestSystem,
  admin: Record<string, string>,
  permissions: string[],
  orgId?: number,
): Promise<string> {
  const county = orgId ?? (await sys.request({ method: 'GET', url: '/api/orgs/tree', headers: admin })).json()[0].id;
  const r = await sys.request({
    method: 'POST',
    url: '/api/api-keys',
    headers: admin,
    payload: { name: `test ${permissions.join(',')}`, orgId: county, permissions },
  });
  if (r.statusCode !== 201) throw new Error(`api key: ${r.body}`);
  return r.json().key as string;
}

/** POSTs one file as multipart form data to `url`; the status and the parsed body. */
export async function postFile(
  sys: TestSystem,
  url: string,
  headers: Record<string, string>,
  name: string,
  bytes: Buffer,
  mime = 'application/octet-stream',
): Promise<{ status: number; body: any }> {
  const { payload, contentType } = multipartBody(name, bytes, mime);
  const r = await sys.request({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });
  return { status: r.statusCode, body: r.json() };
}

/** POST /api/attachments with one file; the status and the parsed body. */
export function uploadFile(
  sys: TestSystem,
  headers: Record<string, string>,
  name: string,
  bytes: Buffer,
  mime = 'image/jpeg',
): Promise<{ status: number; body: any }> {
  return postFile(sys, '/api/attachments', headers, name, bytes, mime);
}

/** The names of the files anywhere below a folder (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/** A JPEG photo carrying an EXIF GPS position, as a phone writes it. */
export async function photoWithLocation(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '119/1 40/1 0/1' },
    })
    .toBuffer();
}

/** The centre of the demo county's first grid (by code): a point inside the county for intake tests. */
export async function firstGridPoint(sys: TestSystem): Promise<{ lat: number; lng: number }> {
  const grid = await sys.services.db
    .selectFrom('orgs')
    .select(['center_lat', 'center_lng'])
    .where('kind', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { lat: grid.center_lat as number, lng: grid.center_lng as number };
}

/** A citizen's report at the first grid that carries an uploaded attachment (so staff may read it). */
export async function reportWithAttachment(
  sys: TestSystem,
  citizen: Record<string, string>,
  body: string,
  attachmentId: string,
): Promise<void> {
  const point = await firstGridPoint(sys);
  await sys.services.cases.create(
    { channel: 'citizen_app', body, ...point, attachmentIds: [attachmentId] },
    await sys.services.auth.principalForSession(citizen.authorization?.slice(7) ?? ''),
  );
}

/** Pushes a 12345 order as the demo hotline does (demo key, signed with its secret); answers the raw response. */
export function pushHotlineOrder(sys: TestSystem, order: Record<string, unknown> | string) {
  const raw = typeof order === 'string' ? order : JSON.stringify(order);
  const ts = String(Math.floor(Date.now() / 1000));
  return sys.request({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: {
      'content-type': 'application/json',
      'x-api-key': DEMO_HOTLINE_KEY,
      'x-gz-timestamp': ts,
      'x-gz-signature': signPayload(DEMO_HOTLINE_SIGNING_SECRET, ts, raw),
    },
    payload: raw,
  });
}
