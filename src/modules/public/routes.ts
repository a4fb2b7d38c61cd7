// HTTP routes of the public showcase. Staff (/api/showcase): typical cases picked from closed cases, their
// de-identified text, the review (submit, approve or return, publish, withdraw) and news posts. The public page
// (/api/public, no sign-in, rate-limited, cached): the county's figures, published typical cases and news, the
// villages for the picker.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SHOWCASE_STATES } from '../../domain/showcase/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, Nullable } from '../../http/schemas.js';
import type { Permission } from '../auth/permissions.js';
import type { ReviewAction } from './act-on-typical-case.js';
import { sendCached } from './public-cache.js';
import type { ShowcaseService } from './showcase-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Version = Type.Integer({ minimum: 1 });
const tags = ['showcase'];
const publicTags = ['public'];
const Title = Type.String({ minLength: 1, maxLength: 100 });
const Body = Type.String({ minLength: 1, maxLength: 20_000 });
const Note = Type.Optional(Type.String({ maxLength: 1000 }));
const AttachmentId = Type.String({ pattern: '^[0-9a-f-]{36}$' });
const CountyQuery = Type.Object({
  county: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '县级行政区划代码（默认本系统的县）' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
});

/** How long browsers and proxies may keep each public answer (seconds). */
export const PUBLIC_MAX_AGE = { statistics: 600, lists: 60, item: 300, cover: 86_400 } as const;

export const showcaseRoutes =
  (deps: { showcase: ShowcaseService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { showcase } = deps;
    const write: { permission: Permission } = { permission: 'showcase.write' };
    const review: { permission: Permission } = { permission: 'showcase.review' };

    // ── typical cases ──
    app.get(
      '/showcase/cases',
      {
        config: {},
        schema: {
          tags,
          summary: '典型案例（本辖区，各状态；撰写或审核人员）',
          querystring: Type.Object({ state: Type.Optional(literals(SHOWCASE_STATES)) }),
        },
      },
      async (request) => showcase.typicalCases(principalOf(request), request.query),
    );
    app.get(
      '/showcase/candidates',
      {
        config: write,
        schema: {
          tags,
          summary: '可选为典型案例的已办结案件（本辖区，尚未选用）',
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }),
        },
      },
      async (request) => showcase.candidates(principalOf(request), request.query),
    );
    app.post(
      '/showcase/cases',
      {
        config: write,
        schema: {
          tags,
          summary: '选用已办结案件为典型案例（系统生成脱敏建议稿）',
          body: Type.Object({ caseId: Type.Integer({ minimum: 1 }) }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await showcase.propose(principal, request.body);
        return reply.status(201).send(await showcase.typicalCase(principal, id));
      },
    );
    app.get(
      '/showcase/cases/:id',
      { config: {}, schema: { tags, summary: '典型案例详情（文本、审核记录、可执行操作）', params: IdParams } },
      async (request) => showcase.typicalCase(principalOf(request), request.params.id),
    );
    app.patch(
      '/showcase/cases/:id',
      {
        config: write,
        schema: {
          tags,
          summary: '修改典型案例文本（审核通过后修改须重新审核）',
          params: IdParams,
          body: Type.Object({ version: Version, title: Type.Optional(Title), body: Type.Optional(Body) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await showcase.edit(principal, request.params.id, request.body);
        return showcase.typicalCase(principal, request.params.id);
      },
    );
    const reviewSteps: [ReviewAction, string, { permission: Permission }][] = [
      ['submit', '提交审核（文中不得含有姓名、电话、身份证号、详细地址）', write],
      ['approve', '审核通过（审核人不能是撰写或最后修改的人）', review],
      ['return', '退回修改（须写明原因）', review],
      ['publish', '发布到公开页（仅审核通过的案例）', write],
      ['withdraw', '从公开页撤回（须写明原因）', write],
    ];
    for (const [action, summary, config] of reviewSteps) {
      app.post(
        `/showcase/cases/:id/${action}`,
        {
          config,
          schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version, note: Note }) },
        },
        async (request) => {
          const principal = principalOf(request);
          await showcase.act(principal, request.params.id, action, request.body);
          return showcase.typicalCase(principal, request.params.id);
        },
      );
    }

    // ── news posts ──
    app.get(
      '/showcase/news',
      { config: write, schema: { tags, summary: '新闻动态（本县，各状态）' } },
      async (request) => showcase.news(principalOf(request)),
    );
    app.post(
      '/showcase/news',
      {
        config: write,
        schema: {
          tags,
          summary: '新建新闻动态（草稿）',
          body: Type.Object({ title: Title, body: Body, coverAttachmentId: Type.Optional(Nullable(AttachmentId)) }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { id } = await showcase.createNews(principal, request.body);
        return reply.status(201).send(await showcase.newsItem(principal, id));
      },
    );
    app.get(
      '/showcase/news/:id',
      { config: write, schema: { tags, summary: '新闻动态详情', params: IdParams } },
      async (request) => showcase.newsItem(principalOf(request), request.params.id),
    );
    app.patch(
      '/showcase/news/:id',
      {
        config: write,
        schema: {
          tags,
          summary: '修改新闻动态',
          params: IdParams,
          body: Type.Object({
            version: Version,
            title: Type.Optional(Title),
            body: Type.Optional(Body),
            coverAttachmentId: Type.Optional(Nullable(AttachmentId)),
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await showcase.updateNews(principal, request.params.id, request.body);
        return showcase.newsItem(principal, request.params.id);
      },
    );
    for (const [action, summary] of [
      ['publish', '发布新闻动态'],
      ['withdraw', '撤回新闻动态'],
    ] as const) {
      app.post(
        `/showcase/news/:id/${action}`,
        { config: write, schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }) } },
        async (request) => {
          const principal = principalOf(request);
          await showcase.actOnNews(principal, request.params.id, action, request.body.version);
          return showcase.newsItem(principal, request.params.id);
        },
      );
    }

    // ── the public page (no sign-in) ──
    const open = { public: true };
    app.get(
      '/public/counties',
      { config: open, schema: { tags: publicTags, summary: '公开页：本系统的县' } },
      async (request, reply) => sendCached(request, reply, { items: await showcase.counties() }, PUBLIC_MAX_AGE.item),
    );
    app.get(
      '/public/statistics',
      {
        config: open,
        schema: {
          tags: publicTags,
          summary: '公开页：全县近 12 个月受理、办结、解决、满意度（按月、按镇街；按县、日缓存）',
          querystring: Type.Object({ county: CountyQuery.properties.county }),
        },
      },
      async (request, reply) =>
        sendCached(request, reply, await showcase.publicStatistics(request.query.county), PUBLIC_MAX_AGE.statistics),
    );
    app.get(
      '/public/cases',
      {
        config: open,
        schema: { tags: publicTags, summary: '公开页：已发布的典型案例（脱敏）', querystring: CountyQuery },
      },
      async (request, reply) => {
        const { county, limit = 10, offset = 0 } = request.query;
        return sendCached(request, reply, await showcase.publicCases(county, { limit, offset }), PUBLIC_MAX_AGE.lists);
      },
    );
    app.get(
      '/public/cases/:id',
      {
        config: open,
        schema: { tags: publicTags, summary: '公开页：典型案例全文（审核通过的文本）', params: IdParams },
      },
      async (request, reply) =>
        sendCached(request, reply, await showcase.publicCase(request.params.id), PUBLIC_MAX_AGE.item),
    );
    app.get(
      '/public/news',
      { config: open, schema: { tags: publicTags, summary: '公开页：新闻动态', querystring: CountyQuery } },
      async (request, reply) => {
        const { county, limit = 10, offset = 0 } = request.query;
        return sendCached(request, reply, await showcase.publicNews(county, { limit, offset }), PUBLIC_MAX_AGE.lists);
      },
    );
    app.get(
      '/public/news/:id',
      { config: open, schema: { tags: publicTags, summary: '公开页：新闻全文', params: IdParams } },
      async (request, reply) =>
        sendCached(request, reply, await showcase.publicNewsItem(request.params.id), PUBLIC_MAX_AGE.item),
    );
    app.get(
      '/public/news/:id/cover',
      {
        config: open,
        schema: {
          tags: publicTags,
          summary: '公开页：新闻封面图（去除拍摄信息的副本）',
          params: IdParams,
          querystring: Type.Object({ variant: Type.Optional(literals(['file', 'thumbnail'])) }),
        },
      },
      async (request, reply) => {
        const file = await showcase.publicCover(request.params.id, request.query.variant ?? 'file');
        return reply
          .header('cache-control', `public, max-age=${PUBLIC_MAX_AGE.cover}`)
          .type(file.mime)
          .send(file.bytes);
      },
    );
    app.get(
      '/public/villages',
      {
        config: open,
        schema: {
          tags: publicTags,
          summary: '公开页：镇街与村社区（链接到各村的积分榜、议事、小微权力公开页）',
          querystring: Type.Object({ county: CountyQuery.properties.county }),
        },
      },
      async (request, reply) =>
        sendCached(request, reply, await showcase.publicVillages(request.query.county), PUBLIC_MAX_AGE.lists),
    );
  };
