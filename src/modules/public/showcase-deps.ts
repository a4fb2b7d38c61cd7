// What the showcase's use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { AuditService } from '../audit/audit-service.js';

export interface ShowcaseDeps {
  db: Kysely<DB>;
  /** The read replica (DATABASE_READ_URL, issue 22) for the public page's reads; default: `db`. */
  reader?: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** A news post's cover must be an image its author uploaded; the public reads its metadata-free copy. */
  attachments: Pick<AttachmentService, 'notOwnedBy' | 'describe' | 'publicContent'>;
  /** A case's reporter's name is stored encrypted: opened so de-identification can cut it out (issue 18). */
  crypto: FieldCrypto;
}
