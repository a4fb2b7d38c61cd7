// What the small-power use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import type { PowerTasks } from './step-tasks.js';

export interface PowerDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  attachments: Pick<AttachmentService, 'notOwnedBy'>;
  /** The working calendar (the same holiday table as every other clock). */
  contexts: Pick<CaseContextProvider, 'context'>;
  /** The task capability: each waiting step with a time limit is a task of the village (source 'power_step'). */
  tasks: PowerTasks;
}
