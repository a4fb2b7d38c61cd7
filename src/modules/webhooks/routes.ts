// Webhook subscriptions and their deliveries (administrators).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Paging } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 8, maxLength: 500 }),
  channels: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
  active: Type.Boolean(),
  secret: Type.String({ minLength: 16, maxLength: 200 }),
};

export const webhookRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { webhooks } = services;

    app.get(
      '/webhooks',
      {
        config: { permission: 'webhook.manage' },
        schema: { tags: ['webhooks'], summary: 'Webhook 订阅（状态同步）列表' },
      },
      async (request) => webhooks.list(principalOf(request)),
    );
    app.post(
      '/webhooks',
      {
        config: { permission: 'webhook.manage', reauth: true }, // a signing secret: the password again (issue 18 §2)
        schema: {
          tags: ['webhooks'],
          summary: '新建 Webhook 订阅（签名密钥只返回这一次）；channels 为空表示全部渠道',
          body: Type.Object({
            name: Fields.name,
            url: Fields.url,
            channels: Type.Optional(Fields.channels),
            active: Type.Optional(Fields.active),
            secret: Type.Optional(Fields.secret),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await webhooks.create(principalOf(request), { ...request.body, channels: request.body.channels ?? [] }),
          ),
    );
    app.patch(
      '/webhooks/:id',
      {
        config: { permission: 'webhook.manage', reauth: true }, // may change the signing secret (issue 18 §2)
        schema: {
          tags: ['webhooks'],
          summary: '修改 Webhook 订阅',
          params: IdParams,
          body: Type.Object({
            name: Type.Optional(Fields.name),
            url: Type.Optional(Fields.url),
            channels: Type.Optional(Fields.channels),
            active: Type.Optional(Fields.active),
            secret: Type.Optional(Fields.secret),
          }),
        },
      },
      async (request) => webhooks.update(principalOf(request), request.params.id, request.body),
    );
    app.delete(
      '/webhooks/:id',
      {
        config: { permission: 'webhook.manage' },
        schema: { tags: ['webhooks'], summary: '停用 Webhook 订阅（保留推送记录）', params: IdParams },
      },
      async (request, reply) => {
        await webhooks.remove(principalOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/webhooks/deliveries',
      {
        config: { permission: 'webhook.manage' },
        schema: {
          tags: ['webhooks'],
          summary: '推送记录（待推送、已送达、失败及最近错误）',
          querystring: Type.Object({
            subscriptionId: Type.Optional(Type.Integer({ minimum: 1 })),
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
            ),
            ...Paging,
          }),
        },
      },
      async (request) =>
        webhooks.deliveries(principalOf(request), {
          subscriptionId: request.query.subscriptionId,
          status: request.query.status as 'pending' | 'delivered' | 'failed' | undefined,
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        }),
    );
    app.post(
      '/webhooks/deliveries/:id/retry',
      {
        config: { permission: 'webhook.manage' },
        schema: { tags: ['webhooks'], summary: '立即重试一条推送', params: IdParams },
      },
      async (request) => {
        const result = await webhooks.retry(principalOf(request), request.params.id);
        void services.jobs.runNow('outbox-dispatcher').catch(() => {});
        return result;
      },
    );
  };
