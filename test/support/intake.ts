// Helpers of the intake-channel tests (attachments, hotline, webhooks, Open311): multipart bodies, citizen
// sign-in, demo API keys with known values.
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
