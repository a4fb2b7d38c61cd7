// HTTP routes of 督导考核: rankings (and their xlsx), the monthly bulletin, weights, periods and the towns'
// questionnaire on county departments.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { periodLabel } from '../../domain/assessment/index.js';
import { principalOf } from '../../http/auth-hooks.js';
import type { AppServices } from '../../services.js';
import { bulletinWorkbook, rankingWorkbook } from './assessment-export.js';
import { UNIT_TYPES, type UnitType } from './assessment-service.js';
import { bulletinPdf } from './bulletin-pdf.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'YYYY-MM or YYYY-Qn' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const UnitTypeSchema = Type.Union(UNIT_TYPES.map((u) => Type.Literal(u)));
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')]));
// the bulletin also as a PDF made on the server (issue 20)
const BulletinFormat = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('pdf')]));

function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export const assessmentRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { assessment } = services;

    app.get(
      '/assessment/ranking',
      {
        config: { permission: 'assessment.view' },
        schema: {
          tags: ['assessment'],
          summary: '考核排名：某类单位在某期的各项指标、综合得分、排名与趋势（format=xlsx 导出同样的数字）',
          querystring: Type.Object({
            unitType: UnitTypeSchema,
            period: Period,
            withinId: Type.Optional(Type.Integer({ minimum: 1 })),
            format: Format,
          }),
        },
      },
      async (request, reply) => {
        const q = request.query;
        const view = await assessment.ranking(principalOf(request), {
          unitType: q.unitType as UnitType,
          period: q.period,
          withinId: q.withinId,
        });
        if (q.format === 'xlsx')
          return sendXlsx(reply, `考核排名-${view.periodLabel}.xlsx`, await rankingWorkbook(view));
        return view;
      },
    );

    app.get(
      '/assessment/bulletin',
      {
        config: { permission: 'assessment.view' },
        schema: {
          tags: ['assessment'],
          summary: '月度通报：乡镇街道与部门排名、超期案件、典型案例（format=xlsx 下载表格，format=pdf 下载 PDF）',
          querystring: Type.Object({ month: Month, format: BulletinFormat }),
        },
      },
      async (request, reply) => {
        const bulletin = await assessment.bulletin(principalOf(request), request.query.month);
        if (request.query.format === 'xlsx') {
          return sendXlsx(reply, `工作通报-${periodLabel(bulletin.month)}.xlsx`, await bulletinWorkbook(bulletin));
        }
        if (request.query.format === 'pdf') {
          const principal = principalOf(request);
          const org = principal.orgId
            ? await services.db.selectFrom('orgs').select('name').where('id', '=', principal.orgId).executeTakeFirst()
            : undefined;
          const body = await bulletinPdf(bulletin, org?.name ?? '');
          return reply
            .header('content-type', 'application/pdf')
            .header(
              'content-disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(`工作通报-${periodLabel(bulletin.month)}.pdf`)}`,
            )
            .send(body);
        }
        return bulletin;
      },
    );

    app.get(
      '/assessment/weights',
      {
        config: { permission: 'assessment.view' },
        schema: { tags: ['assessment'], summary: '指标权重与计算公式' },
      },
      async () => assessment.weightsView(),
    );

    app.put(
      '/assessment/weights',
      {
        config: { permission: 'assessment.manage' },
        schema: {
          tags: ['assessment'],
          summary: '设置指标权重（0–100）与镇街评价在部门得分中的权重（百分比）',
          body: Type.Object({
            weights: Type.Record(Type.String({ maxLength: 40 }), Type.Number()),
            townRatingWeight: Type.Optional(Type.Number()),
          }),
        },
      },
      async (request) =>
        assessment.setWeights(principalOf(request), {
          weights: request.body.weights as Record<string, number>,
          townRatingWeight: request.body.townRatingWeight,
        }),
    );

    app.get(
      '/assessment/periods',
      {
        config: { permission: 'assessment.view' },
        schema: { tags: ['assessment'], summary: '考核期（近 13 个月、5 个季度）及是否已关闭' },
      },
      async () => assessment.periods(),
    );

    app.put(
      '/assessment/periods/:period',
      {
        config: { permission: 'assessment.manage' },
        schema: {
          tags: ['assessment'],
          summary: '关闭或重新开放一个月度考核期（关闭后镇街不能再提交或修改评价）',
          params: Type.Object({ period: Month }),
          body: Type.Object({ closed: Type.Boolean() }),
        },
      },
      async (request) => assessment.setPeriodClosed(principalOf(request), request.params.period, request.body.closed),
    );

    app.get(
      '/assessment/ratings/form',
      {
        config: { permission: 'assessment.rate' },
        schema: {
          tags: ['assessment'],
          summary: '镇街考核县级部门：本镇街本期可评价的部门（本期主办或协办过本镇街案件）、问卷与已提交的评价',
          querystring: Type.Object({ period: Month }),
        },
      },
      async (request) => assessment.ratingForm(principalOf(request), request.query.period),
    );

    app.put(
      '/assessment/ratings',
      {
        config: { permission: 'assessment.rate' },
        schema: {
          tags: ['assessment'],
          summary: '提交或修改对一个部门的评价（每镇街每部门每月一份，考核期关闭前可修改）',
          body: Type.Object({
            period: Month,
            departmentId: Type.Integer({ minimum: 1 }),
            townId: Type.Optional(Type.Integer({ minimum: 1 })),
            answers: Type.Record(Type.String({ maxLength: 40 }), Type.Number()),
            comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          }),
        },
      },
      async (request) => assessment.submitRating(principalOf(request), request.body),
    );

    app.get(
      '/assessment/ratings/results',
      {
        config: { permission: 'assessment.view' },
        schema: {
          tags: ['assessment'],
          summary: '镇街对县级部门的评价结果（按部门汇总，含各题平均分与意见）',
          querystring: Type.Object({ period: Period }),
        },
      },
      async (request) => assessment.ratingResults(principalOf(request), request.query.period),
    );
  };
