// What the video-event verbs need: the database, the clock, the audit trail, the case service (cases are
// opened and amended only through it), the org service (grid by point) and the attachments store.
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CaseService } from '../cases/index.js';
import type { OrgService } from '../orgs/org-service.js';

export interface VideoDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  cases: CaseService;
  orgs: OrgService;
  attachments: AttachmentService;
  /** Real time, for the signatures' freshness (the demo clock may be moved). */
  wallNow?: () => Date;
}
