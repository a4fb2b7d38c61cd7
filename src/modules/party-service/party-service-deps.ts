// What the 双报到 and 物业亮星 use cases need from the rest of the system (and nothing more).
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { TaskService } from '../tasks/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

export interface PartyServiceDeps {
  db: Kysely<DB> | Transaction<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: Pick<TaskService, 'create' | 'actWithin'>;
}

/** One transaction: a new one, or the caller's when `db` already is one (the demo seed plays the use cases). */
export function inTransaction<T>(db: Db, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
