// 码上办: one QR code per grid, encoding the report form's address with the grid preset, and the list of grids
// an administrator prints them from. The code carries only the grid id; the form shows the grid's name.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import { principalOf } from '../../http/auth-hooks.js';
import { Paging } from '../../http/schemas.js';
import type { AppServices } from '../../services.js';

/** The report form's address for a grid: what the printed code opens. */
export function gridReportUrl(base: string, gridId: number): string {
  return `${base.replace(/\/+$/, '')}/report?grid=${gridId}`;
}

/** The address the citizen's phone reaches this server at (behind a proxy, its forwarded host). */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

const CodeParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CodeQuery = Type.Object({ size: Type.Optional(Type.Integer({ minimum: 64, maximum: 2048, default: 512 })) });

export const qrcodeRoutes =
  (services: AppServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { db } = services;

    const gridsInScope = (scopePath: string | null) =>
      db
        .selectFrom('orgs as g')
        .innerJoin('orgs as v', 'v.id', 'g.parent_id')
        .innerJoin('orgs as t', 't.id', 'v.parent_id')
        .where('g.kind', '=', 'grid')
        .where('g.active', '=', true)
        .where('g.path', 'like', `${scopePath ?? '∅'}%`);

    const gridInScope = async (request: FastifyRequest, id: number) => {
      const grid = await gridsInScope(principalOf(request).scopePath)
        .select(['g.id', 'g.name'])
        .where('g.id', '=', id)
        .executeTakeFirst();
      if (!grid) throw new AppError('ORG_NOT_FOUND');
      return grid;
    };

    app.get(
      '/qrcodes/grids',
      {
        config: { permission: 'org.read' },
        schema: {
          tags: ['qrcodes'],
          summary: '码上办：辖区网格及其二维码地址（用于打印）',
          querystring: Type.Object({
            withinId: Type.Optional(Type.Integer({ minimum: 1 })),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            ...Paging,
          }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const q = request.query;
        let scope = principal.scopePath;
        if (q.withinId !== undefined) {
          const within = await db.selectFrom('orgs').select('path').where('id', '=', q.withinId).executeTakeFirst();
          if (!within?.path.startsWith(principal.scopePath ?? '∅')) throw new AppError('ORG_NOT_FOUND');
          scope = within.path;
        }
        let query = gridsInScope(scope);
        if (q.q?.trim()) {
          const like = `%${q.q.trim()}%`;
          query = query.where((eb) =>
            eb.or([eb('g.name', 'like', like), eb('g.code', 'like', like), eb('v.name', 'like', like)]),
          );
        }
        const [rows, count] = await Promise.all([
          query
            .select(['g.id', 'g.code', 'g.name', 'v.name as village_name', 't.name as town_name'])
            .orderBy('g.code')
            .limit(q.limit ?? 50)
            .offset(q.offset ?? 0)
            .execute(),
          query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ]);
        const base = baseUrl(request);
        return {
          total: Number(count.n),
          items: rows.map((r) => ({
            id: r.id,
            code: r.code,
            name: r.name,
            villageName: r.village_name,
            townName: r.town_name,
            reportUrl: gridReportUrl(base, r.id),
            png: `/api/qrcodes/grids/${r.id}.png`,
            svg: `/api/qrcodes/grids/${r.id}.svg`,
          })),
        };
      },
    );

    app.get(
      '/qrcodes/grids/:id.png',
      {
        config: { permission: 'org.read' },
        schema: { tags: ['qrcodes'], summary: '码上办：网格二维码（PNG）', params: CodeParams, querystring: CodeQuery },
      },
      async (request, reply) => {
        const grid = await gridInScope(request, request.params.id);
        const png = await QRCode.toBuffer(gridReportUrl(baseUrl(request), grid.id), {
          type: 'png',
          errorCorrectionLevel: 'M',
          margin: 2,
          width: request.query.size ?? 512,
        });
        return reply
          .type('image/png')
          .header('cache-control', 'private, max-age=3600')
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`码上办-${grid.name}.png`)}`)
          .send(png);
      },
    );

    app.get(
      '/qrcodes/grids/:id.svg',
      {
        config: { permission: 'org.read' },
        schema: { tags: ['qrcodes'], summary: '码上办：网格二维码（SVG，适合打印）', params: CodeParams },
      },
      async (request, reply) => {
        const grid = await gridInScope(request, request.params.id);
        const svg = await QRCode.toString(gridReportUrl(baseUrl(request), grid.id), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
      },
    );
  };
