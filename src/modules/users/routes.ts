import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable, Paging } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { type Role, STAFF_ROLES } from '../auth/permissions.js';

const RoleSchema = Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)));

export const userRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { users } = services;

    app.get(
      '/users',
      {
        config: { permission: 'user.read' },
        schema: {
          tags: ['users'],
          summary: '本级及下级的工作人员账号',
          querystring: Type.Object({
            orgId: Type.Optional(Type.Integer()),
            role: Type.Optional(Type.String({ maxLength: 40 })),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            ...Paging,
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return users.list(principalOf(request), { ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      },
    );

    app.get(
      '/users/:id',
      { config: { permission: 'user.read' }, schema: { tags: ['users'], summary: '账号详情', params: IdParams } },
      async (request) => users.get(principalOf(request), request.params.id),
    );

    app.post(
      '/users',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '新建工作人员账号',
          body: Type.Object({
            username: Type.String({ minLength: 1, maxLength: 32 }),
            displayName: Type.String({ minLength: 1, maxLength: 50 }),
            role: RoleSchema,
            orgId: Type.Integer({ minimum: 1 }),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await users.create(principalOf(request), { ...request.body, role: request.body.role as Role })),
    );

    app.patch(
      '/users/:id',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '修改账号（姓名、角色、所属组织、手机、启用/停用）',
          params: IdParams,
          body: Type.Object({
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            role: Type.Optional(RoleSchema),
            orgId: Type.Optional(Type.Integer({ minimum: 1 })),
            phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) =>
        users.update(principalOf(request), request.params.id, {
          ...request.body,
          role: request.body.role as Role | undefined,
        }),
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['users'],
          summary: '重置密码（不给出新密码时生成临时密码，只显示一次）',
          params: IdParams,
          body: Type.Optional(Type.Object({ password: Type.Optional(Type.String({ maxLength: 200 })) })),
        },
      },
      async (request) => users.resetPassword(principalOf(request), request.params.id, request.body?.password),
    );

    app.post(
      '/users/:id/unlock',
      { config: { permission: 'user.manage' }, schema: { tags: ['users'], summary: '解除登录锁定', params: IdParams } },
      async (request) => users.unlock(principalOf(request), request.params.id),
    );

    app.get(
      '/users/:id/phone',
      {
        config: { permission: 'pii.view' },
        schema: { tags: ['users'], summary: '查看完整手机号（记入审计日志）', params: IdParams },
      },
      async (request) => users.revealPhone(principalOf(request), request.params.id, request.ip),
    );
  };
