// Video-event routes (/api/video-events): the platforms' signed push, the events and their statistics, the
// camera registry (with its xlsx import) and the aggregation window. Each route names its permission; scope
// is the service's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { VIDEO_EVENT_TYPE_NAMES, type VideoEventInput } from '../../domain/video/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, Nullable } from '../../http/schemas.js';
import { keepRawJsonBody, signatureHeaders } from '../api-keys/signed-push.js';
import { cameraTemplate, MAX_CAMERA_ROWS } from './import-cameras.js';
import type { VideoEventService } from './video-service.js';

const tags = ['video-events'];
const Day = DayString({ description: 'YYYY-MM-DD（北京时间）' });
const cameraFields = {
  code: Type.String({ maxLength: 100 }),
  name: Type.String({ maxLength: 100 }),
  lat: Type.Number(),
  lng: Type.Number(),
  platform: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  active: Type.Optional(Type.Boolean()),
};
const CameraBody = Type.Object(cameraFields);
/** A 2 MB snapshot in base64 and the event's fields. */
const PUSH_BODY_LIMIT = 3 * 1024 * 1024;

export const videoEventRoutes =
  ({ video }: { video: VideoEventService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    // The push: signed over its exact bytes, and checked field by field by the domain (the body is left
    // unvalidated by the schema so that every wrong field is named in Chinese, all at once).
    await app.register(async (push) => {
      keepRawJsonBody(push, PUSH_BODY_LIMIT);
      push.post(
        '/video-events',
        {
          config: { permission: 'video.push' },
          schema: {
            tags,
            summary:
              '视频平台推送智能分析事件（API 密钥 + HMAC 签名，同 12345 推送：X-Gz-Timestamp、X-Gz-Signature = "sha256=" + HMAC-SHA256(签名密钥, 时间戳 + "." + 原始请求体)）。字段：eventId、type、cameraId、lat、lng、detectedAt、snapshot（base64 图片，≤2 MB）、confidence（0–1）。同一 eventId 重复推送不重复立案；同一摄像头同类事件在归并时间窗内归入未办结的案件。',
            body: Type.Object({}, { additionalProperties: true }),
          },
        },
        async (request, reply) => {
          const principal = principalOf(request);
          await video.verifyPush(principal, signatureHeaders(request), request.rawBody ?? Buffer.alloc(0));
          const receipt = await video.receive(request.body as VideoEventInput, principal);
          return reply.status(receipt.result === 'duplicate' ? 200 : 201).send(receipt);
        },
      );
    });

    app.get(
      '/video-events',
      {
        config: { permission: 'video.read' },
        schema: {
          tags,
          summary: '视频事件列表（本辖区网格；可按摄像头、类型、核实结果、期间筛选）',
          querystring: Type.Object({
            cameraId: Type.Optional(Type.Integer({ minimum: 1 })),
            type: Type.Optional(Type.String({ maxLength: 50 })),
            finding: Type.Optional(
              Type.Union([Type.Literal('confirmed'), Type.Literal('dismissed'), Type.Literal('pending')]),
            ),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => video.list(principalOf(request), request.query),
    );
    app.get(
      '/video-events/types',
      { config: { permission: 'video.read' }, schema: { tags, summary: '可推送的事件类型' } },
      async () => ({ items: VIDEO_EVENT_TYPE_NAMES }),
    );
    app.get(
      '/video-events/stats',
      {
        config: { permission: 'video.read' },
        schema: {
          tags,
          summary: '视频事件统计：各摄像头、各类型的误报率（误报 ÷ 已核实），每日事件数',
          querystring: Type.Object({ from: Day, to: Day }),
        },
      },
      async (request) => video.stats(principalOf(request), request.query),
    );
    app.get(
      '/video-events/of-case/:id',
      {
        config: { permission: 'case.read' },
        schema: { tags, summary: '案件关联的视频事件（含抓拍缩略图）', params: IdParams },
      },
      async (request) => ({ items: await video.ofCase(principalOf(request), request.params.id) }),
    );

    app.get(
      '/video-events/settings',
      { config: { permission: 'video.read' }, schema: { tags, summary: '同源事件归并时间窗' } },
      async (request) => video.settings(principalOf(request)),
    );
    app.put(
      '/video-events/settings',
      {
        config: { permission: 'video.manage' },
        schema: {
          tags,
          summary: '设置同源事件归并时间窗（分钟）',
          body: Type.Object({
            windowMinutes: Type.Integer(),
            version: Type.Integer({ minimum: 0 }),
          }),
        },
      },
      async (request) => video.saveSettings(principalOf(request), request.body),
    );

    app.get(
      '/video-events/cameras',
      {
        config: { permission: 'video.read' },
        schema: {
          tags,
          summary: '摄像头台账（本辖区）',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 100 })),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => video.cameras(principalOf(request), request.query),
    );
    app.post(
      '/video-events/cameras',
      {
        config: { permission: 'video.manage' },
        schema: { tags, summary: '登记摄像头（所属网格按坐标计算）', body: CameraBody },
      },
      async (request, reply) => reply.status(201).send(await video.createCamera(principalOf(request), request.body)),
    );
    app.put(
      '/video-events/cameras/:id',
      {
        config: { permission: 'video.manage' },
        schema: {
          tags,
          summary: '修改摄像头（含停用）',
          params: IdParams,
          body: Type.Object({ ...cameraFields, version: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => video.updateCamera(principalOf(request), request.params.id, request.body),
    );
    app.get(
      '/video-events/cameras/import/template',
      { config: { permission: 'video.manage' }, schema: { tags, summary: '下载摄像头台账导入模板（xlsx）' } },
      async (_request, reply) => {
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent('摄像头台账导入模板.xlsx')}`,
          );
        return reply.send(await cameraTemplate());
      },
    );
    app.post(
      '/video-events/cameras/import',
      {
        config: { permission: 'video.manage' },
        schema: {
          tags,
          summary: `从 xlsx/csv 导入摄像头台账（最多 ${MAX_CAMERA_ROWS} 行；编号相同则更新；有错误则整份不导入）`,
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => {
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID', { message: '请上传文件（表单字段 file）' });
        const bytes = await file.toBuffer();
        return video.importCameras(
          principalOf(request),
          { bytes, fileName: file.filename },
          request.query.dryRun ?? false,
        );
      },
    );
  };
