// A pg.Pool look-alike over one embedded PGlite instance, so Kysely's own PostgresDialect drives both
// databases. PGlite has a single connection: the pool hands it to one borrower at a time, which keeps a
// transaction's statements together when requests run concurrently.
import type { PGlite } from '@electric-sql/pglite';

interface QueryResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

function commandOf(sql: string): string {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(sql)?.[1];
  return word ? word.toUpperCase() : '';
}

export class PGlitePool {
  private readonly mutex = new Mutex();
  constructor(private readonly pg: PGlite) {}

  async connect() {
    const release = await this.mutex.lock();
    const pg = this.pg;
    let released = false;
    return {
      async query(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
        // Parameterless text may hold several statements (migrations): run it with the simple protocol.
        if (params.length === 0) {
          const results = await pg.exec(sql);
          const last = results[results.length - 1];
          return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command: '' };
        }
        const result = await pg.query(sql, params as unknown[]);
        return {
          rows: result.rows,
          rowCount: result.affectedRows ?? result.rows.length,
          // Kysely reads affected-row counts (numUpdatedRows …) only for these commands, as pg reports them.
          command: commandOf(sql),
        };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  async end(): Promise<void> {
    // Wait for the current borrower, then close.
    const release = await this.mutex.lock();
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      release();
    }
  }
}
