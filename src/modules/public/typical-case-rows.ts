// Loading a typical case for a change: in the principal's scope (SHOWCASE_CASE_NOT_FOUND outside it) and at the
// version the caller saw (SHOWCASE_VERSION_CONFLICT otherwise); the update that follows is guarded by the same
// version, so of two writers at once one wins and the other hears of the conflict.
import { sql, type Transaction, type Updateable } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { DB, ShowcaseCasesTable } from '../../db/schema.js';
import type { ShowcaseState } from '../../domain/showcase/index.js';
import { describeFindings, findPersonalData } from '../../domain/showcase/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { loadCaseSource } from './case-source.js';
import { inShowcaseScope } from './showcase-scope.js';
import { writeShowcaseChange } from './showcase-store.js';

export async function loadTypicalCaseForChange(
  trx: Transaction<DB>,
  principal: Principal,
  id: number,
  version: number,
) {
  const row = await trx
    .selectFrom('showcase_cases')
    .selectAll()
    .where('id', '=', id)
    .where(inShowcaseScope(principal, 'showcase_cases'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('SHOWCASE_CASE_NOT_FOUND', { details: { id } });
  if (row.version !== version) {
    throw new AppError('SHOWCASE_VERSION_CONFLICT', { details: { id, version: row.version } });
  }
  return { ...row, state: row.state as ShowcaseState };
}

/** The text may go to review or to the public only when it names nobody of its case (422 naming what was found). */
export async function assertDeidentified(
  trx: Transaction<DB>,
  crypto: FieldCrypto,
  caseId: number,
  title: string,
  body: string,
) {
  const source = await loadCaseSource(trx, crypto, null, caseId);
  const findings = findPersonalData(`${title}\n${body}`, source.context);
  if (findings.length > 0) {
    throw new AppError('SHOWCASE_PERSONAL_DATA', { message: describeFindings(findings), details: { findings } });
  }
}

/** Writes one change of a loaded typical case: the row at the next version, its history, audit and outbox entries. */
export async function writeTypicalCaseChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal,
  change: {
    row: { id: number; version: number; state: string };
    type: string;
    to: string;
    set: Updateable<ShowcaseCasesTable>;
    at: Date;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const { row, at } = change;
  await trx
    .updateTable('showcase_cases')
    .set({ ...change.set, state: change.to, version: sql`version + 1`, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .execute();
  await writeShowcaseChange(trx, audit, principal, {
    kind: 'showcase_case',
    id: row.id,
    version: row.version + 1,
    type: change.type,
    state: change.to,
    at,
    details: { from: row.state, ...change.details },
  });
}
