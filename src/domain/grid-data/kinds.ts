// The five kinds of base record a grid holds (人、地、事、物、组织 — households with the people) and their
// fields. One table of field descriptions drives validation, the import template, the export, the history's
// field names and the web forms, so a field is declared once.

export const RECORD_KINDS = ['person', 'household', 'place', 'thing', 'organisation'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The URL segment of each kind (/api/grid-data/people …). */
export const KIND_PATHS: Record<RecordKind, string> = {
  person: 'people',
  household: 'households',
  place: 'places',
  thing: 'things',
  organisation: 'organisations',
};

export const KIND_LABELS: Record<RecordKind, string> = {
  person: '人员',
  household: '户',
  place: '场所',
  thing: '部件设施',
  organisation: '组织',
};

export const RESIDENCE_TYPES = ['户籍', '常住', '流动'] as const;
export const GENDERS = ['男', '女'] as const;
export const PLACE_CATEGORIES = ['楼栋', '商铺', '学校', '医院', '建筑工地', '出租房', '其他'] as const;
export const THING_CATEGORIES = ['消防栓', '电梯', '燃气管线', '危房', '地质灾害点', '其他'] as const;
export const ORGANISATION_CATEGORIES = ['企业', '社会组织', '物业', '个体工商户', '其他'] as const;

export type FieldType = 'text' | 'int' | 'date' | 'enum' | 'tags' | 'idNumber' | 'phone' | 'lat' | 'lng';

/**
 * Where a field lives: a column of grid_records (name, code, category, tags, lat, lng, due_on), `attrs`
 * (jsonb), or `secret` — encrypted with a blind index and a stored masked form (ID number and phone).
 */
export type FieldStore = 'name' | 'code' | 'category' | 'tags' | 'lat' | 'lng' | 'due_on' | 'attrs' | 'id' | 'phone';

export interface FieldSpec {
  key: string;
  /** The column header of the spreadsheet and the label of the form (zh-CN). */
  label: string;
  type: FieldType;
  store: FieldStore;
  required?: boolean;
  max?: number;
  options?: readonly string[];
  /** Shown starred until revealed (the ID number, phones, the exact address). */
  masked?: boolean;
}

const text = (key: string, label: string, store: FieldStore, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  label,
  type: 'text',
  store,
  max: 100,
  ...extra,
});

const GRID_FIELD_LABEL = '所属网格';

export const KIND_FIELDS: Record<RecordKind, readonly FieldSpec[]> = {
  person: [
    text('name', '姓名', 'name', { required: true, max: 50 }),
    { key: 'idNumber', label: '身份证号', type: 'idNumber', store: 'id', required: true, masked: true },
    { key: 'phone', label: '联系电话', type: 'phone', store: 'phone', masked: true },
    { key: 'gender', label: '性别', type: 'enum', store: 'attrs', options: GENDERS },
    { key: 'birthDate', label: '出生日期', type: 'date', store: 'attrs' },
    text('householdCode', '户编号', 'attrs', { max: 50 }),
    text('building', '楼栋', 'attrs', { max: 50 }),
    text('unit', '单元', 'attrs', { max: 20 }),
    text('room', '房号', 'attrs', { max: 20, masked: true }),
    {
      key: 'residenceType',
      label: '人口类型',
      type: 'enum',
      store: 'category',
      required: true,
      options: RESIDENCE_TYPES,
    },
    { key: 'tags', label: '特殊人群标签', type: 'tags', store: 'tags' },
  ],
  household: [
    text('code', '户编号', 'code', { required: true, max: 50 }),
    text('headName', '户主姓名', 'name', { required: true, max: 50 }),
    { key: 'members', label: '家庭人口', type: 'int', store: 'attrs' },
    text('building', '楼栋', 'attrs', { max: 50 }),
    text('unit', '单元', 'attrs', { max: 20 }),
    text('room', '房号', 'attrs', { max: 20, masked: true }),
  ],
  place: [
    text('code', '场所编码', 'code', { required: true, max: 50 }),
    text('name', '名称', 'name', { required: true }),
    { key: 'category', label: '场所类型', type: 'enum', store: 'category', required: true, options: PLACE_CATEGORIES },
    { key: 'units', label: '单元数', type: 'int', store: 'attrs' },
    { key: 'floors', label: '楼层数', type: 'int', store: 'attrs' },
    text('address', '地址', 'attrs', { max: 200 }),
    { key: 'lng', label: '经度', type: 'lng', store: 'lng' },
    { key: 'lat', label: '纬度', type: 'lat', store: 'lat' },
  ],
  thing: [
    text('code', '部件编码', 'code', { required: true, max: 50 }),
    text('name', '名称', 'name', { required: true }),
    { key: 'category', label: '部件类型', type: 'enum', store: 'category', required: true, options: THING_CATEGORIES },
    text('address', '位置描述', 'attrs', { max: 200 }),
    { key: 'lastInspection', label: '上次巡检日期', type: 'date', store: 'attrs' },
    { key: 'nextInspection', label: '下次巡检日期', type: 'date', store: 'due_on' },
    { key: 'lng', label: '经度', type: 'lng', store: 'lng' },
    { key: 'lat', label: '纬度', type: 'lat', store: 'lat' },
  ],
  organisation: [
    text('code', '统一社会信用代码', 'code', { required: true, max: 30 }),
    text('name', '名称', 'name', { required: true }),
    {
      key: 'category',
      label: '组织类型',
      type: 'enum',
      store: 'category',
      required: true,
      options: ORGANISATION_CATEGORIES,
    },
    text('contactName', '联系人', 'attrs', { max: 50 }),
    { key: 'phone', label: '联系电话', type: 'phone', store: 'phone', masked: true },
    text('licenceNo', '许可证号', 'attrs', { max: 50 }),
    text('address', '地址', 'attrs', { max: 200 }),
  ],
};

/** The spreadsheet's columns for a kind: the grid first, then the fields. */
export function importColumns(kind: RecordKind): string[] {
  return [GRID_FIELD_LABEL, ...KIND_FIELDS[kind].map((f) => f.label)];
}
export const GRID_COLUMN = GRID_FIELD_LABEL;

export function fieldOf(kind: RecordKind, key: string): FieldSpec | undefined {
  return KIND_FIELDS[kind].find((f) => f.key === key);
}

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

export function kindOfPath(path: string): RecordKind | null {
  const found = RECORD_KINDS.find((k) => KIND_PATHS[k] === path);
  return found ?? null;
}
