// Turns every failure into { code, message, details } with the right status: AppErrors as they are,
// schema violations as VALIDATION_FAILED naming the field, a value the database cannot take (an id beyond its
// integer range, a NUL character, a date not on the calendar) as VALIDATION_FAILED too, the database's own
// faults (down or restarting, disk full) as 503 / 507 with Retry-After, anything unexpected as INTERNAL (logged).
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERRORS, type ErrorBody } from '../core/errors.js';
import { databaseFault, describeFault, lostLockRace, RETRY_AFTER_SECONDS } from '../db/database-faults.js';

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

/**
 * The database's data exceptions (SQLSTATE class 22) a request's own values cause: the schemas let the value
 * through (an integer without a maximum, text that may hold any character, a date by its pattern), the column
 * or cast refuses it. The statement failed (with its transaction); the client gets a 400 saying what. That
 * nothing else was written before it is what test/fuzz.test.ts checks, route by route.
 */
const DATABASE_INPUT_ERRORS: Record<string, string> = {
  '22003': '数值超出范围', // numeric_value_out_of_range: 99999999999999999999 as an id
  '22P02': '格式不正确', // invalid_text_representation: 'Infinity' as an integer, 'x' as a uuid
  '22021': '含有无法保存的字符', // character_not_in_repertoire: a NUL byte in text
  '22P05': '含有无法保存的字符', // untranslatable_character: \u0000 in JSON
  '22007': '日期时间格式不正确', // invalid_datetime_format
  '22008': '日期时间超出范围', // datetime_field_overflow: 2026-02-30, year 0
  '22001': '文本过长', // string_data_right_truncation
  '2201X': '分页参数超出范围', // invalid_row_count_in_result_offset_clause
  '2201W': '分页参数超出范围', // invalid_row_count_in_limit_clause
  '22023': '参数值不正确', // invalid_parameter_value
};

/** The Chinese reason when `error` is a data exception of the database (PostgreSQL or PGlite) caused by input. */
export function databaseInputProblem(error: unknown): string | null {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  if (typeof code !== 'string' || typeof severity !== 'string') return null;
  return DATABASE_INPUT_ERRORS[code] ?? null;
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
    } else if (databaseInputProblem(error)) {
      // logged (the schema could say more), answered as the client's mistake
      request.log.warn({ err: error }, 'request value refused by the database');
      status = 400;
      body = {
        code: 'VALIDATION_FAILED',
        message: `${ERRORS.VALIDATION_FAILED.message}：${databaseInputProblem(error)}`,
      };
    } else if (lostLockRace(error)) {
      // the request's transaction lost a race for rows another wrote at the same moment and was rolled back whole:
      // nothing of it was kept, and sent again it will do its work — the conflict of two people acting at once
      request.log.warn({ error: String(error) }, 'request lost a lock race');
      status = ERRORS.CONFLICT.status;
      body = { code: 'CONFLICT', message: ERRORS.CONFLICT.message };
    } else if (databaseFault(error)) {
      // a fault of the database, not of the request: the client may send it again (docs: SECURITY.md, faults)
      const fault = databaseFault(error) ?? 'unavailable';
      request.log.warn({ fault, error: describeFault(error) }, 'database fault');
      const code = fault === 'storage_full' ? 'STORAGE_FULL' : 'DATABASE_UNAVAILABLE';
      status = ERRORS[code].status;
      body = { code, message: ERRORS[code].message, details: { retryAfterSeconds: RETRY_AFTER_SECONDS[fault] } };
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
    if (status === 429 || status === 401 || status >= 503) reply.header('cache-control', 'no-store');
    // a rate limit says when to come back (issue 18 §3)
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if ((status === 429 || status === 503 || status === 507) && typeof retryAfter === 'number')
      reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
}
