// Authorisation in one place. Every route declares in its config what it needs:
//   { public: true }           anyone (sign-in, health)
//   { permission: 'org.read' } a principal holding that permission
//   {}                         any signed-in principal
//   { ..., reauth: true }      and, for a staff session, its password proved within REAUTH_MINUTES (issue 18)
// The principal comes from the session cookie, a Bearer token, or an X-API-Key header.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import type { AuthService } from '../modules/auth/auth-service.js';
import type { Permission } from '../modules/auth/permissions.js';
import type { Principal } from '../modules/auth/principal.js';

export const SESSION_COOKIE = 'gz_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
    permission?: Permission;
    /** The most sensitive administrator actions: the password again within REAUTH_MINUTES (issue 18 §2). */
    reauth?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function credentials(request: FastifyRequest): { token?: string; apiKey?: string } {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { apiKey };
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const value = authorization.slice(7).trim();
    return value.startsWith('gz_') ? { apiKey: value } : { token: value };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie } : {};
}

export function installAuthHooks(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.addHook('preValidation', async (request) => {
    const config = request.routeOptions.config;
    const { token, apiKey } = credentials(request);
    let failure: AppError | null = null;
    try {
      if (apiKey) request.principal = await auth.principalForApiKey(apiKey);
      else if (token) request.principal = await auth.principalForSession(token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error;
    }
    if (config.public) return;
    if (!request.principal) throw failure ?? new AppError('UNAUTHENTICATED');
    if (config.permission && !request.principal.permissions.has(config.permission)) {
      throw new AppError('FORBIDDEN', { details: { permission: config.permission } });
    }
    if (config.reauth) auth.requireRecentAuthentication(request.principal);
  });
}

/** The principal of a route that is not public (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}
