// POST /backup/snapshot: the embedded database's consistent copy for `npm run backup` while the server runs
// (pglite-snapshot.ts says why and how). Beside /health, outside /api and its sessions: it answers only a
// connection from this machine carrying the token derived from SECRET_KEY (header x-backup-token), which the
// CLI computes from the server's own environment; on PostgreSQL the CLI uses pg_dump and this route refuses.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../core/errors.js';
import type { AppServices } from '../../services.js';
import { DATA_DIR_HEADER, pgliteDir, snapshotPglite, TOKEN_HEADER, tokenMatches } from './pglite-snapshot.js';

/** The header's path, resolved; null when absent or not URI-encoded text. */
function decoded(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  try {
    return path.resolve(decodeURIComponent(header));
  } catch {
    return null;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const backupRoutes =
  (services: Pick<AppServices, 'config' | 'db' | 'dbKind'>): FastifyPluginAsyncTypebox =>
  async (app) => {
    let busy = false;
    app.post(
      '/backup/snapshot',
      {
        schema: {
          tags: ['system'],
          summary: '备份：在数据目录下生成嵌入式数据库的一致副本（仅限本机的 npm run backup 调用）',
          response: { 200: Type.Object({ snapshot: Type.String(), ms: Type.Integer() }) },
        },
      },
      async (request) => {
        // the socket's own peer, not request.ip (which trusts X-Forwarded-For behind the county's proxy)
        const local = LOOPBACK.has(request.socket.remoteAddress ?? '') && !request.headers['x-forwarded-for'];
        if (!local || !tokenMatches(services.config.secretKey, request.headers[TOKEN_HEADER])) {
          throw new AppError('FORBIDDEN', {
            message: '备份快照只接受本机 npm run backup 的调用（令牌由 SECRET_KEY 派生）',
          });
        }
        if (services.dbKind !== 'pglite') {
          throw new AppError('VALIDATION_FAILED', {
            message: '本服务使用 PostgreSQL：请直接运行 npm run backup（使用 pg_dump），无需服务器生成快照',
          });
        }
        // the CLI says which DATA_DIR it backs up: another server on the port it tried keeps its data elsewhere
        if (decoded(request.headers[DATA_DIR_HEADER]) !== path.resolve(services.config.dataDir)) {
          throw new AppError('VALIDATION_FAILED', {
            message: '该服务器的数据目录（DATA_DIR）与备份命令的不同：请用 --server 指向使用该数据目录的服务器',
          });
        }
        if (!fs.existsSync(path.join(pgliteDir(services.config.dataDir), 'PG_VERSION'))) {
          throw new AppError('NOT_FOUND', { message: '数据目录中没有嵌入式数据库（内存数据库不能备份）' });
        }
        if (busy) throw new AppError('CONFLICT', { message: '另一个备份快照正在生成，请稍后再试' });
        busy = true;
        const started = Date.now();
        try {
          const snapshot = await snapshotPglite(services.db, services.config.dataDir);
          request.log.info({ snapshot }, 'backup snapshot staged');
          return { snapshot, ms: Date.now() - started };
        } finally {
          busy = false;
        }
      },
    );
  };
