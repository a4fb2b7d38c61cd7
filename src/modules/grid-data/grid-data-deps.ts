// What the grid base data use cases need from the rest of the system (and nothing more).
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';

export interface GridDataDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  crypto: FieldCrypto;
}
