import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { principalOf, SESSION_COOKIE } from '../../http/auth-hooks.js';
import type { AppServices } from '../../services.js';
import { maskPhone, type SignIn } from './auth-service.js';
import { ROLE_PERMISSIONS } from './permissions.js';

export const authRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { auth, db } = services;

    async function me(userId: number) {
      const row = await db
        .selectFrom('users')
        .leftJoin('orgs', 'orgs.id', 'users.org_id')
        .select([
          'users.id',
          'users.username',
          'users.display_name',
          'users.role',
          'users.phone',
          'orgs.id as org_id',
          'orgs.code as org_code',
          'orgs.name as org_name',
          'orgs.kind as org_kind',
        ])
        .where('users.id', '=', userId)
        .executeTakeFirst();
      if (!row) throw new AppError('UNAUTHENTICATED');
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        phone: maskPhone(row.phone),
        org: row.org_id ? { id: row.org_id, code: row.org_code, name: row.org_name, kind: row.org_kind } : null,
        permissions: [...(ROLE_PERMISSIONS[row.role as keyof typeof ROLE_PERMISSIONS] ?? [])],
      };
    }

    const signedIn = async (reply: FastifyReply, session: SignIn) => {
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.mode === 'production',
        expires: session.expiresAt,
      });
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: await me(session.user.id) };
    };

    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '工作人员账号密码登录',
          body: Type.Object({
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          }),
        },
      },
      async (request, reply) =>
        signedIn(reply, await auth.loginWithPassword(request.body.username, request.body.password, request.ip)),
    );

    app.post(
      '/auth/code/request',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '群众手机号获取登录验证码',
          body: Type.Object({ phone: Type.String({ maxLength: 20 }) }),
        },
      },
      async (request) => auth.requestLoginCode(request.body.phone),
    );

    app.post(
      '/auth/code/verify',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '群众验证码登录',
          body: Type.Object({ phone: Type.String({ maxLength: 20 }), code: Type.String({ maxLength: 10 }) }),
        },
      },
      async (request, reply) =>
        signedIn(reply, await auth.verifyLoginCode(request.body.phone, request.body.code, request.ip)),
    );

    app.post(
      '/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录' } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE] ?? request.headers.authorization?.replace(/^Bearer /, '');
        if (token) await auth.logout(token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.post(
      '/auth/reauth',
      {
        schema: {
          tags: ['auth'],
          summary: '再次输入密码确认身份（新建 API 密钥、签名密钥、批量导出个人信息等敏感操作前）',
          body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const authorization = request.headers.authorization;
        const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
        const token = bearer ?? request.cookies[SESSION_COOKIE];
        if (principal.kind !== 'user' || !token) throw new AppError('FORBIDDEN');
        return auth.reauthenticate(token, request.body.password, request.ip);
      },
    );

    app.get('/auth/me', { schema: { tags: ['auth'], summary: '当前登录用户' } }, async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'api_key') {
        return {
          id: null,
          displayName: principal.displayName,
          role: 'api_client',
          org: { id: principal.orgId },
          permissions: [...principal.permissions],
        };
      }
      return me(principal.userId ?? 0);
    });
  };
