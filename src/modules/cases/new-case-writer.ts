// Writes new cases — group commit (issue 22). Each new case is one statement: its row, timeline, clocks,
// assignments, notifications, the classifier's suggestion and its outbox messages as data-modifying CTEs of one
// INSERT, atomic without a transaction (one round trip instead of BEGIN, six INSERTs, COMMIT). Intakes that
// arrive while earlier writes are on their way are written together, in one such statement for all of them: one
// round trip, one commit, one WAL flush for the group. A request is answered only after the statement that holds
// its case has committed, so what is acknowledged is durable exactly as with one statement per case. When a
// group's statement fails (a duplicate client token or hotline order among them, a fault), each of its cases is
// written again alone, so each request gets its own answer: one duplicate does not fail its neighbours.
import type { Insertable, InsertObject, Kysely } from 'kysely';
import type { CaseSuggestionsTable, DB } from '../../db/schema.js';
import type { CaseOutcome } from '../../domain/case/index.js';
import {
  assignmentRows,
  deadlineRows,
  eventRows,
  notificationRows,
  outboxRows,
  type WrittenCase,
} from './case-store.js';

/** The rows of one new case, per table, in the order the CTEs write them (the case before what refers to it). */
export interface NewCaseRows {
  cases: InsertObject<DB, 'cases'>[];
  case_events: object[];
  case_deadlines: object[];
  case_assignments: object[];
  notifications: object[];
  case_suggestions: object[];
  outbox: object[];
}

const TABLES = [
  'cases',
  'case_events',
  'case_deadlines',
  'case_assignments',
  'notifications',
  'case_suggestions',
] as const satisfies readonly (keyof NewCaseRows & keyof DB)[];

export function newCaseRows(
  caseRow: InsertObject<DB, 'cases'>,
  outcome: CaseOutcome,
  written: WrittenCase,
  actorUserId: number | null,
  suggestion?: Insertable<CaseSuggestionsTable>,
): NewCaseRows {
  const c = outcome.case;
  const id = Number(c.id);
  return {
    cases: [caseRow],
    case_events: eventRows(id, outcome.events, actorUserId),
    case_deadlines: deadlineRows(c, written),
    case_assignments: assignmentRows(c),
    notifications: notificationRows(null, outcome, written.number),
    case_suggestions: suggestion ? [suggestion] : [],
    outbox: outboxRows(id, written, outcome.events),
  };
}

/** New cases in one statement (every new case has outbox messages: the statement ends with their INSERT). */
export async function insertNewCases(db: Kysely<DB>, cases: readonly NewCaseRows[]): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: the CTE chain's type grows with each optional step
  let query: any = db;
  for (const table of TABLES) {
    const rows = cases.flatMap((c) => c[table]);
    // biome-ignore lint/suspicious/noExplicitAny: see above
    if (rows.length > 0) query = query.with(`new_${table}`, (q: any) => q.insertInto(table).values(rows));
  }
  await query
    .insertInto('outbox')
    .values(cases.flatMap((c) => c.outbox))
    .execute();
}

interface Waiting {
  rows: NewCaseRows;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most cases in one statement. */
const MAX_GROUP = 64;

export class NewCaseWriter {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** Cases written and statements used, for the bench and /metrics-minded readers. */
  readonly stats = { cases: 0, statements: 0, regrouped: 0, largestGroup: 0 };

  /**
   * @param inFlight how many group statements may be on their way at once: 1 on the embedded database (one
   *   connection), a few on PostgreSQL (the pool serves the reads beside them).
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly inFlight = 2,
    private readonly insert: typeof insertNewCases = insertNewCases,
  ) {}

  /** Resolves once the case is committed; rejects with the case's own error. */
  write(rows: NewCaseRows): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.inFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
      this.running++;
      void this.flush(group).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async flush(group: Waiting[]): Promise<void> {
    try {
      this.stats.statements++;
      await this.insert(
        this.db,
        group.map((w) => w.rows),
      );
      this.stats.cases += group.length;
      for (const w of group) w.resolve();
    } catch (error) {
      if (group.length === 1) {
        (group[0] as Waiting).reject(error);
        return;
      }
      // One of them failed, or the database did: each alone, each with its own answer.
      this.stats.regrouped += group.length;
      await Promise.all(
        group.map(async (w) => {
          try {
            this.stats.statements++;
            await this.insert(this.db, [w.rows]);
            this.stats.cases++;
            w.resolve();
          } catch (alone) {
            w.reject(alone);
          }
        }),
      );
    }
  }
}
