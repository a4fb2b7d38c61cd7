// Signed pushes from machine clients (the 12345 hotline, the video platforms): an API key plus an HMAC
// signature of the exact bytes sent — X-Gz-Timestamp (Unix seconds) and X-Gz-Signature ("sha256=" + hex
// HMAC-SHA256 of "<timestamp>.<raw body>" under the key's signing secret, kept in hotline_signing_secrets).
// One check and one raw-body parser for every channel that receives such pushes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { verifySignature } from '../../domain/intake/hotline-order.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/** Permissions whose pushes are signed: a key holding one of them may be given a signing secret. */
export const SIGNED_PUSH_PERMISSIONS: readonly Permission[] = ['hotline.push', 'video.push'];

export function signatureHeaders(request: FastifyRequest): { timestamp?: string; signature?: string } {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return { timestamp: header('x-gz-timestamp'), signature: header('x-gz-signature') };
}

/**
 * Checks the HMAC signature of a push against the signing secret of the API key that sent it.
 * `channel` names the push in the refusal ("12345 工单推送", "视频事件推送").
 */
export async function verifySignedPush(
  db: Kysely<DB>,
  principal: Principal,
  headers: { timestamp?: string; signature?: string },
  rawBody: string | Buffer,
  nowSeconds: number,
  channel: string,
): Promise<void> {
  if (principal.kind !== 'api_key' || principal.apiKeyId === null) {
    throw new AppError('FORBIDDEN', { message: `${channel}须使用 API 密钥` });
  }
  const row = await db
    .selectFrom('hotline_signing_secrets')
    .select('secret')
    .where('api_key_id', '=', principal.apiKeyId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('SIGNATURE_INVALID', {
      message: '该 API 密钥尚未生成签名密钥，请管理员在“12345 工单导入”页面生成',
    });
  }
  const verdict = verifySignature({
    secret: row.secret,
    timestamp: headers.timestamp,
    signature: headers.signature,
    body: rawBody,
    nowSeconds,
  });
  if (verdict === 'stale') throw new AppError('SIGNATURE_EXPIRED');
  if (verdict === 'missing') {
    throw new AppError('SIGNATURE_INVALID', { message: '缺少签名：请求须带 X-Gz-Timestamp 和 X-Gz-Signature 头' });
  }
  if (verdict !== 'ok') throw new AppError('SIGNATURE_INVALID');
}

/**
 * Makes the (encapsulated) plugin's JSON routes keep the exact bytes they received beside the parsed body,
 * since a signature covers the bytes, not the parsed value.
 */
export function keepRawJsonBody(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new AppError('VALIDATION_FAILED', { message: '请求体不是合法的 JSON' }), undefined);
    }
  });
}
