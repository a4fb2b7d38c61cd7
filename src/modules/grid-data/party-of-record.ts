// A person or organisation of the grid's base data as another record takes it (a dispute's party, 当事人): read
// in the caller's scope (outside it the record does not exist), decrypted for the record that keeps it, the use
// written to the audit log like a reveal.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { recordsVisibleTo } from './grid-data-scope.js';

export interface RecordParty {
  gridRecordId: number;
  kind: 'person' | 'org';
  name: string;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export async function partyOfRecord(
  deps: GridDataDeps,
  principal: Principal,
  recordId: number,
  use: string,
): Promise<RecordParty> {
  const row = await deps.db
    .selectFrom('grid_records')
    .selectAll()
    .where('id', '=', recordId)
    .where('kind', 'in', ['person', 'organisation'])
    .where('archived', '=', false)
    .where(recordsVisibleTo(principal))
    .executeTakeFirst();
  if (!row) throw new AppError('GRID_RECORD_NOT_FOUND', { details: { id: recordId } });
  const attrs = (row.attrs ?? {}) as Record<string, unknown>;
  const person = row.kind === 'person';
  const address = person
    ? [attrs.building, attrs.unit, attrs.room].map(text).filter(Boolean).join('') || text(attrs.address)
    : text(attrs.address);
  await deps.audit.record(principal, {
    action: 'griddata.use',
    targetType: `grid_${row.kind}`,
    targetId: row.id,
    details: { use, fields: person ? ['name', 'idNumber', 'phone', 'address'] : ['name', 'phone', 'address'] },
  });
  return {
    gridRecordId: row.id,
    kind: person ? 'person' : 'org',
    name: row.name,
    phone: row.phone_cipher ? deps.crypto.decrypt(row.phone_cipher) : null,
    idNumber: person && row.id_cipher ? deps.crypto.decrypt(row.id_cipher) : null,
    address: address ?? null,
  };
}
