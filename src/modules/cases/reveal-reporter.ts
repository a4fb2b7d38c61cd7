// Shows a case's reporter's name and phone whole to a handler who must call them back: the case page shows them
// masked; this reads the ciphertexts (reporter-fields.ts), and every reveal is an audit entry naming the case.
// Outside the principal's cases the case does not exist; an anonymous report has nothing to reveal.
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { casesVisibleTo } from './case-scope.js';
import { openReporterField } from './reporter-fields.js';

export interface RevealReporterDeps {
  db: Kysely<DB>;
  crypto: FieldCrypto;
  audit: Pick<AuditService, 'record'>;
}

export async function revealReporter(
  deps: RevealReporterDeps,
  principal: Principal,
  caseId: number,
  ip?: string,
): Promise<{ name: string | null; phone: string | null }> {
  const row = await deps.db
    .selectFrom('cases')
    .select(['cases.reporter_name', 'cases.reporter_phone', 'cases.anonymous'])
    .where('cases.id', '=', caseId)
    .where(casesVisibleTo(principal))
    .executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND', { details: { caseId } });
  if (row.anonymous) return { name: null, phone: null };
  const out = {
    name: openReporterField(deps.crypto, row.reporter_name),
    phone: openReporterField(deps.crypto, row.reporter_phone),
  };
  await deps.audit.record(principal, {
    action: 'case.reporter.reveal',
    targetType: 'case',
    targetId: caseId,
    details: { fields: ['name', 'phone'] },
    ip,
  });
  return out;
}
