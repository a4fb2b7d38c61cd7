// What every change of the capability writes besides its row, in the change's transaction: the history entry and
// the audit entry (record_events through record-history) and, for applications, one outbox message on the topic
// 'service.changed' (delivered to webhook subscriptions that list 'services'; never the resident's name or phone).
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, type RecordKind, recordChange } from '../record-history/index.js';

export interface ApplicationChange {
  id: number;
  number: string;
  stationId: number;
  version: number;
  type: 'take' | 'visit' | 'complete';
  state: string;
  at: Date;
  details: Record<string, unknown>;
}

export async function writeApplicationChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: ApplicationChange,
): Promise<void> {
  await recordChange(trx, audit, principal, {
    kind: 'service_application',
    id: change.id,
    type: change.type,
    at: change.at,
    details: { number: change.number, version: change.version, ...change.details },
  });
  await announceChange(trx, {
    topic: 'service.changed',
    changeId: `service_application:${change.id}:${change.version}`,
    at: change.at,
    payload: {
      applicationId: change.id,
      number: change.number,
      stationId: change.stationId,
      version: change.version,
      type: change.type,
      state: change.state,
    },
  });
}

/** A change of a station or an item: history and audit entries only (the list is public, no outbox). */
export function writeListChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: {
    kind: Extract<RecordKind, 'service_station' | 'service_item'>;
    id: number;
    type: string;
    at: Date;
    details: Record<string, unknown>;
  },
): Promise<void> {
  return recordChange(trx, audit, principal, change);
}

/** The next application number of the county and year (便民〔2026〕000123号), in the caller's transaction. */
export async function nextApplicationNumber(trx: Transaction<DB>, countyCode: string, year: number): Promise<string> {
  const row = await trx
    .insertInto('service_application_counters')
    .values({ county_code: countyCode, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['county_code', 'year']).doUpdateSet({ last: sql`service_application_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `便民〔${year}〕${String(row.last).padStart(6, '0')}号`;
}

/** A concurrent writer committed first (a unique index caught it): the caller's version is stale. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}
