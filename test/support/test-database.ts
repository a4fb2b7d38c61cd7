// A database of its own for a test on a PostgreSQL server: created (empty, or a copy of a template) and dropped.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creates a database on the server of `admin` (by default TEST_DATABASE_URL), empty or a copy of `template`, and
 * returns its URL and how to drop it.
 */
export async function createTestDatabase(
  prefix = 'gz_test',
  template?: string,
  admin = process.env.TEST_DATABASE_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => dropDatabases([name], admin),
  };
}

/** Drops the named databases of the server of `admin`, closing their connections. */
export async function dropDatabases(names: string[], admin: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
