// HTTP routes of civility points and credit households (/api/points): the villages' rules, households,
// ledger, approvals, objections, shop, rankings and credit households for staff; /api/my/points for the
// household on its phone; the public board of a village (no sign-in).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Static, type TObject, Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { CAP_PERIODS, OBJECTION_STATES, REQUEST_STATES, RULE_UNITS } from '../../domain/points/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { DayString, IdParams, Nullable } from '../../http/schemas.js';
import type { Principal } from '../auth/principal.js';
import { toXlsx } from '../dashboards/xlsx.js';
import { householdTemplate, MAX_HOUSEHOLD_ROWS } from './import-households.js';
import type { PointsService } from './points-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = DayString({ description: 'YYYY-MM-DD' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Version = Type.Integer({ minimum: 1 });
const Ids = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 9 });
const Format = Type.Optional(literals(['json', 'xlsx'] as const));
const tags = ['points'];

const RuleBody = Type.Object({
  category: Type.String({ minLength: 1, maxLength: 50 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  points: Type.Integer({ minimum: -1000, maximum: 1000 }),
  unit: literals(RULE_UNITS),
  capPoints: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100000 }))),
  capPeriod: Type.Optional(Nullable(literals(CAP_PERIODS))),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
});
const HouseholdFields = {
  doorNo: Type.String({ maxLength: 100 }),
  headName: Type.String({ maxLength: 100 }),
  members: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  gridId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
};
const ItemBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  price: Type.Integer({ minimum: 1, maximum: 100000 }),
  stock: Type.Integer({ minimum: 0, maximum: 1000000 }),
  active: Type.Optional(Type.Boolean()),
  attachmentId: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
});

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', disposition).send(body);
}

export const pointsRoutes =
  (deps: { points: PointsService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { points } = deps;
    const read = { permission: 'points.read' as const };
    const manage = { permission: 'points.manage' as const };
    /** POST a new record of a village (201 { id }). */
    const createInVillage = <B extends TObject>(
      url: string,
      summary: string,
      body: B,
      create: (p: Principal, villageId: number, input: Static<B>) => Promise<number>,
    ) =>
      app.post(url, { config: manage, schema: { tags, summary, params: IdParams, body } }, async (request, reply) => {
        const id = await create(principalOf(request), request.params.id, request.body as Static<B>);
        return reply.status(201).send({ id });
      });
    /** PATCH a record with the version the page saw (its fields optional). */
    const patchVersioned = <B extends TObject>(
      url: string,
      summary: string,
      body: B,
      update: (p: Principal, id: number, input: Partial<Static<B>> & { version: number }) => Promise<void>,
    ) =>
      app.patch(
        url,
        {
          config: manage,
          schema: {
            tags,
            summary,
            params: IdParams,
            body: Type.Object({ ...(Type.Partial(body) as unknown as TObject).properties, version: Version }),
          },
        },
        async (request) => {
          await update(
            principalOf(request),
            request.params.id,
            request.body as Partial<Static<B>> & { version: number },
          );
          return { ok: true };
        },
      );

    // ── rules and settings ──
    app.get(
      '/points/villages',
      { config: read, schema: { tags, summary: '可管理的村社区及其登记农户数' } },
      async (request) => ({
        items: await points.villages(principalOf(request)),
      }),
    );
    app.get('/points/template', { config: read, schema: { tags, summary: '县级积分规则模板' } }, async (request) => ({
      items: await points.template(principalOf(request)),
    }));
    app.post(
      '/points/template/rules',
      { config: manage, schema: { tags, summary: '县级模板新增规则（县平台）', body: RuleBody } },
      async (request, reply) =>
        reply.status(201).send({ id: await points.createRule(principalOf(request), null, request.body) }),
    );
    app.get(
      '/points/villages/:id',
      { config: read, schema: { tags, summary: '村社区的积分设置、规则与待办数', params: IdParams } },
      async (request) => points.village(principalOf(request), request.params.id),
    );
    app.put(
      '/points/villages/:id/settings',
      {
        config: manage,
        schema: {
          tags,
          summary: '村社区积分设置（审批阈值、申诉期限、诚信户等级分、公开积分榜）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            approvalThreshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            objectionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
            creditGradeA: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            creditGradeAA: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            creditGradeAAA: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            boardPublic: Type.Optional(Type.Boolean()),
            boardFullNames: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await points.updateSettings(principal, request.params.id, request.body);
        return points.village(principal, request.params.id);
      },
    );
    app.post(
      '/points/villages/:id/adopt-template',
      { config: manage, schema: { tags, summary: '采用县级模板（新增本村尚未采用的规则）', params: IdParams } },
      async (request) => points.adoptTemplate(principalOf(request), request.params.id),
    );
    createInVillage('/points/villages/:id/rules', '本村新增积分规则', RuleBody, (p, id, input) =>
      points.createRule(p, id, input),
    );
    patchVersioned('/points/rules/:id', '修改积分规则（分值、上限、停用）', RuleBody, (p, id, input) =>
      points.updateRule(p, id, input),
    );

    // ── households ──
    app.get(
      '/points/households',
      {
        config: read,
        schema: {
          tags,
          summary: '农户名单（手机号、地址已脱敏）',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            includeInactive: Type.Optional(Type.Boolean()),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
        },
      },
      async (request) => points.households(principalOf(request), request.query),
    );
    app.post(
      '/points/households',
      {
        config: manage,
        schema: {
          tags,
          summary: '登记农户',
          body: Type.Object({ villageId: Type.Integer({ minimum: 1 }), ...HouseholdFields }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const id = await points.createHousehold(principal, request.body);
        return reply.status(201).send(await points.household(principal, id));
      },
    );
    app.get(
      '/points/households/import/template',
      { config: manage, schema: { tags, summary: '下载农户名单导入模板（xlsx）' } },
      async (_request, reply) => sendXlsx(reply, '农户名单导入模板.xlsx', await householdTemplate()),
    );
    app.post(
      '/points/households/import',
      {
        config: manage,
        schema: {
          tags,
          summary: `从 xlsx/csv 导入某村农户名单（最多 ${MAX_HOUSEHOLD_ROWS} 行；门牌号相同则更新；有错误则整份不导入）`,
          querystring: Type.Object({ villageId: Type.Integer({ minimum: 1 }), dryRun: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => {
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID', { message: '请上传文件（表单字段 file）' });
        const bytes = await file.toBuffer();
        return points.importHouseholds(
          principalOf(request),
          request.query.villageId,
          { bytes, fileName: file.filename },
          request.query.dryRun ?? false,
        );
      },
    );
    app.get(
      '/points/households/:id',
      { config: read, schema: { tags, summary: '农户（手机号、地址已脱敏）', params: IdParams } },
      async (request) => points.household(principalOf(request), request.params.id),
    );
    app.patch(
      '/points/households/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改农户（含逾期欠款登记、停用）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            ...Type.Partial(Type.Object(HouseholdFields)).properties,
            overdueDebt: Type.Optional(Type.Boolean()),
            overdueDebtNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            active: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await points.updateHousehold(principal, request.params.id, request.body);
        return points.household(principal, request.params.id);
      },
    );
    app.get(
      '/points/households/:id/pii',
      {
        config: { permission: 'pii.view' },
        schema: { tags, summary: '查看户主完整手机号与地址（记入审计日志）', params: IdParams },
      },
      async (request) => points.revealHousehold(principalOf(request), request.params.id, request.ip),
    );
    app.get(
      '/points/households/:id/ledger',
      { config: read, schema: { tags, summary: '农户积分明细（新的在前；余额为各条之和）', params: IdParams } },
      async (request) => {
        const principal = principalOf(request);
        const household = await points.household(principal, request.params.id);
        return { household, entries: await points.ledger(principal, request.params.id) };
      },
    );

    // ── the ledger ──
    app.post(
      '/points/entries',
      {
        config: manage,
        schema: {
          tags,
          summary: '按规则加分或扣分（附证据；达到审批阈值的进入待审批）',
          description: '201 已记入台账；202 待另一人审批。扣分须附证据（照片、关联案件或情况说明）。',
          body: Type.Object({
            householdId: Type.Integer({ minimum: 1 }),
            ruleId: Type.Integer({ minimum: 1 }),
            quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            occurredOn: Type.Optional(Day),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            attachmentIds: Type.Optional(Ids),
            caseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
            activity: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          }),
        },
      },
      async (request, reply) => {
        const outcome = await points.award(principalOf(request), request.body);
        return reply.status(outcome.status === 'posted' ? 201 : 202).send(outcome);
      },
    );
    app.post(
      '/points/entries/:id/correct',
      {
        config: manage,
        schema: {
          tags,
          summary: '更正一条加分或扣分（追加反向记录，台账不改写）',
          params: IdParams,
          body: Type.Object({ reason: Type.String({ maxLength: 500 }), points: Type.Optional(Type.Integer()) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await points.correct(principalOf(request), request.params.id, request.body)),
    );
    app.get(
      '/points/requests',
      {
        config: read,
        schema: {
          tags,
          summary: '待审批（及已审批）的加减分',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literals(REQUEST_STATES)),
          }),
        },
      },
      async (request) => ({ items: await points.requests(principalOf(request), request.query) }),
    );
    app.post(
      '/points/requests/:id/decide',
      {
        config: { permission: 'points.approve' },
        schema: {
          tags,
          summary: '审批加减分（不能审批自己录入的）',
          params: IdParams,
          body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request) => points.decideRequest(principalOf(request), request.params.id, request.body),
    );
    app.get(
      '/points/objections',
      {
        config: read,
        schema: {
          tags,
          summary: '农户对扣分的申诉',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literals(OBJECTION_STATES)),
          }),
        },
      },
      async (request) => ({ items: await points.objections(principalOf(request), request.query) }),
    );
    app.post(
      '/points/objections/:id/decide',
      {
        config: { permission: 'points.approve' },
        schema: {
          tags,
          summary: '复核申诉（成立则追加更正记录退回扣分）',
          params: IdParams,
          body: Type.Object({ uphold: Type.Boolean(), note: Type.String({ maxLength: 500 }) }),
        },
      },
      async (request) => points.decideObjection(principalOf(request), request.params.id, request.body),
    );

    // ── the shop ──
    app.get(
      '/points/villages/:id/items',
      { config: read, schema: { tags, summary: '积分超市商品', params: IdParams } },
      async (request) => ({ items: await points.items(principalOf(request), request.params.id) }),
    );
    createInVillage('/points/villages/:id/items', '积分超市上架商品', ItemBody, (p, id, input) =>
      points.createItem(p, id, input),
    );
    patchVersioned('/points/items/:id', '修改商品（价格、库存、下架）', ItemBody, (p, id, input) =>
      points.updateItem(p, id, input),
    );
    app.post(
      '/points/redemptions',
      {
        config: manage,
        schema: {
          tags,
          summary: '柜台兑换（余额不足或库存不足则拒绝）',
          body: Type.Object({
            householdId: Type.Integer({ minimum: 1 }),
            itemId: Type.Integer({ minimum: 1 }),
            quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
          }),
        },
      },
      async (request, reply) => reply.status(201).send(await points.redeem(principalOf(request), request.body)),
    );
    app.get(
      '/points/redemptions',
      {
        config: read,
        schema: {
          tags,
          summary: '兑换记录（awaiting=true：手机兑换待领取）',
          querystring: Type.Object({
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            awaiting: Type.Optional(Type.Boolean()),
          }),
        },
      },
      async (request) => ({ items: await points.redemptions(principalOf(request), request.query) }),
    );
    app.post(
      '/points/redemptions/:id/hand-over',
      { config: manage, schema: { tags, summary: '手机兑换的商品已领取', params: IdParams } },
      async (request) => {
        await points.handOver(principalOf(request), request.params.id);
        return { ok: true };
      },
    );
    app.post(
      '/points/redemptions/:id/cancel',
      {
        config: manage,
        schema: {
          tags,
          summary: '取消手机兑换（未领取；积分以退还记录返还、库存恢复；原因农户可见）',
          params: IdParams,
          body: Type.Object({ reason: Type.String({ maxLength: 500 }) }),
        },
      },
      async (request) => points.cancelRedemption(principalOf(request), request.params.id, request.body),
    );

    // ── rankings and credit households ──
    app.get(
      '/points/villages/:id/ranking',
      {
        config: read,
        schema: {
          tags,
          summary: '积分排名（月度 YYYY-MM / 年度 YYYY；format=xlsx 导出）',
          params: IdParams,
          querystring: Type.Object({ period: Type.String({ maxLength: 7 }), format: Format }),
        },
      },
      async (request, reply) => {
        const view = await points.ranking(principalOf(request), request.params.id, request.query.period);
        if (request.query.format !== 'xlsx') return view;
        const body = await toXlsx([points.rankingSheet(view)]);
        return sendXlsx(reply, `${view.village.name}积分排名-${view.period.key}.xlsx`, body);
      },
    );
    app.get(
      '/points/villages/:id/credit-candidates',
      {
        config: read,
        schema: {
          tags,
          summary: '诚信户评定：各户年度积分、未处理扣分、逾期欠款与是否符合条件',
          params: IdParams,
          querystring: Type.Object({ year: Year }),
        },
      },
      async (request) => ({
        items: await points.creditCandidates(principalOf(request), request.params.id, request.query.year),
      }),
    );
    app.post(
      '/points/villages/:id/credit',
      {
        config: manage,
        schema: {
          tags,
          summary: '村委会评议后认定诚信户（所选农户须符合条件）',
          params: IdParams,
          body: Type.Object({
            year: Year,
            householdIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 }),
            reviewNote: Type.String({ maxLength: 1000 }),
            reviewedOn: Day,
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await points.designate(principalOf(request), { ...request.body, villageId: request.params.id })),
    );
    app.get(
      '/points/credit',
      {
        config: read,
        schema: {
          tags,
          summary: '诚信户名单（本村、本镇街或全县；format=xlsx 导出整村授信名单）',
          querystring: Type.Object({
            year: Year,
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
            includeRevoked: Type.Optional(Type.Boolean()),
            format: Format,
          }),
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const items = await points.creditHouseholds(principalOf(request), query);
        if (format !== 'xlsx') return { items };
        const body = await toXlsx([points.creditSheet(query.year, items)]);
        return sendXlsx(reply, `诚信户名单-${query.year}.xlsx`, body);
      },
    );
    app.post(
      '/points/credit/:id/revoke',
      {
        config: manage,
        schema: {
          tags,
          summary: '撤销诚信户称号',
          params: IdParams,
          body: Type.Object({ reason: Type.String({ maxLength: 500 }) }),
        },
      },
      async (request) => {
        await points.revokeCredit(principalOf(request), request.params.id, request.body.reason);
        return { ok: true };
      },
    );

    // ── the household on its phone, and the public board ──
    const own = { permission: 'points.own' as const };
    app.get(
      '/my/points',
      { config: own, schema: { tags, summary: '我家的积分：余额、明细、积分超市、兑换' } },
      async (request) => points.mine(principalOf(request)),
    );
    app.post(
      '/my/points/entries/:id/objection',
      {
        config: own,
        schema: {
          tags,
          summary: '对扣分提出申诉（期限内、每条一次）',
          params: IdParams,
          body: Type.Object({ reason: Type.String({ maxLength: 1000 }), attachmentIds: Type.Optional(Ids) }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await points.object(principalOf(request), request.params.id, request.body)),
    );
    app.post(
      '/my/points/redemptions',
      {
        config: own,
        schema: {
          tags,
          summary: '在手机上兑换积分超市商品（到村里领取）',
          body: Type.Object({
            itemId: Type.Integer({ minimum: 1 }),
            quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
          }),
        },
      },
      async (request, reply) => {
        const { itemId, quantity } = request.body;
        return reply.status(201).send(await points.redeem(principalOf(request), { itemId, quantity }));
      },
    );
    app.post(
      '/my/points/redemptions/:id/cancel',
      {
        config: own,
        schema: {
          tags,
          summary: '取消我家尚未领取的兑换（积分退还）',
          params: IdParams,
          body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
        },
      },
      async (request) => points.cancelRedemption(principalOf(request), request.params.id, request.body ?? {}),
    );
    app.get(
      '/public/points/villages/:id/board',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '村社区文明积分公示榜（无需登录；只显示户名与积分）',
          params: IdParams,
          querystring: Type.Object({ period: Type.String({ maxLength: 7 }) }),
        },
      },
      async (request) => points.board(request.params.id, request.query.period),
    );
  };
