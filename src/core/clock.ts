// Time is a dependency: every rule reads a Clock. Production reads the wall clock and cannot be moved;
// demo and test modes read the wall clock plus an offset kept in the database (so every server process
// and every restart agree), which an administrator can advance to play out a week in a minute.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from './errors.js';

export interface Clock {
  now(): Date;
  readonly adjustable: boolean;
  /** Offset from the wall clock in milliseconds (0 for the system clock). */
  offsetMs(): number;
  /** Moves simulated time forward; throws CLOCK_NOT_ADJUSTABLE in production. */
  advance(ms: number): Promise<Date>;
  /** Re-reads the shared offset (other server processes may have advanced it). */
  refresh(): Promise<void>;
}

export class SystemClock implements Clock {
  readonly adjustable = false;
  now(): Date {
    return new Date();
  }
  offsetMs(): number {
    return 0;
  }
  async advance(): Promise<Date> {
    throw new AppError('CLOCK_NOT_ADJUSTABLE');
  }
  async refresh(): Promise<void> {}
}

/**
 * A clock its owner sets (`clock.at = …`), beside a system's own: the demo seeds and the tests and benchmarks that
 * act at chosen times, backwards too. Not adjustable through the API.
 */
export class SetClock implements Clock {
  readonly adjustable = false;
  constructor(public at: Date = new Date()) {}
  now(): Date {
    return this.at;
  }
  offsetMs(): number {
    return 0;
  }
  async advance(): Promise<Date> {
    return this.at;
  }
  async refresh(): Promise<void> {}
}

/** Largest single advance: a year. */
export const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

export class SimulatedClock implements Clock {
  readonly adjustable = true;
  private offset = 0;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly wall: () => number = Date.now,
  ) {}

  now(): Date {
    return new Date(this.wall() + this.offset);
  }

  offsetMs(): number {
    return this.offset;
  }

  async refresh(): Promise<void> {
    const row = await this.db.selectFrom('clock_state').select('offset_ms').where('id', '=', 1).executeTakeFirst();
    this.offset = Number(row?.offset_ms ?? 0);
  }

  async advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ADVANCE_MS) {
      throw new AppError('VALIDATION_FAILED', { message: '推进时长须大于 0 且不超过 366 天' });
    }
    const row = await this.db
      .insertInto('clock_state')
      .values({ id: 1, offset_ms: ms, updated_at: new Date(this.wall()) })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          offset_ms: sql`clock_state.offset_ms + ${ms}`,
          updated_at: new Date(this.wall()),
        }),
      )
      .returning('offset_ms')
      .executeTakeFirstOrThrow();
    this.offset = Number(row.offset_ms);
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  /** Called after every advance made by this process (the deadline sweeper listens). */
  onAdvance(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
