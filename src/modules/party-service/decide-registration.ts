// The community confirms (or declines) a unit's or an in-service member's registration: the registration must be
// of a community the principal keeps, still pending, at the version the page saw; the row, its history entry, the
// audit entry and the outbox message are one transaction. Of two deciding at once the second gets a conflict.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { membersVisibleTo, requireKeeper, unitsVisibleTo } from './party-service-scope.js';
import { writePartyServiceChange } from './party-service-store.js';

export interface DecideRegistrationInput {
  version: number;
  decision: 'confirm' | 'decline';
}

const TABLES = {
  unit: { table: 'party_service_units', kind: 'party_service_unit', visible: unitsVisibleTo },
  member: { table: 'party_service_members', kind: 'party_service_member', visible: membersVisibleTo },
} as const;

export async function decideRegistration(
  deps: PartyServiceDeps,
  principal: Principal,
  which: keyof typeof TABLES,
  id: number,
  input: DecideRegistrationInput,
): Promise<void> {
  const { table, kind, visible } = TABLES[which];
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom(table)
      .select(['id', 'village_id', 'state', 'version', 'name'])
      .where('id', '=', id)
      .where(visible(principal, table))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('PARTY_REGISTRATION_NOT_FOUND', { details: { id } });
    requireKeeper(principal, row.village_id);
    if (row.version !== input.version || row.state !== 'pending') {
      throw new AppError('PARTY_REGISTRATION_VERSION_CONFLICT', {
        message: row.state !== 'pending' ? '该报到已确认或已退回，请刷新后查看' : undefined,
        details: { id, yourVersion: input.version, current: { version: row.version, state: row.state } },
      });
    }
    const state = input.decision === 'confirm' ? 'confirmed' : 'declined';
    const version = row.version + 1;
    await trx.updateTable(table).set({ state, version, updated_at: now }).where('id', '=', id).execute();
    await writePartyServiceChange(trx, deps.audit, principal, {
      kind,
      id,
      type: input.decision,
      villageId: row.village_id,
      version,
      state,
      at: now,
    });
  });
}
