// What the topic use cases need: the database, the clock, the audit trail and the task capability (a topic's
// tasks are tasks, created inside the adopting transaction).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { TaskService } from '../tasks/task-service.js';

export interface TopicDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: Pick<TaskService, 'create' | 'queries'>;
}
