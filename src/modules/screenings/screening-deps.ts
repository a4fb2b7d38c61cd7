// What the screening use cases need: the database and clock, the audit log, and the capabilities a screening
// is built on — tasks (every due screening is one), cases and disputes (what a screening finds becomes one).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { CaseService } from '../cases/index.js';
import type { DisputeService } from '../disputes/index.js';
import type { TaskService } from '../tasks/index.js';

export interface ScreeningDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  contexts: CaseContextProvider;
  tasks: TaskService;
  cases: CaseService;
  disputes: DisputeService;
  /** How many days back a starting process opens the screenings no process opened (31 when unset; 0: none). */
  catchUpDays?: number;
}
