// PostgreSQL backups with the server's own tools (issue 18, "Backup and restore"): `pg_dump --format=custom`
// and `pg_restore` into an empty database. The dump and the manifest's figures read one snapshot: a repeatable
// read transaction exports it (pg_export_snapshot) and pg_dump --snapshot dumps exactly that, while the same
// transaction counts the rows — so the figures hold for the dump even while the servers keep writing.
import { spawn } from 'node:child_process';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../db/database.js';
import { type DatabaseFigures, databaseFigures } from './manifest.js';

/** The URL without its password, and the password for PGPASSWORD (so it shows in no process list). */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.toString(), env };
}

/** Runs a PostgreSQL client program; rejects with its stderr when it fails or cannot be started. */
export function runTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (error) =>
      reject(new Error(`${program} could not be started (${error.message}): install the PostgreSQL client tools`)),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim().slice(-2000)}`)),
    );
  });
}

/** Dumps the database to `file` (custom format) and answers the figures of the dumped snapshot. */
export async function dumpPostgres(databaseUrl: string, file: string): Promise<DatabaseFigures> {
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    return await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const snapshot = (await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx)).rows[0]?.id;
        if (!snapshot) throw new Error('PostgreSQL exported no snapshot');
        const { url, env } = connection(databaseUrl);
        const dumped = runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, url], env);
        const figures = await databaseFigures(trx).catch(async (error) => {
          await dumped.catch(() => {});
          throw error;
        });
        await dumped;
        return figures;
      });
  } finally {
    await database.close();
  }
}

/** The relations in the database outside PostgreSQL's own schemas: none in a fresh database. */
// biome-ignore lint/suspicious/noExplicitAny: only catalog queries
export async function userRelations(db: Kysely<any>): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_toast%'
       AND s.nspname NOT LIKE 'pg\\_temp%'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Restores a custom-format dump into an (empty) database in one transaction: all or nothing. */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const { url, env } = connection(databaseUrl);
  await runTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file],
    env,
  );
}
