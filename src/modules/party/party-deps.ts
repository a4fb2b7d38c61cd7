// What the party-organisation use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';

export interface PartyDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** first secretaries' tasks (source 'first_secretary') */
  tasks: Pick<TaskService, 'create' | 'ofSources'>;
  /** the working calendar, for the monthly report's working days */
  contexts: Pick<CaseContextProvider, 'context'>;
}
