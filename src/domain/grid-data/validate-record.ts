// A record's fields as typed in a form or read from a spreadsheet row: trimmed, checked against the kind's
// field table, each problem named by field and column (the import reports row, column and reason). Pure: the
// grid, the point-in-grid test and uniqueness are the module's (they need the database).

import { ID_NUMBER_REASONS, parseIdNumber } from './id-number.js';
import { type FieldSpec, KIND_FIELDS, type RecordKind } from './kinds.js';
import { normalisePhone, PHONE_REASON } from './phone.js';
import { type TagCatalogue, tagsAfterEdit } from './sensitive-tags.js';

export type FieldValue = string | number | string[] | null;
export type RecordValues = Record<string, FieldValue>;

export interface FieldProblem {
  field: string;
  column: string;
  reason: string;
}

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export interface ValidationContext {
  /** YYYY-MM-DD, China time: no birth date after it. */
  today: string;
  catalogue: TagCatalogue;
  canSeeSensitive: boolean;
  /** The record's tags before this change (an edit keeps the hidden sensitive ones). */
  tagsBefore?: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);
}

/** Excel dates arrive as Date objects or as 2026/1/5, 2026.1.5, 20260105 … */
export function normaliseDate(raw: unknown): string | null {
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  const s = String(raw).trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return DATE.test(iso) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Tags typed as one cell: separated by 、，, ; or spaces. */
export function splitTags(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((t) => String(t).trim()).filter(Boolean);
  if (isBlank(raw)) return [];
  return String(raw)
    .split(/[、，,;；\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function checkField(spec: FieldSpec, raw: unknown, ctx: ValidationContext): { value: FieldValue; reason?: string } {
  if (spec.type === 'tags') {
    const requested = splitTags(raw);
    const { tags, unknown, refused } = tagsAfterEdit(
      ctx.tagsBefore ?? [],
      requested,
      ctx.catalogue,
      ctx.canSeeSensitive,
    );
    if (unknown.length) return { value: tags, reason: `未知的标签「${unknown.join('、')}」（见标签配置）` };
    if (refused.length) return { value: tags, reason: `无权登记敏感标签「${refused.join('、')}」` };
    return { value: tags };
  }
  if (isBlank(raw)) return spec.required ? { value: null, reason: `${spec.label}不能为空` } : { value: null };
  const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
  switch (spec.type) {
    case 'text':
      if (spec.max && s.length > spec.max) return { value: s, reason: `${spec.label}不能超过 ${spec.max} 个字` };
      return { value: s };
    case 'int': {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0 || n > 100000)
        return { value: null, reason: `${spec.label}须为非负整数，实为「${s}」` };
      return { value: n };
    }
    case 'date': {
      const d = normaliseDate(raw);
      return d ? { value: d } : { value: null, reason: `${spec.label}须为日期（如 2026-03-01），实为「${s}」` };
    }
    case 'enum':
      if (!spec.options?.includes(s))
        return { value: null, reason: `${spec.label}须为 ${spec.options?.join(' / ')} 之一，实为「${s}」` };
      return { value: s };
    case 'idNumber': {
      const parsed = parseIdNumber(s, ctx.today);
      return parsed.ok ? { value: parsed.value.value } : { value: null, reason: ID_NUMBER_REASONS[parsed.error] };
    }
    case 'phone': {
      const phone = normalisePhone(s);
      return phone ? { value: phone } : { value: null, reason: PHONE_REASON };
    }
    case 'lat':
    case 'lng': {
      const n = Number(s);
      const [lo, hi] = spec.type === 'lat' ? [-90, 90] : [-180, 180];
      if (!Number.isFinite(n) || n < lo || n > hi)
        return { value: null, reason: `${spec.label}不是有效的坐标，实为「${s}」` };
      return { value: n };
    }
  }
}

/** Checks every field of a record of `kind`; `raw` is keyed by field key. */
export function validateRecord(
  kind: RecordKind,
  raw: Readonly<Record<string, unknown>>,
  ctx: ValidationContext,
): { value: RecordValues; problems: FieldProblem[] } {
  const value: RecordValues = {};
  const problems: FieldProblem[] = [];
  for (const spec of KIND_FIELDS[kind]) {
    const checked = checkField(spec, raw[spec.key], ctx);
    value[spec.key] = checked.value;
    if (checked.reason) problems.push({ field: spec.key, column: spec.label, reason: checked.reason });
  }
  if (kind === 'person' && typeof value.idNumber === 'string') {
    // Gender and birth date follow from the ID number; typed ones must agree with it.
    const id = parseIdNumber(value.idNumber, ctx.today);
    if (id.ok) {
      const gender = id.value.gender === 'male' ? '男' : '女';
      if (value.gender && value.gender !== gender) {
        problems.push({ field: 'gender', column: '性别', reason: `性别与身份证号不符（身份证号为${gender}性）` });
      }
      if (value.birthDate && value.birthDate !== id.value.birthDate) {
        problems.push({
          field: 'birthDate',
          column: '出生日期',
          reason: `出生日期与身份证号不符（身份证号为 ${id.value.birthDate}）`,
        });
      }
      value.gender = gender;
      value.birthDate = id.value.birthDate;
    }
  }
  if ((value.lat === null) !== (value.lng === null)) {
    problems.push({
      field: value.lat === null ? 'lat' : 'lng',
      column: value.lat === null ? '纬度' : '经度',
      reason: '经度和纬度须同时填写',
    });
  }
  return { value, problems };
}

/** A spreadsheet row (cells keyed by column header) checked as a record: its problems with the row number. */
export function validateRow(
  kind: RecordKind,
  row: number,
  cells: Readonly<Record<string, unknown>>,
  ctx: ValidationContext,
): { value: RecordValues; problems: RowProblem[] } {
  const raw: Record<string, unknown> = {};
  for (const spec of KIND_FIELDS[kind]) raw[spec.key] = cells[spec.label];
  const { value, problems } = validateRecord(kind, raw, ctx);
  return { value, problems: problems.map((p) => ({ row, column: p.column, reason: p.reason })) };
}

export interface FieldChange {
  field: string;
  label: string;
  from: FieldValue;
  to: FieldValue;
}

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = [...((a as string[] | null) ?? [])].sort();
    const y = [...((b as string[] | null) ?? [])].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return (a ?? null) === (b ?? null);
}

/**
 * The field-level change between two versions of a record, for its history. Masked fields are written in
 * their masked form (the history is read by people who may not reveal), via `mask`.
 */
export function diffRecord(
  kind: RecordKind,
  before: Readonly<RecordValues> | null,
  after: Readonly<RecordValues>,
  mask: (spec: FieldSpec, value: FieldValue) => FieldValue,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const spec of KIND_FIELDS[kind]) {
    const from = before ? (before[spec.key] ?? null) : null;
    const to = after[spec.key] ?? null;
    if (same(from, to)) continue;
    changes.push({
      field: spec.key,
      label: spec.label,
      from: spec.masked && from !== null ? mask(spec, from) : from,
      to: spec.masked && to !== null ? mask(spec, to) : to,
    });
  }
  return changes;
}
