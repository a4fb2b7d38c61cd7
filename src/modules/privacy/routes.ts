// HTTP routes of personal-data protection (issue 18, PIPL): a citizen's erasure request, the administrators' list.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.js';
import { Paging } from '../../http/schemas.js';
import { listErasures } from './list-erasures.js';
import type { PrivacyDeps } from './privacy-deps.js';
import { requestErasure } from './request-erasure.js';

export const privacyRoutes =
  (deps: PrivacyDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/citizen/me/erasure',
      {
        config: {},
        schema: {
          tags: ['privacy'],
          summary:
            '群众申请删除个人信息（已办结诉求立即删除姓名和电话，在办诉求办结后删除，随后注销账号；重复申请不重复处理）',
          description:
            '仅限群众账号。已办结（含归档、不予受理、合并）诉求中的报告人姓名改为“已注销”、电话删除，诉求描述、答复和办理记录中的本人姓名、电话一并删除；诉求本身、办理记录和照片保留。',
        },
      },
      async (request) => requestErasure(deps, principalOf(request)),
    );

    app.get(
      '/privacy/erasures',
      {
        config: { permission: 'user.manage' },
        schema: {
          tags: ['privacy'],
          summary: '个人信息删除申请（管理员）：申请时间、完成时间、已删除和待办结的诉求数',
          querystring: Type.Object({
            ...Paging,
            state: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('completed')])),
          }),
        },
      },
      async (request) => listErasures(deps, principalOf(request), request.query),
    );
  };
