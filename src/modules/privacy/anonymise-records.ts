// An erased citizen's personal data outside the cases, in one transaction with its audit entry and its outbox
// message: volunteer registration, points household, 双报到 registrations and property ratings, survey samples,
// deliberation comments and proposals (one file per family, anonymise-*.ts). Rows are anonymised, never deleted,
// so every count and history stays whole. Done at once when the citizen asks (nothing here is needed for a callback)
// and again when the erasure completes, for anything the citizen added while their cases were being finished.
// A second call finds nothing left and writes nothing.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hasReporterData, type ReporterData } from '../../domain/privacy/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceErasure } from './announce-erasure.js';
import { anonymiseDeliberations } from './anonymise-deliberations.js';
import { anonymiseHousehold, householdNamesOf } from './anonymise-household.js';
import { anonymisePartyService, partyServiceNamesOf } from './anonymise-party-service.js';
import { anonymiseSurveySamples } from './anonymise-surveys.js';
import { anonymiseVolunteer, volunteerNamesOf } from './anonymise-volunteer.js';

export interface RecordsAnonymised {
  volunteers: number;
  households: number;
  partyService: number;
  surveySamples: number;
  deliberations: number;
}

/** Returns what it changed per family; with nothing changed it writes neither audit entry nor message. */
export async function anonymiseRecords(
  trx: Transaction<DB>,
  audit: AuditService,
  actor: Principal | null,
  userId: number,
  now: Date,
): Promise<RecordsAnonymised> {
  const account = await trx
    .selectFrom('users')
    .select(['phone', 'display_name'])
    .where('id', '=', userId)
    .where('role', '=', 'citizen')
    .executeTakeFirst();
  const phone = account?.phone ?? null;
  // every name the citizen is known by here, read before any of them goes: their texts lose each of them
  const person: ReporterData = {
    names: [
      account?.display_name,
      ...(await volunteerNamesOf(trx, userId)),
      ...(await householdNamesOf(trx, phone)),
      ...(await partyServiceNamesOf(trx, userId)),
    ],
    phones: [phone],
  };
  const done: RecordsAnonymised = {
    // texts first, while the names are still known
    deliberations: hasReporterData(person) ? await anonymiseDeliberations(trx, userId, person) : 0,
    partyService: await anonymisePartyService(trx, userId, person, now),
    volunteers: await anonymiseVolunteer(trx, userId, now),
    households: await anonymiseHousehold(trx, phone, now),
    surveySamples: await anonymiseSurveySamples(trx, userId),
  };
  if (Object.values(done).every((n) => n === 0)) return done;
  await audit.record(
    actor,
    { action: 'privacy.erasure.records', targetType: 'user', targetId: userId, details: { ...done } },
    trx,
  );
  await announceErasure(trx, now, { basis: 'erasure', stage: 'records', userId, records: { ...done } });
  return done;
}
