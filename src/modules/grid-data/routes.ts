// HTTP routes of the grid base data: /api/grid-data/{people|households|places|things|organisations} for the
// records (list, one with its history and cases, create, edit, archive, reveal, template, import, export),
// the import jobs' progress, the tag list, the dashboard, and the subjects a case names.
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { KIND_LABELS, KIND_PATHS, kindOfPath, RECORD_KINDS, type RecordKind } from '../../domain/grid-data/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { GridDataService } from './grid-data-service.js';

const KindParam = Type.Union(RECORD_KINDS.map((k) => Type.Literal(KIND_PATHS[k])));
const KindParams = Type.Object({ kind: KindParam });
const KindIdParams = Type.Object({ kind: KindParam, id: Type.Integer({ minimum: 1 }) });
const Filters = {
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 50 })),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  duplicate: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  archived: Type.Optional(Type.Boolean()),
};
const Fields = Type.Record(Type.String(), Type.Unknown());
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

function kindOf(segment: string): RecordKind {
  const kind = kindOfPath(segment);
  if (!kind) throw new AppError('NOT_FOUND');
  return kind;
}

export const gridDataRoutes =
  (deps: { gridData: GridDataService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { gridData } = deps;
    const tags = ['grid-data'];
    const read = { permission: 'griddata.read' } as const;
    const manage = { permission: 'griddata.manage' } as const;

    app.get(
      '/grid-data/kinds',
      { config: read, schema: { tags, summary: '底数的五类记录及其字段、可见的特殊人群标签' } },
      async (request) => gridData.kinds(principalOf(request)),
    );
    app.get(
      '/grid-data/tags',
      { config: read, schema: { tags, summary: '特殊人群标签（敏感标签仅对有权限者列出）' } },
      async (request) => ({
        items: await gridData.tags(principalOf(request)),
      }),
    );
    app.put(
      '/grid-data/tags',
      {
        config: { permission: 'griddata.configure' },
        schema: {
          tags,
          summary: '维护特殊人群标签清单（未列出的标签停用，不删除）',
          body: Type.Object({
            items: Type.Array(
              Type.Object({ name: Type.String({ maxLength: 40 }), sensitive: Type.Boolean(), active: Type.Boolean() }),
              { maxItems: 100 },
            ),
          }),
        },
      },
      async (request) => ({ items: await gridData.saveTags(principalOf(request), request.body.items) }),
    );
    app.get(
      '/grid-data/dashboard',
      {
        config: read,
        schema: {
          tags,
          summary: '网格 / 村社区 / 镇街的底数概况',
          querystring: Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        return gridData.dashboard(p, request.query.orgId ?? (p.orgId as number));
      },
    );
    app.get(
      '/grid-data/imports/:id',
      { config: manage, schema: { tags, summary: '导入任务的进度与逐行错误', params: IdParams } },
      async (request) => gridData.importProgress(principalOf(request), request.params.id),
    );
    app.get(
      '/grid-data/cases/:id/subjects',
      { config: read, schema: { tags, summary: '案件涉及的人、地、物', params: IdParams } },
      async (request) => gridData.caseSubjects(principalOf(request), request.params.id),
    );
    app.post(
      '/grid-data/cases/:id/subjects',
      {
        config: read,
        schema: {
          tags,
          summary: '为案件关联涉及的人、地、物',
          params: IdParams,
          body: Type.Object({ recordId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => gridData.attach(principalOf(request), request.params.id, request.body.recordId),
    );
    app.delete(
      '/grid-data/cases/:id/subjects/:recordId',
      {
        config: read,
        schema: {
          tags,
          summary: '取消案件与记录的关联',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), recordId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request) => gridData.detach(principalOf(request), request.params.id, request.params.recordId),
    );

    app.get(
      '/grid-data/:kind',
      {
        config: read,
        schema: {
          tags,
          summary: '底数记录列表（筛选；按姓名/名称前缀、编码，或按完整身份证号、电话精确查找）',
          params: KindParams,
          querystring: Type.Object({
            ...Filters,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
          }),
        },
      },
      async (request) => gridData.list(principalOf(request), kindOf(request.params.kind), request.query),
    );
    app.post(
      '/grid-data/:kind',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记一条记录',
          params: KindParams,
          body: Type.Object({ gridId: Type.Integer({ minimum: 1 }), fields: Fields }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await gridData.create(principalOf(request), kindOf(request.params.kind), request.body)),
    );
    app.get(
      '/grid-data/:kind/export',
      {
        config: { ...read, reauth: true }, // a bulk export of personal data: the password again (issue 18 §2)
        schema: { tags, summary: '按当前筛选导出 xlsx（脱敏）', params: KindParams, querystring: Type.Object(Filters) },
      },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        const stream = await gridData.export(principalOf(request), kind, request.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', disposition(`网格底数-${KIND_LABELS[kind]}.xlsx`))
          .send(stream);
      },
    );
    app.get(
      '/grid-data/:kind/import/template',
      { config: manage, schema: { tags, summary: '下载导入模板（xlsx）', params: KindParams } },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', disposition(`网格底数-${KIND_LABELS[kind]}-导入模板.xlsx`))
          .send(await gridData.template(principalOf(request), kind));
      },
    );
    app.post(
      '/grid-data/:kind/import',
      {
        config: manage,
        schema: {
          tags,
          summary: '导入 xlsx（先逐行检查，有错则整份不导入；按身份证号 / 编码更新；返回任务，轮询进度）',
          params: KindParams,
          querystring: Type.Object({ orgId: Type.Integer({ minimum: 1 }), dryRun: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID', { message: '请上传文件（表单字段 file）' });
        if (!/\.xlsx$/i.test(file.filename))
          throw new AppError('IMPORT_INVALID', { message: '请上传 xlsx 文件（可先下载导入模板）' });
        const dir = await mkdtemp(path.join(tmpdir(), 'gongzhi-import-'));
        const filePath = path.join(dir, 'upload.xlsx');
        await pipeline(file.file, createWriteStream(filePath));
        if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
        const job = await gridData.import(principalOf(request), kind, {
          orgId: request.query.orgId,
          filePath,
          fileName: file.filename,
          dryRun: request.query.dryRun ?? false,
        });
        return reply.status(202).send(job);
      },
    );
    app.get(
      '/grid-data/:kind/:id',
      {
        config: read,
        schema: { tags, summary: '一条记录（脱敏）及其修改历史、户成员、关联案件', params: KindIdParams },
      },
      async (request) => gridData.get(principalOf(request), kindOf(request.params.kind), request.params.id),
    );
    app.patch(
      '/grid-data/:kind/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改记录（只传要改的字段）',
          params: KindIdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            gridId: Type.Optional(Type.Integer({ minimum: 1 })),
            fields: Fields,
          }),
        },
      },
      async (request) =>
        gridData.update(principalOf(request), kindOf(request.params.kind), request.params.id, request.body),
    );
    app.post(
      '/grid-data/:kind/:id/archive',
      {
        config: manage,
        schema: {
          tags,
          summary: '归档或恢复记录（不删除）',
          params: KindIdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            archived: Type.Boolean(),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request) =>
        gridData.archive(principalOf(request), kindOf(request.params.kind), request.params.id, request.body),
    );
    app.get(
      '/grid-data/:kind/:id/reveal',
      {
        config: { permission: 'griddata.reveal' },
        schema: { tags, summary: '查看完整身份证号、电话、房号（记入审计）', params: KindIdParams },
      },
      async (request) =>
        gridData.reveal(principalOf(request), kindOf(request.params.kind), request.params.id, request.ip),
    );
  };
