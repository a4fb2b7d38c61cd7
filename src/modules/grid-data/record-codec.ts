// A record between its three forms: the checked field values (the domain's), the row of grid_records (ID
// number and phone only as ciphertext, blind index and masked form) and the view a list or page shows (masked
// fields starred, sensitive tags only for those permitted).
import type { Selectable } from 'kysely';
import type { FieldCrypto } from '../../core/field-crypto.js';
import type { GridRecordsTable } from '../../db/schema.js';
import {
  type FieldSpec,
  type FieldValue,
  KIND_FIELDS,
  maskExact,
  maskIdNumber,
  maskPhone,
  type RecordKind,
  type RecordValues,
  type TagCatalogue,
  visibleTags,
} from '../../domain/grid-data/index.js';

export type RecordRow = Selectable<GridRecordsTable>;

/** The columns a record's values are written to (without the place: county, village, grid). */
export function columnsOf(kind: RecordKind, values: RecordValues, crypto: FieldCrypto) {
  const attrs: Record<string, FieldValue> = {};
  const cols = {
    name: '',
    natural_key: '',
    category: null as string | null,
    tags: [] as string[],
    lat: null as number | null,
    lng: null as number | null,
    due_on: null as string | null,
    id_cipher: null as string | null,
    id_index: null as string | null,
    id_masked: null as string | null,
    phone_cipher: null as string | null,
    phone_index: null as string | null,
    phone_masked: null as string | null,
  };
  for (const spec of KIND_FIELDS[kind]) {
    const v = values[spec.key] ?? null;
    switch (spec.store) {
      case 'name':
        cols.name = String(v ?? '');
        break;
      case 'code':
        cols.natural_key = String(v ?? '');
        break;
      case 'category':
        cols.category = v === null ? null : String(v);
        break;
      case 'tags':
        cols.tags = (v as string[] | null) ?? [];
        break;
      case 'lat':
        cols.lat = v as number | null;
        break;
      case 'lng':
        cols.lng = v as number | null;
        break;
      case 'due_on':
        cols.due_on = v as string | null;
        break;
      case 'id':
        if (typeof v === 'string') {
          cols.id_cipher = crypto.encrypt(v);
          cols.id_index = crypto.blindIndex(v);
          cols.id_masked = maskIdNumber(v);
          cols.natural_key = cols.id_index;
        }
        break;
      case 'phone':
        if (typeof v === 'string') {
          cols.phone_cipher = crypto.encrypt(v);
          cols.phone_index = crypto.blindIndex(v);
          cols.phone_masked = maskPhone(v);
        }
        break;
      case 'attrs':
        if (v !== null) attrs[spec.key] = v;
        break;
    }
  }
  return { ...cols, attrs };
}

/**
 * The values of a stored row for comparison: the ID number and the phone as their blind index (a change is a
 * change of the index), everything else as written.
 */
export function comparableValues(kind: RecordKind, row: Pick<RecordRow, keyof RecordRow>): RecordValues {
  const values: RecordValues = {};
  const attrs = (row.attrs ?? {}) as Record<string, FieldValue>;
  for (const spec of KIND_FIELDS[kind]) {
    values[spec.key] = storedValue(spec, row, attrs, 'index');
  }
  return values;
}

function storedValue(
  spec: FieldSpec,
  row: Pick<RecordRow, keyof RecordRow>,
  attrs: Record<string, FieldValue>,
  secret: 'index' | 'masked',
): FieldValue {
  switch (spec.store) {
    case 'name':
      return row.name;
    case 'code':
      return row.natural_key;
    case 'category':
      return row.category;
    case 'tags':
      return row.tags;
    case 'lat':
      return row.lat;
    case 'lng':
      return row.lng;
    case 'due_on':
      return row.due_on;
    case 'id':
      return secret === 'index' ? row.id_index : row.id_masked;
    case 'phone':
      return secret === 'index' ? row.phone_index : row.phone_masked;
    case 'attrs':
      return attrs[spec.key] ?? null;
  }
}

/** The comparable values of freshly checked values (secret fields as their blind index) and their masks. */
export function comparableOfValues(kind: RecordKind, values: RecordValues, crypto: FieldCrypto) {
  const out: RecordValues = { ...values };
  const masks = new Map<string, string>();
  for (const spec of KIND_FIELDS[kind]) {
    const v = values[spec.key];
    if ((spec.store === 'id' || spec.store === 'phone') && typeof v === 'string') {
      const index = crypto.blindIndex(v);
      out[spec.key] = index;
      masks.set(index, spec.store === 'id' ? maskIdNumber(v) : maskPhone(v));
    }
  }
  return { values: out, masks };
}

/** How the history writes a masked field: the stored masked form of an index, or the room starred. */
export function historyMask(masks: ReadonlyMap<string, string>) {
  return (spec: FieldSpec, value: FieldValue): FieldValue => {
    if (spec.store === 'id' || spec.store === 'phone') return masks.get(String(value)) ?? '****';
    return maskExact(String(value));
  };
}

export interface RecordView {
  id: number;
  kind: RecordKind;
  gridId: number;
  gridName: string;
  villageId: number;
  villageName: string;
  name: string;
  /** Every field of the kind; masked ones starred. */
  fields: Record<string, FieldValue>;
  householdId: number | null;
  duplicate: boolean;
  archived: boolean;
  /** A thing whose next inspection day has passed. */
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function viewOf(
  row: RecordRow & { grid_name: string; village_name: string },
  catalogue: TagCatalogue,
  canSeeSensitive: boolean,
  today: string,
): RecordView {
  const attrs = (row.attrs ?? {}) as Record<string, FieldValue>;
  const fields: Record<string, FieldValue> = {};
  for (const spec of KIND_FIELDS[row.kind]) {
    let v = storedValue(spec, row, attrs, 'masked');
    if (spec.store === 'tags') v = visibleTags((v as string[]) ?? [], catalogue, canSeeSensitive);
    else if (spec.masked && spec.store === 'attrs' && v !== null) v = maskExact(String(v));
    fields[spec.key] = v;
  }
  return {
    id: row.id,
    kind: row.kind,
    gridId: row.grid_id,
    gridName: row.grid_name,
    villageId: row.village_id,
    villageName: row.village_name,
    name: row.name,
    fields,
    householdId: row.household_id,
    duplicate: row.duplicate,
    archived: row.archived,
    overdue: row.kind === 'thing' && row.due_on !== null && !row.archived && row.due_on < today,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
