// HTTP routes of the convenience services (/api/service-items): stations, the county template and each station's
// list (adoption), applications (办件) with visits and results, the 最多跑一次 figures (JSON or xlsx); and the
// resident's side without sign-in (/api/service-items/public/...): search the list, an item's materials and the
// stations that offer it, nearest first from the phone's location or the resident's village (the picker of
// villages is the public showcase's /api/public/villages).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  APPLICATION_MODES,
  APPLICATION_RESULTS,
  APPLICATION_STATES,
  ITEM_KINDS,
  isGeoPoint,
  MAX_CHAIN_STEPS,
  SERVICE_LEVELS,
  STATION_KINDS,
} from '../../domain/service-item/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import { IdParams, MonthString, Paging } from '../../http/schemas.js';
import type { ServiceItemService } from './service-item-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Version = Type.Integer({ minimum: 1 });
const Month = MonthString({ description: 'YYYY-MM' });
const Materials = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 });
const tags = ['service-items'];

const StationFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  hours: Type.Optional(Type.String({ maxLength: 200 })),
  staff: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String({ minLength: 1, maxLength: 50 }),
        duty: Type.String({ maxLength: 50 }),
        phone: Type.String({ maxLength: 40 }),
      }),
      { maxItems: 20 },
    ),
  ),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  active: Type.Optional(Type.Boolean()),
};
const ItemFields = {
  kind: Type.Optional(literals(ITEM_KINDS)),
  category: Type.String({ minLength: 1, maxLength: 50 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  department: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  materials: Materials,
  legalLimitDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  levels: Type.Array(literals(SERVICE_LEVELS), { minItems: 1, maxItems: 3 }),
  agent: Type.Optional(Type.Boolean()),
  chainItemIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MAX_CHAIN_STEPS })),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
};
const ItemBody = Type.Object(ItemFields);
const StatsQuery = Type.Object({ from: Month, to: Month, by: Type.Optional(literals(['station', 'town'] as const)) });

export const serviceItemRoutes =
  (deps: { services: ServiceItemService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { services } = deps;
    const read = { permission: 'service.read' as const };
    const handle = { permission: 'service.handle' as const };
    const manage = { permission: 'service.manage' as const };

    // ── stations ──
    app.get(
      '/service-items/stations',
      { config: read, schema: { tags, summary: '便民服务站点（中心、代办点）' } },
      async (request) => ({
        items: await services.stations(principalOf(request)),
      }),
    );
    app.post(
      '/service-items/stations',
      {
        config: manage,
        schema: {
          tags,
          summary: '新设站点：镇街便民服务中心或村社区代办点',
          body: Type.Object({ orgId: Type.Integer({ minimum: 1 }), kind: literals(STATION_KINDS), ...StationFields }),
        },
      },
      async (request, reply) =>
        reply.status(201).send({ id: await services.createStation(principalOf(request), request.body) }),
    );
    app.get(
      '/service-items/stations/:id',
      { config: read, schema: { tags, summary: '站点详情及本站事项清单', params: IdParams } },
      async (request) => services.station(principalOf(request), request.params.id),
    );
    app.patch(
      '/service-items/stations/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改站点（地址、时间、人员、位置、停用）',
          params: IdParams,
          body: Type.Object({ ...Type.Partial(Type.Object(StationFields)).properties, version: Version }),
        },
      },
      async (request) => {
        await services.updateStation(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );

    // ── the county template and the stations' lists ──
    app.get(
      '/service-items/template',
      { config: read, schema: { tags, summary: '县级便民服务事项清单模板' } },
      async (request) => ({
        items: await services.template(principalOf(request)),
      }),
    );
    app.post(
      '/service-items/template/items',
      { config: manage, schema: { tags, summary: '县级模板新增事项（县平台）', body: ItemBody } },
      async (request, reply) =>
        reply.status(201).send({ id: await services.createItem(principalOf(request), null, request.body) }),
    );
    app.post(
      '/service-items/stations/:id/items',
      { config: manage, schema: { tags, summary: '本站新增事项', params: IdParams, body: ItemBody } },
      async (request, reply) =>
        reply
          .status(201)
          .send({ id: await services.createItem(principalOf(request), request.params.id, request.body) }),
    );
    app.post(
      '/service-items/stations/:id/adopt',
      {
        config: manage,
        schema: {
          tags,
          summary: '采用县级模板（所选事项，或本站可办、可代办的全部事项；一链办理连同其步骤）',
          params: IdParams,
          body: Type.Object({ itemIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })) }),
        },
      },
      async (request) => services.adopt(principalOf(request), request.params.id, request.body.itemIds),
    );
    app.patch(
      '/service-items/items/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改事项（材料、时限、停用）；县级模板由县平台修改',
          params: IdParams,
          body: Type.Object({ ...Type.Partial(ItemBody).properties, version: Version }),
        },
      },
      async (request) => {
        await services.updateItem(principalOf(request), request.params.id, request.body);
        return { ok: true };
      },
    );
    app.post(
      '/service-items/items/:id/sync-template',
      {
        config: manage,
        schema: {
          tags,
          summary: '本站事项同步为县级模板的最新版本',
          params: IdParams,
          body: Type.Object({ version: Version }),
        },
      },
      async (request) => {
        await services.syncFromTemplate(principalOf(request), request.params.id, request.body.version);
        return { ok: true };
      },
    );

    // ── applications ──
    app.get(
      '/service-items/applications',
      {
        config: read,
        schema: {
          tags,
          summary: '办件列表（群众姓名、电话脱敏）',
          querystring: Type.Object({
            stationId: Type.Optional(Type.Integer({ minimum: 1 })),
            state: Type.Optional(literals(APPLICATION_STATES)),
            month: Type.Optional(Month),
            overdue: Type.Optional(Type.Boolean()),
            ...Paging,
          }),
        },
      },
      async (request) => services.applications(principalOf(request), request.query),
    );
    app.post(
      '/service-items/applications',
      {
        config: handle,
        schema: {
          tags,
          summary: '受理或代办一件事项（一链办理按步骤各生成一个办件）；时限按工作日历计算',
          body: Type.Object({
            stationId: Type.Integer({ minimum: 1 }),
            itemId: Type.Integer({ minimum: 1 }),
            mode: literals(APPLICATION_MODES),
            residentName: Type.String({ minLength: 1, maxLength: 50 }),
            residentPhone: Type.Optional(Type.String({ maxLength: 20 })),
            materialsReceived: Type.Optional(Materials),
            acceptedAt: Type.Optional(Type.String({ format: 'date-time' })),
          }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const ids = await services.take(principal, request.body);
        return reply.status(201).send({ ids, application: await services.application(principal, ids[0] as number) });
      },
    );
    app.get(
      '/service-items/applications/:id',
      { config: read, schema: { tags, summary: '办件详情（材料、时限、跑动次数、办理记录）', params: IdParams } },
      async (request) => services.application(principalOf(request), request.params.id),
    );
    app.post(
      '/service-items/applications/:id/visits',
      {
        config: handle,
        schema: {
          tags,
          summary: '群众再次到站（补交材料）：跑动次数加一',
          params: IdParams,
          body: Type.Object({
            version: Version,
            materialsReceived: Type.Optional(Materials),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await services.recordVisit(principal, request.params.id, request.body);
        return services.application(principal, request.params.id);
      },
    );
    app.post(
      '/service-items/applications/:id/complete',
      {
        config: handle,
        schema: {
          tags,
          summary: '办理结果：办结、不予受理（须写理由）、转办（须写转往单位）',
          params: IdParams,
          body: Type.Object({
            version: Version,
            result: literals(APPLICATION_RESULTS),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
            transferredTo: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await services.complete(principal, request.params.id, request.body);
        return services.application(principal, request.params.id);
      },
    );
    app.post(
      '/service-items/applications/:id/reveal',
      {
        config: { permission: 'pii.view' },
        schema: { tags, summary: '查看群众完整姓名和电话（记录审计）', params: IdParams },
      },
      async (request) => services.reveal(principalOf(request), request.params.id, request.ip),
    );

    // ── figures ──
    app.get(
      '/service-items/stats',
      {
        config: read,
        schema: {
          tags,
          summary: '按站点或镇街、月份：受理、按时办结率、平均跑动次数、最多跑一次率',
          querystring: StatsQuery,
        },
      },
      async (request) => services.stats(principalOf(request), request.query),
    );
    app.get(
      '/service-items/stats.xlsx',
      { config: read, schema: { tags, summary: '办件统计导出（xlsx）', querystring: StatsQuery } },
      async (request, reply) => {
        const q = request.query;
        const body = await services.statsWorkbook(principalOf(request), q);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(`便民服务办件统计-${q.from}至${q.to}.xlsx`)}`,
          )
          .send(body);
      },
    );

    // ── the resident's side: no sign-in needed to find a service ──
    const pub = { public: true };
    app.get(
      '/service-items/public/items',
      {
        config: pub,
        schema: {
          tags,
          summary: '查找便民服务事项（无需登录；按名称、材料、部门搜索）',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 50 })),
            category: Type.Optional(Type.String({ maxLength: 50 })),
          }),
        },
      },
      async (request) => ({ items: await services.searchPublic(request.query) }),
    );
    app.get(
      '/service-items/public/items/:id',
      {
        config: pub,
        schema: {
          tags,
          summary: '事项详情：所需材料、办理时限、可办理的站点（由近及远；按手机定位，或所在村社区）',
          params: IdParams,
          querystring: Type.Object({
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            villageId: Type.Optional(Type.Integer({ minimum: 1 })),
          }),
        },
      },
      async (request) => {
        const { lat, lng, villageId } = request.query;
        const point = isGeoPoint({ lat, lng }) ? { lat: lat as number, lng: lng as number } : null;
        return services.publicItem(request.principal, request.params.id, { point, villageId });
      },
    );
  };
