// Open311 GeoReport v2 under /open311/v2 (outside /api: its own key parameter, formats and error shape).
// Every path ends in .json or .xml; errors are [{ code, description }] (or <errors><error>…) with that status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseFault, describeFault, RETRY_AFTER_SECONDS } from '../../db/database-faults.js';
import {
  attributesOf,
  errorBody,
  Open311Error,
  type Open311Format,
  splitFormat,
  toXml,
} from '../../domain/intake/open311.js';
import type { AppServices } from '../../services.js';
import { requestParams } from './open311-service.js';

function formatOf(request: FastifyRequest): Open311Format {
  const path = (request.url.split('?')[0] ?? '').toLowerCase();
  return path.endsWith('.xml') ? 'xml' : 'json';
}

function send(
  reply: FastifyReply,
  format: Open311Format,
  status: number,
  root: string,
  item: string | null,
  body: unknown,
) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, item, body));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function flat(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null) out[k] = String(Array.isArray(v) ? v[0] : v);
  }
  return out;
}

export const open311Routes = (services: AppServices) => async (app: FastifyInstance) => {
  const { open311 } = services;

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      const params: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) params[k] = v;
      done(null, params);
    },
  );

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const format = formatOf(request);
    let status = 500;
    let description = 'internal error';
    if (error instanceof Open311Error) {
      status = error.status;
      description = error.description;
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      description = error.message;
    } else if (databaseFault(error)) {
      // the database is restarting or its disk is full (issue 18, faults): a retry later will do
      const fault = databaseFault(error) ?? 'unavailable';
      request.log.warn({ fault, error: describeFault(error) }, 'database fault');
      status = fault === 'storage_full' ? 507 : 503;
      description =
        fault === 'storage_full' ? 'insufficient storage, try again later' : 'service unavailable, try again later';
      reply.header('retry-after', String(RETRY_AFTER_SECONDS[fault]));
    } else {
      request.log.error({ err: error }, 'open311 failure');
    }
    reply.status(status).type(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
    return reply.send(errorBody([{ code: status, description }], format));
  });

  const route = async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = (request.params as { '*': string })['*'] ?? '';
    const split = splitFormat(rest);
    if (!split) throw new Open311Error(404, 'unknown resource: paths end in .json or .xml');
    const { path, format } = split;
    const query = flat(request.query);
    const segments = path.split('/').filter(Boolean);
    if (request.method === 'GET') {
      if (path === 'discovery') {
        const base = `${request.protocol}://${request.host}/open311/v2/`;
        return send(reply, format, 200, 'discovery', null, {
          changeset: '2026-11-25T00:00:00Z',
          contact: '县社会治理服务中心 / county social-governance centre',
          key_service:
            'API keys are issued by the county administrator (系统管理 → API 密钥) with the open311 permission',
          endpoints:
            format === 'xml'
              ? {
                  endpoint: [
                    {
                      specification: 'http://wiki.open311.org/GeoReport_v2',
                      url: base,
                      changeset: '2026-11-25T00:00:00Z',
                      type: 'production',
                      formats: { format: ['text/xml', 'application/json'] },
                    },
                  ],
                }
              : [
                  {
                    specification: 'http://wiki.open311.org/GeoReport_v2',
                    url: base,
                    changeset: '2026-11-25T00:00:00Z',
                    type: 'production',
                    formats: ['text/xml', 'application/json'],
                  },
                ],
        });
      }
      if (path === 'services') return send(reply, format, 200, 'services', 'service', await open311.services());
      if (segments[0] === 'services' && segments.length === 2) {
        const def = await open311.definition(decodeURIComponent(segments[1] as string));
        if (format === 'xml') {
          const xmlDef = {
            service_code: def.service_code,
            attributes: {
              attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })),
            },
          };
          return send(reply, format, 200, 'service_definition', null, xmlDef);
        }
        return send(reply, format, 200, '', null, def);
      }
      if (segments[0] === 'tokens' && segments.length === 2) {
        return send(
          reply,
          format,
          200,
          'service_requests',
          'request',
          await open311.token(decodeURIComponent(segments[1] as string)),
        );
      }
      if (path === 'requests') {
        const principal = await open311.principal(query.api_key, false);
        const rows = await open311.requests(query, principal);
        return send(reply, format, 200, 'service_requests', 'request', rows);
      }
      if (segments[0] === 'requests' && segments.length === 2) {
        const principal = await open311.principal(query.api_key, false);
        const rows = await open311.request(decodeURIComponent(segments[1] as string), principal);
        return send(reply, format, 200, 'service_requests', 'request', rows);
      }
    }
    if (request.method === 'POST' && path === 'requests') {
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const all = { ...query, ...body };
      const result = await open311.createRequest(requestParams(all, attributesOf(all)));
      return send(reply, format, 201, 'service_requests', 'request', result);
    }
    throw new Open311Error(
      request.method === 'GET' || request.method === 'POST' ? 404 : 405,
      `unknown resource ${request.method} ${path}`,
    );
  };

  app.get(
    '/*',
    { schema: { tags: ['open311'], summary: 'Open311 GeoReport v2（GET：discovery、services、requests、tokens）' } },
    route,
  );
  app.post(
    '/*',
    { schema: { tags: ['open311'], summary: 'Open311 GeoReport v2（POST requests，需 api_key）' } },
    route,
  );
};
