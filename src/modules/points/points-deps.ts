// What the points use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';

export interface PointsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  attachments: Pick<AttachmentService, 'notOwnedBy'>;
}
