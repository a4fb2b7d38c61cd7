// Registers a record in a grid of the principal's subtree, edits one, or archives / restores it (a record is
// never deleted). Each: load within scope → check the fields and the placement → one versioned transaction
// with the row, its field-level history and the audit entry; a person's duplicate flag is refreshed in it.
import { sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import { diffRecord, type RecordKind, validateRecord } from '../../domain/grid-data/index.js';
import type { Principal } from '../auth/principal.js';
import type { GridDataDeps } from './grid-data-deps.js';
import { gridsUnder, recordsVisibleTo } from './grid-data-scope.js';
import { columnsOf, comparableOfValues, comparableValues, historyMask } from './record-codec.js';
import {
  householdsOfVillages,
  placementProblems,
  readingContext,
  refreshDuplicates,
  writeChanges,
} from './record-rules.js';

function refuse(problems: { field: string; column?: string; reason: string }[]): never {
  const [first] = problems;
  throw new AppError('VALIDATION_FAILED', {
    message: first?.reason ?? '请求参数不正确',
    details: { field: first?.field, problems },
  });
}

async function unique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('GRID_RECORD_DUPLICATE');
    throw error;
  }
}

export async function loadRecord(deps: GridDataDeps, principal: Principal, kind: RecordKind, id: number) {
  const row = await deps.db
    .selectFrom('grid_records')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where(recordsVisibleTo(principal))
    .executeTakeFirst();
  if (!row) throw new AppError('GRID_RECORD_NOT_FOUND', { details: { kind, id } });
  return row;
}

export async function createRecord(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  input: { gridId: number; fields: Record<string, unknown> },
): Promise<{ id: number }> {
  const [grid] = await gridsUnder(deps.db, principal, input.gridId);
  if (!grid || grid.id !== input.gridId) {
    throw new AppError('VALIDATION_FAILED', { message: '请选择一个网格', details: { field: 'gridId' } });
  }
  const ctx = await readingContext(deps, principal);
  const { value, problems } = validateRecord(kind, input.fields, ctx);
  if (problems.length) refuse(problems);
  const households = await householdsOfVillages(deps.db, grid.countyCode, [grid.villageId]);
  const placed = placementProblems(kind, value, grid, (c) => households.get(c));
  if (placed.length)
    throw new AppError(pickCode(placed), {
      message: placed[0]?.reason,
      details: { field: placed[0]?.field, problems: placed },
    });
  const cols = columnsOf(kind, value, deps.crypto);
  const now = deps.clock.now();
  const { values: comparable, masks } = comparableOfValues(kind, value, deps.crypto);
  return unique(() =>
    deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('grid_records')
        .values({
          kind,
          county_code: grid.countyCode,
          town_id: grid.townId,
          village_id: grid.villageId,
          grid_id: grid.id,
          ...cols,
          attrs: JSON.stringify(cols.attrs),
          household_id:
            typeof value.householdCode === 'string' ? (households.get(value.householdCode)?.id ?? null) : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const changes = diffRecord(kind, null, comparable, historyMask(masks));
      await writeChanges(trx, principal, now, [{ recordId: row.id, action: 'create', changes }]);
      if (kind === 'person' && cols.id_index) await refreshDuplicates(trx, grid.countyCode, [cols.id_index]);
      await deps.audit.record(
        principal,
        { action: 'griddata.create', targetType: `grid_${kind}`, targetId: row.id, details: { gridId: grid.id } },
        trx,
      );
      return { id: row.id };
    }),
  );
}

/** The point outside the grid is its own code; a missing household is a validation failure. */
function pickCode(problems: { field: string }[]): 'GRID_POINT_OUTSIDE' | 'VALIDATION_FAILED' {
  return problems.some((p) => p.field === 'lng') ? 'GRID_POINT_OUTSIDE' : 'VALIDATION_FAILED';
}

export async function updateRecord(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  id: number,
  input: { version: number; fields: Record<string, unknown>; gridId?: number },
): Promise<{ id: number; version: number }> {
  const current = await loadRecord(deps, principal, kind, id);
  if (current.archived) throw new AppError('GRID_RECORD_ARCHIVED');
  const gridId = input.gridId ?? current.grid_id;
  const [grid] = await gridsUnder(deps.db, principal, gridId);
  if (!grid || grid.id !== gridId) {
    throw new AppError('VALIDATION_FAILED', { message: '请选择一个网格', details: { field: 'gridId' } });
  }
  const ctx = await readingContext(deps, principal);
  // Unsent fields keep their value (the stored ID number and phone are decrypted only to be checked again).
  const before = comparableValues(kind, current);
  const merged: Record<string, unknown> = {};
  const secretKept = new Set<string>();
  for (const [key, value] of Object.entries(before)) {
    if (key in input.fields) merged[key] = input.fields[key];
    else if (key === 'idNumber' || key === 'phone') secretKept.add(key);
    else merged[key] = value;
  }
  if (secretKept.has('idNumber')) merged.idNumber = deps.crypto.decrypt(current.id_cipher as string);
  if (secretKept.has('phone') && current.phone_cipher) merged.phone = deps.crypto.decrypt(current.phone_cipher);
  const { value, problems } = validateRecord(kind, merged, { ...ctx, tagsBefore: current.tags });
  if (problems.length) refuse(problems);
  const households = await householdsOfVillages(deps.db, grid.countyCode, [grid.villageId]);
  const placed = placementProblems(kind, value, grid, (c) => households.get(c));
  if (placed.length)
    throw new AppError(pickCode(placed), {
      message: placed[0]?.reason,
      details: { field: placed[0]?.field, problems: placed },
    });
  const { values: comparable, masks } = comparableOfValues(kind, value, deps.crypto);
  if (current.id_index && current.id_masked) masks.set(current.id_index, current.id_masked);
  if (current.phone_index && current.phone_masked) masks.set(current.phone_index, current.phone_masked);
  const changes = diffRecord(kind, before, comparable, historyMask(masks));
  if (grid.id !== current.grid_id) {
    changes.push({ field: 'gridId', label: '所属网格', from: current.grid_id, to: grid.id });
  }
  if (!changes.length) return { id, version: current.version };
  const cols = columnsOf(kind, value, deps.crypto);
  // An unchanged secret keeps its ciphertext (re-encrypting would change the row for nothing).
  if (before.idNumber === comparable.idNumber) {
    cols.id_cipher = current.id_cipher;
    cols.id_index = current.id_index;
    cols.id_masked = current.id_masked;
    if (kind === 'person') cols.natural_key = current.natural_key;
  }
  if (before.phone === comparable.phone) {
    cols.phone_cipher = current.phone_cipher;
    cols.phone_index = current.phone_index;
    cols.phone_masked = current.phone_masked;
  }
  const now = deps.clock.now();
  return unique(() =>
    deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('grid_records')
        .set({
          ...cols,
          attrs: JSON.stringify(cols.attrs),
          grid_id: grid.id,
          village_id: grid.villageId,
          town_id: grid.townId,
          household_id:
            typeof value.householdCode === 'string' ? (households.get(value.householdCode)?.id ?? null) : null,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .returning('version')
        .executeTakeFirst();
      if (!updated) throw new AppError('GRID_RECORD_VERSION_CONFLICT');
      await writeChanges(trx, principal, now, [{ recordId: id, action: 'edit', changes }]);
      if (kind === 'person') {
        const keys = [current.id_index, cols.id_index].filter((k): k is string => !!k);
        await refreshDuplicates(trx, grid.countyCode, keys);
      }
      await deps.audit.record(
        principal,
        {
          action: 'griddata.edit',
          targetType: `grid_${kind}`,
          targetId: id,
          details: { fields: changes.map((c) => c.field) },
        },
        trx,
      );
      return { id, version: updated.version };
    }),
  );
}

export async function setArchived(
  deps: GridDataDeps,
  principal: Principal,
  kind: RecordKind,
  id: number,
  input: { version: number; archived: boolean; reason?: string },
): Promise<{ id: number; version: number }> {
  const current = await loadRecord(deps, principal, kind, id);
  if (current.archived === input.archived) return { id, version: current.version };
  const now = deps.clock.now();
  const action = input.archived ? 'archive' : 'restore';
  return unique(() =>
    deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('grid_records')
        .set({ archived: input.archived, version: sql`version + 1`, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .returning('version')
        .executeTakeFirst();
      if (!updated) throw new AppError('GRID_RECORD_VERSION_CONFLICT');
      const changes = [
        { field: 'archived', label: '归档', from: current.archived, to: input.archived },
        ...(input.reason ? [{ field: 'reason', label: '原因', from: null, to: input.reason }] : []),
      ];
      await writeChanges(trx, principal, now, [
        { recordId: id, action, changes: changes as unknown as Parameters<typeof writeChanges>[3][0]['changes'] },
      ]);
      if (kind === 'person' && current.id_index) await refreshDuplicates(trx, current.county_code, [current.id_index]);
      await deps.audit.record(
        principal,
        { action: `griddata.${action}`, targetType: `grid_${kind}`, targetId: id, details: { reason: input.reason } },
        trx,
      );
      return { id, version: updated.version };
    }),
  );
}
