// What the convenience-service use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { TaskService } from '../tasks/index.js';

export interface ServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** Each application runs on a task (source 'service_application') owned by its station's unit. */
  tasks: Pick<TaskService, 'create' | 'actWithin'>;
  /** The working calendar (the same holiday table as every other clock) and the current time. */
  contexts: Pick<CaseContextProvider, 'context'>;
}
