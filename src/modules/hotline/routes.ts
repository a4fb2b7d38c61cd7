// 12345 hotline routes: the signed push of work orders, signing secrets, the category mapping, spreadsheet imports.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import type { HotlineOrderInput } from '../../domain/intake/hotline-order.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';
import { keepRawJsonBody, signatureHeaders } from '../api-keys/signed-push.js';
import { hotlineTemplate, MAX_HOTLINE_IMPORT_ROWS } from './hotline-import.js';

const OrderBody = Type.Object(
  {
    orderNo: Type.String({ description: '热线工单编号（幂等键）' }),
    callTime: Type.Optional(Type.String({ description: '来电时间，ISO 8601 或 "YYYY-MM-DD HH:mm"（北京时间）' })),
    callerName: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    callerPhone: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    content: Type.String({ description: '诉求内容' }),
    hotlineCategory: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    address: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    lat: Type.Optional(Type.Union([Type.Null(), Type.Number()])),
    lng: Type.Optional(Type.Union([Type.Null(), Type.Number()])),
    coordSystem: Type.Optional(
      Type.Union([Type.Null(), Type.String()], {
        description:
          '经纬度的坐标系：WGS84（默认，GPS/天地图）、GCJ02（高德/腾讯/微信）或 BD09（百度）；入库统一为 WGS84',
      }),
    ),
    urgency: Type.Optional(Type.Union([Type.Null(), Type.String()])),
  },
  { additionalProperties: true },
);

export const hotlineRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { hotline, hotlineImport } = services;

    // The push needs the exact bytes the hotline signed: this context keeps them beside the parsed body.
    await app.register(async (push) => {
      keepRawJsonBody(push, 512 * 1024);
      push.post(
        '/hotline/orders',
        {
          config: { permission: 'hotline.push' },
          schema: {
            tags: ['hotline'],
            summary:
              '12345 热线推送工单（API 密钥 + HMAC 签名：X-Gz-Timestamp 为 Unix 秒，X-Gz-Signature 为 "sha256=" + HMAC-SHA256(签名密钥, 时间戳 + "." + 原始请求体) 的十六进制）。同一工单编号重复推送不会重复立案，内容变化时更新案件描述。',
            body: OrderBody,
          },
        },
        async (request, reply) => {
          const principal = principalOf(request);
          await hotline.verifyPush(principal, signatureHeaders(request), request.rawBody ?? Buffer.alloc(0));
          const receipt = await hotline.receive(request.body as HotlineOrderInput, principal);
          return reply.status(receipt.result === 'created' ? 201 : 200).send(receipt);
        },
      );
    });

    app.get(
      '/hotline/keys',
      {
        config: { permission: 'apikey.manage' },
        schema: { tags: ['hotline'], summary: '可推送 12345 工单的 API 密钥及其签名密钥状态' },
      },
      async (request) => hotline.pushKeys(principalOf(request)),
    );
    app.post(
      '/hotline/keys/:id/secret',
      {
        config: { permission: 'apikey.manage' },
        schema: { tags: ['hotline'], summary: '为 API 密钥生成（或更换）签名密钥，只显示这一次', params: IdParams },
      },
      async (request) => hotline.rotateSecret(principalOf(request), request.params.id),
    );

    app.get(
      '/hotline/category-map',
      {
        config: { permission: 'hotline.manage' },
        schema: { tags: ['hotline'], summary: '热线诉求类型与本系统分类的对应关系' },
      },
      async () => hotline.mappings(),
    );
    app.put(
      '/hotline/category-map',
      {
        config: { permission: 'hotline.manage' },
        schema: {
          tags: ['hotline'],
          summary: '设置热线诉求类型对应的分类',
          body: Type.Object({
            hotlineCategory: Type.String({ minLength: 1, maxLength: 100 }),
            categoryId: Type.Integer({ minimum: 1 }),
          }),
        },
      },
      async (request) =>
        hotline.setMapping(principalOf(request), request.body.hotlineCategory, request.body.categoryId),
    );
    app.delete(
      '/hotline/category-map',
      {
        config: { permission: 'hotline.manage' },
        schema: {
          tags: ['hotline'],
          summary: '删除一条热线诉求类型对应关系',
          querystring: Type.Object({ hotlineCategory: Type.String({ minLength: 1, maxLength: 100 }) }),
        },
      },
      async (request, reply) => {
        await hotline.deleteMapping(principalOf(request), request.query.hotlineCategory);
        return reply.status(204).send();
      },
    );

    app.get(
      '/hotline/imports/template',
      {
        config: { permission: 'hotline.manage' },
        schema: { tags: ['hotline'], summary: '下载 12345 工单导入模板（xlsx）' },
      },
      async (_request, reply) => {
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent('12345工单导入模板.xlsx')}`,
          );
        return reply.send(await hotlineTemplate());
      },
    );
    app.get(
      '/hotline/imports',
      { config: { permission: 'hotline.manage' }, schema: { tags: ['hotline'], summary: '最近的 12345 工单导入' } },
      async (request) => hotlineImport.list(principalOf(request)),
    );
    app.post(
      '/hotline/imports',
      {
        config: { permission: 'hotline.manage' },
        schema: {
          tags: ['hotline'],
          summary: `上传 12345 工单表格（xlsx/csv，最多 ${MAX_HOTLINE_IMPORT_ROWS} 行）并预览：样例行、分类对应、逐行错误`,
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => {
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID', { message: '请上传文件（表单字段 file）' });
        const bytes = await file.toBuffer();
        return hotlineImport.preview(principalOf(request), { fileName: file.filename, bytes });
      },
    );
    app.post(
      '/hotline/imports/:id/start',
      {
        config: { permission: 'hotline.manage' },
        schema: { tags: ['hotline'], summary: '开始导入（后台分批执行，轮询进度）', params: IdParams },
      },
      async (request, reply) => {
        const progress = await hotlineImport.start(principalOf(request), request.params.id);
        void services.jobs.runNow('hotline-import').catch(() => {});
        return reply.status(202).send(progress);
      },
    );
    app.get(
      '/hotline/imports/:id',
      {
        config: { permission: 'hotline.manage' },
        schema: { tags: ['hotline'], summary: '导入进度', params: IdParams },
      },
      async (request) => hotlineImport.progress(principalOf(request), request.params.id),
    );
  };
