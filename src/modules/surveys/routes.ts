// HTTP routes of the surveys (智慧民调): /api/surveys for staff (rounds, sample, SMS, results, trends, the
// assessment indicator, the call screen), /api/my/surveys for a signed-in citizen, and the public link
// /api/public/surveys/:token (no sign-in; the token is the credential).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CALL_OUTCOMES, ROUND_KINDS, ROUND_STATES, SAMPLE_STATES } from '../../domain/survey/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams } from '../../http/schemas.js';
import type { SurveyService } from './survey-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Version = Type.Integer({ minimum: 1 });
const tags = ['surveys'];
const Quotas = Type.Array(
  Type.Object({
    level: literals(['town', 'village'] as const),
    orgId: Type.Integer({ minimum: 1 }),
    size: Type.Integer(),
  }),
  { maxItems: 500 },
);
// the questionnaire's rules are the domain's (src/domain/survey/questionnaire.ts), which names the field
const Questionnaire = Type.Unknown({
  description: '问卷 JSON：{ intro, script, questions: [{ key, type, title, required, options }] }',
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const surveyRoutes =
  (deps: { surveys: SurveyService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { surveys } = deps;
    const read = { permission: 'survey.read' as const };
    const manage = { permission: 'survey.manage' as const };
    const call = { permission: 'survey.call' as const };

    // ── rounds ──
    app.get(
      '/surveys/rounds',
      {
        config: read,
        schema: {
          tags,
          summary: '民调轮次（本县）',
          querystring: Type.Object({
            kind: Type.Optional(literals(ROUND_KINDS)),
            state: Type.Optional(literals(ROUND_STATES)),
          }),
        },
      },
      async (request) => surveys.rounds(principalOf(request), request.query),
    );
    app.post(
      '/surveys/rounds',
      {
        config: manage,
        schema: {
          tags,
          summary: '新建民调（草稿）：问卷与样本配额',
          body: Type.Object({
            title: Type.String({ maxLength: 200 }),
            kind: literals(ROUND_KINDS),
            questionnaire: Questionnaire,
            quotas: Quotas,
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await surveys.create(principalOf(request), request.body)),
    );
    app.get(
      '/surveys/rounds/:id',
      { config: read, schema: { tags, summary: '民调详情：问卷、配额、抽样结果、进度与历史', params: IdParams } },
      async (request) => surveys.round(principalOf(request), request.params.id),
    );
    app.patch(
      '/surveys/rounds/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改问卷、名称或配额（草稿、抽样阶段）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            title: Type.Optional(Type.String({ maxLength: 200 })),
            questionnaire: Type.Optional(Questionnaire),
            quotas: Type.Optional(Quotas),
          }),
        },
      },
      async (request) => surveys.update(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/surveys/rounds/:id/draw',
      {
        config: manage,
        schema: {
          tags,
          summary: '按配额抽取样本（可指定随机种子以复现；不足配额时报告缺口）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
          }),
        },
      },
      async (request) => surveys.draw(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/surveys/rounds/:id/start',
      {
        config: manage,
        schema: { tags, summary: '开始发放', params: IdParams, body: Type.Object({ version: Version }) },
      },
      async (request) => surveys.start(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/surveys/rounds/:id/close',
      {
        config: manage,
        schema: { tags, summary: '结束调查', params: IdParams, body: Type.Object({ version: Version }) },
      },
      async (request) => surveys.close(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/surveys/rounds/:id/sms',
      { config: manage, schema: { tags, summary: '通过短信网关向未答、未发送的受访者发送问卷链接', params: IdParams } },
      async (request) => {
        const origin = request.headers.origin ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
        return surveys.sendSms(principalOf(request), request.params.id, origin);
      },
    );
    app.get(
      '/surveys/rounds/:id/samples',
      {
        config: read,
        schema: {
          tags,
          summary: '样本名单（姓名、电话脱敏；本级及下级村社区）',
          params: IdParams,
          querystring: Type.Object({
            state: Type.Optional(literals(SAMPLE_STATES)),
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
        },
      },
      async (request) => surveys.samples(principalOf(request), request.params.id, request.query),
    );

    // ── results ──
    app.get(
      '/surveys/rounds/:id/results',
      {
        config: read,
        schema: {
          tags,
          summary: '分镇街、分村结果：样本量、比例或均值及 95% 置信区间（format=xlsx 导出）',
          params: IdParams,
          querystring: Type.Object({ format: Type.Optional(literals(['json', 'xlsx'] as const)) }),
        },
      },
      async (request, reply) => {
        if (request.query.format !== 'xlsx') return surveys.results(principalOf(request), request.params.id);
        const { title, body } = await surveys.resultsXlsx(principalOf(request), request.params.id);
        const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(`${title}-结果.xlsx`)}`;
        return reply.header('content-type', XLSX).header('content-disposition', disposition).send(body);
      },
    );
    app.get(
      '/surveys/rounds/:id/indicator',
      {
        config: read,
        schema: { tags, summary: '已结束民调的分镇街满意度，按考核指标的格式（供督导考核取用）', params: IdParams },
      },
      async (request) => surveys.indicator(principalOf(request), request.params.id),
    );
    app.get(
      '/surveys/trends',
      {
        config: read,
        schema: {
          tags,
          summary: '同类民调各轮满意度趋势（全县与各镇街）',
          querystring: Type.Object({ kind: Type.Optional(literals(ROUND_KINDS)) }),
        },
      },
      async (request) => surveys.trends(principalOf(request), request.query.kind ?? 'safety'),
    );

    // ── the call screen ──
    app.post(
      '/surveys/rounds/:id/calls/next',
      { config: call, schema: { tags, summary: '拨号屏：领取下一位受访者（15 分钟内为本人保留）', params: IdParams } },
      async (request) => surveys.nextCall(principalOf(request), request.params.id),
    );
    app.post(
      '/surveys/samples/:id/reveal',
      { config: call, schema: { tags, summary: '显示当前受访者的完整电话以便拨打（记入审计）', params: IdParams } },
      async (request) => surveys.reveal(principalOf(request), request.params.id, request.ip),
    );
    app.post(
      '/surveys/samples/:id/calls',
      {
        config: call,
        schema: {
          tags,
          summary: '记录一次电话访问：接通（附答卷）、未接、拒访',
          params: IdParams,
          body: Type.Object({
            version: Version,
            outcome: literals(CALL_OUTCOMES),
            answers: Type.Optional(Type.Unknown()),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await surveys.recordCall(principalOf(request), request.params.id, request.body)),
    );

    // ── the citizen and the link ──
    app.get(
      '/my/surveys',
      { config: { permission: 'survey.own' as const }, schema: { tags, summary: '我的待答问卷' } },
      async (request) => surveys.mine(principalOf(request)),
    );
    const Token = Type.Object({ token: Type.String({ minLength: 10, maxLength: 64 }) });
    app.get(
      '/public/surveys/:token',
      { config: { public: true }, schema: { tags, summary: '问卷链接（无需登录；不含个人信息）', params: Token } },
      async (request) => surveys.publicSurvey(request.params.token),
    );
    app.post(
      '/public/surveys/:token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '通过链接提交答卷（每位受访者一次）',
          params: Token,
          body: Type.Object({ answers: Type.Unknown(), via: Type.Optional(literals(['link', 'sms'] as const)) }),
        },
      },
      async (request, reply) => reply.status(201).send(await surveys.answer(request.params.token, request.body)),
    );
  };
