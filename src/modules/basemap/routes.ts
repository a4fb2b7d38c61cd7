// The base map the web app draws under its maps (GET /api/basemap, public: the citizen's place picker needs it
// too) and, when the county hosts its own tiles in BASEMAP_DIR, the tiles themselves. Read from the
// environment once at start-up: a mistake stops the start with a message (see src/domain/geo/basemap.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ConfigError } from '../../core/config.js';
import { AppError } from '../../core/errors.js';
import { type Basemap, basemapFromEnv, localTileFile } from '../../domain/geo/basemap.js';

export function loadBasemap(env: Record<string, string | undefined>): Basemap {
  try {
    return basemapFromEnv(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

export const basemapRoutes =
  ({ env = process.env }: { env?: Record<string, string | undefined> } = {}): FastifyPluginAsyncTypebox =>
  async (app) => {
    const basemap = loadBasemap(env);
    const tileDir = env.BASEMAP_DIR?.trim() ? path.resolve(env.BASEMAP_DIR.trim()) : null;

    app.get(
      '/basemap',
      {
        config: { public: true },
        schema: {
          tags: ['basemap'],
          summary:
            '底图配置：天地图（TIANDITU_KEY）、自定义瓦片地址（BASEMAP_URL）或本地瓦片目录（BASEMAP_DIR）；未配置时 provider 为 none（无底图）。coordSystem 为瓦片所用坐标系，平台数据统一为 WGS84',
        },
      },
      async () => basemap,
    );

    app.get(
      '/basemap/tiles/:z/:x/:y',
      {
        config: { public: true },
        schema: {
          tags: ['basemap'],
          summary: '本地瓦片（BASEMAP_DIR 下的 {z}/{x}/{y}.png）',
          params: Type.Object({ z: Type.String(), x: Type.String(), y: Type.String() }),
        },
      },
      async (request, reply) => {
        const { z, x, y } = request.params;
        const tile = tileDir ? localTileFile(z, x, y) : null;
        const file = tile && tileDir ? path.join(tileDir, tile.path) : null;
        if (!tile || !file || !fs.existsSync(file)) {
          throw new AppError('NOT_FOUND', { message: '没有这张瓦片' });
        }
        return reply.type(tile.type).header('cache-control', 'public, max-age=86400').send(fs.createReadStream(file));
      },
    );
  };
