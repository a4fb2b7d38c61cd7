// Turns every failure into { code, message, details } with the right status: AppErrors as they are,
// schema violations as VALIDATION_FAILED naming the field, anything unexpected as INTERNAL (logged).
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERRORS, type ErrorBody } from '../core/errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(error: FastifyError): { message: string; details: unknown } {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const fields = issues.map((i) => {
    const missing = i.params?.missingProperty;
    const field = `${error.validationContext ?? ''}${i.instancePath ?? ''}${missing ? `/${missing}` : ''}`;
    return { field: field.replace(/^\//, ''), problem: i.message ?? '' };
  });
  const names = fields.map((f) => f.field).filter(Boolean);
  return {
    message: names.length ? `${ERRORS.VALIDATION_FAILED.message}：${[...new Set(names)].join('、')}` : error.message,
    details: { fields },
  };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let body: ErrorBody;
    if (error instanceof AppError) {
      status = error.status;
      body = { code: error.code, message: error.message, details: error.details };
    } else if (error.validation) {
      status = 400;
      body = { code: 'VALIDATION_FAILED', ...describeValidation(error) };
    } else if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      status = 413;
      body = { code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE.message };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { code: 'VALIDATION_FAILED', message: `${ERRORS.VALIDATION_FAILED.message}：${error.message}` };
    } else {
      request.log.error({ err: error }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: ERRORS.INTERNAL.message };
    }
    if (status === 429 || status === 401) reply.header('cache-control', 'no-store');
    // a rate limit says when to come back (issue 18 §3)
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
}
