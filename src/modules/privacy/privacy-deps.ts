// What the privacy use cases need: the database, the clock, the audit trail and the field encryption the cases'
// reporter fields are stored under (nothing of other modules).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';

export interface PrivacyDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  crypto: FieldCrypto;
}
