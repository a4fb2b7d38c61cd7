// Server-side prepared statements for the statements a server runs over and over (issue 22). Kysely sends every
// query as an unnamed statement, which PostgreSQL parses, analyses and plans anew at each execution; pgbench
// -M prepared, the limit the write path is measured against, plans once per connection. A statement whose text
// has been seen `HOT` times gets a name, and pg prepares it once per connection (its Parse is skipped after):
// PostgreSQL then reuses the parse tree, and the plan too where its generic plan is as good as a custom one.
//
// Bounded: at most `MAX_NAMED` texts are ever named in a process (the ones that came back first: the write path
// and the pages under load), and the counts of unnamed texts are forgotten when they grow past `MAX_COUNTED`.
// Texts that differ per call (a list of n values) mostly stay unnamed. Not for a pooler in transaction mode
// (PgBouncer): set DATABASE_PREPARE=false there — such a pooler hands a prepared name to another connection.
import type pg from 'pg';

const HOT = 3;
const MAX_NAMED = 400;
const MAX_COUNTED = 5_000;

export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxNamed = MAX_NAMED,
    private readonly hot = HOT,
  ) {}

  /** The name for `text`, once it has come back often enough; undefined while it has not (or no room is left). */
  nameOf(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || this.named.size >= this.maxNamed) return name;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.hot) {
      if (this.seen.size >= MAX_COUNTED) this.seen.clear();
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const fresh = `gz_${this.named.size + 1}`;
    this.named.set(text, fresh);
    return fresh;
  }

  get size(): number {
    return this.named.size;
  }
}

/**
 * Makes `client` (a pooled connection) send the named texts of `names` as prepared statements. Kysely calls
 * `query(text, values)`; pg takes `{ name, text, values }` and prepares the name on its first use per connection.
 */
export function prepareHotStatements(client: pg.PoolClient, names: StatementNames): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2) {
      const name = names.nameOf(text);
      if (name !== undefined) return query({ name, text, values });
    }
    return query(...args);
  };
}
