// What the survey use cases need from the rest of the system (and nothing more).
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { SmsGateway } from '../auth/sms-gateway.js';

export { inTransaction } from '../deliberations/deliberation-deps.js';

export interface SurveyDeps {
  db: Kysely<DB> | Transaction<DB>;
  clock: Clock;
  audit: AuditService;
  /** the demo gateway logs the message; production posts it to the county's gateway */
  sms: Pick<SmsGateway, 'send'>;
  /** a person of the grid base data with the phone decrypted, in the caller's scope, the use audited */
  gridPerson: (principal: Principal, recordId: number, use: string) => Promise<{ name: string; phone: string | null }>;
}
