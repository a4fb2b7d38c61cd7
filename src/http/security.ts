// Security of every response and of every request a browser can be tricked into sending (issue 18 §1):
//  - headers with @fastify/helmet: a Content-Security-Policy the built web app satisfies (its own scripts only;
//    antd and echarts write inline styles; Leaflet draws on a plain background, no tile server; photo previews are
//    blob: URLs), frame-ancestors 'none', nosniff, Referrer-Policy, and HSTS in production only (served over TLS
//    by the county's proxy; a demo on http://localhost must not pin https);
//  - the origin check: a state-changing request (POST/PUT/PATCH/DELETE) that carries the session cookie and no
//    other credential must name the app's own host in Origin (or, failing that, Referer), else 403
//    CROSS_ORIGIN_REQUEST. Bearer tokens, API keys and HMAC-signed pushes are not sent by browsers on their own,
//    so they are not checked.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import { basemapImageSourcesOf } from '../domain/geo/basemap.js';
import { SESSION_COOKIE } from './auth-hooks.js';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  // antd (CSS-in-JS), echarts and Leaflet set style attributes and <style> elements at run time
  styleSrc: ["'self'", "'unsafe-inline'"],
  // …and the base map's tile servers when one is configured (issue 20: BASEMAP_URL / TIANDITU_KEY)
  imgSrc: ["'self'", 'data:', 'blob:', ...basemapImageSourcesOf(process.env)],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function installSecurityHeaders(app: FastifyInstance, production: boolean): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, ...(production ? { upgradeInsecureRequests: [] } : {}) },
    },
    // The Swagger UI at /docs and the map's images come from this origin; nothing needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the request's only credential is the session cookie (what a browser attaches by itself). */
export function authenticatedByCookieOnly(request: FastifyRequest): boolean {
  if (request.headers['x-api-key'] || request.headers.authorization) return false;
  return !!request.cookies?.[SESSION_COOKIE];
}

function hostOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The host the client addressed (X-Forwarded-Host behind the county's proxy, as trustProxy allows). */
function ownHost(request: FastifyRequest): string {
  return request.host.toLowerCase();
}

/** Refuses cookie-authenticated state changes that come from another site's page (CSRF). */
export function installOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method) || !authenticatedByCookieOnly(request)) return;
    const origin = request.headers.origin;
    const from = origin !== undefined ? hostOf(origin) : hostOf(request.headers.referer);
    if (from && from === ownHost(request)) return;
    throw new AppError('CROSS_ORIGIN_REQUEST', {
      details: { origin: origin ?? null, referer: request.headers.referer ? '(present)' : null },
    });
  });
}
