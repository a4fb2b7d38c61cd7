// Attachment routes: upload one file per call (multipart field `file`), read it back, read its thumbnail.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { MAX_ATTACHMENT_BYTES } from '../../domain/intake/upload-rules.js';
import { principalOf } from '../../http/auth-hooks.js';
import type { AppServices } from '../../services.js';

const AttachmentParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const AttachmentView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});

export const attachmentRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { attachments } = services;
    app.addHook('onClose', () => attachments.close());

    app.post(
      '/attachments',
      {
        config: {},
        schema: {
          tags: ['attachments'],
          summary: '上传附件（multipart 字段 file，每次一个文件；按内容识别类型，最大 20 MB）',
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentView },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (!request.isMultipart()) {
          throw new AppError('VALIDATION_FAILED', { message: '请以 multipart/form-data 上传，文件放在字段 file 中' });
        }
        const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
        if (file?.fieldname !== 'file') {
          throw new AppError('VALIDATION_FAILED', { message: '请上传文件（表单字段 file）' });
        }
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('ATTACHMENT_TOO_LARGE', {
              message: `文件「${file.filename}」超过 20 MB，请压缩或截取后重新上传`,
              details: { maxBytes: MAX_ATTACHMENT_BYTES },
            });
          }
          throw error;
        }
        const view = await attachments.upload(principal, {
          fileName: file.filename,
          claimedMime: file.mimetype,
          bytes,
        });
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/attachments/:id',
      {
        config: {},
        schema: {
          tags: ['attachments'],
          summary: '下载附件（群众看到的图片已去除 EXIF 位置等元数据）',
          params: AttachmentParams,
        },
      },
      async (request, reply) => {
        const content = await attachments.content(principalOf(request), request.params.id, 'file');
        return reply
          .header('content-type', content.mime)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(content.name)}`)
          .send(content.bytes);
      },
    );

    app.get(
      '/attachments/:id/thumbnail',
      {
        config: {},
        schema: { tags: ['attachments'], summary: '附件缩略图（仅图片，JPEG）', params: AttachmentParams },
      },
      async (request, reply) => {
        const content = await attachments.content(principalOf(request), request.params.id, 'thumbnail');
        return reply
          .header('content-type', content.mime)
          .header('cache-control', 'private, max-age=3600')
          .send(content.bytes);
      },
    );

    app.get(
      '/attachments/:id/meta',
      {
        config: {},
        schema: {
          tags: ['attachments'],
          summary: '附件信息（名称、类型、大小、尺寸）',
          params: AttachmentParams,
          response: { 200: AttachmentView },
        },
      },
      async (request) => attachments.describe(principalOf(request), request.params.id),
    );
  };
