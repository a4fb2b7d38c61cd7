// The statements a server runs over and over are prepared once per connection on PostgreSQL
// (src/db/prepared-statements.ts, issue 22), and DATABASE_PREPARE=false turns that off. PostgreSQL lists a
// connection's prepared statements in pg_prepared_statements: the test asks the connection the pool hands out.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { createTestDatabase, onPostgres } from './support/system.js';

describe.skipIf(!onPostgres())('prepared statements on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase('gz_prepare'));
  });
  afterAll(async () => drop?.());

  const repeated = (n: number) => sql<{ n: number }>`SELECT ${n}::int + 1 AS n`;
  const preparedTexts = async (prepare: boolean) => {
    const { db, close } = await openDatabase({ databaseUrl: url, poolSize: 1, prepare });
    try {
      for (let i = 0; i < 5; i++) expect((await repeated(i).execute(db)).rows[0]?.n).toBe(i + 1);
      const rows = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
      return rows.rows.map((r) => r.statement);
    } finally {
      await close();
    }
  };

  it('prepares a statement that comes back, and still answers it right', async () => {
    expect(await preparedTexts(true)).toContain('SELECT $1::int + 1 AS n');
  });

  it('prepares nothing with DATABASE_PREPARE=false', async () => {
    expect(await preparedTexts(false)).toEqual([]);
  });
});
