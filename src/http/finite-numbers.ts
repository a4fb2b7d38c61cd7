// Numbers in query strings and paths are text the schemas coerce, and ajv coerces "Infinity" and "1e400" to
// Infinity, which `type: integer` lets through (it checks the text, not what it became): a page of Infinity
// or a year of Infinity then breaks a Date or a query (500s found by test/fuzz.test.ts). Refused here, once for
// every route, after validation: 400 VALIDATION_FAILED naming the parameter.
import type { FastifyInstance } from 'fastify';
import { AppError, ERRORS } from '../core/errors.js';

/** The first query or path parameter holding a number that is not finite, as "querystring/page". */
export function nonFiniteParameter(parts: Record<string, unknown>): string | null {
  for (const [part, values] of Object.entries(parts)) {
    if (!values || typeof values !== 'object') continue;
    for (const [name, value] of Object.entries(values)) {
      if ([value].flat().some((v) => typeof v === 'number' && !Number.isFinite(v))) return `${part}/${name}`;
    }
  }
  return null;
}

export function installFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const field = nonFiniteParameter({ querystring: request.query, params: request.params });
    if (field) {
      throw new AppError('VALIDATION_FAILED', {
        message: `${ERRORS.VALIDATION_FAILED.message}：${field}`,
        details: { fields: [{ field, problem: '必须是有限的数值' }] },
      });
    }
  });
}
