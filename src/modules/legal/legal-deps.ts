// What the legal-adviser capability uses of the rest of the system.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';

export interface LegalDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  attachments: Pick<AttachmentService, 'notOwnedBy'>;
}
