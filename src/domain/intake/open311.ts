// Open311 GeoReport v2 rules that need no database: request parameters, dates, statuses, the attributes every
// service definition offers, and rendering a response as the spec's JSON or XML.
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Splits "requests/GZ1.json" into its path and format; null when the extension is missing or unknown. */
export function splitFormat(path: string): { path: string; format: Open311Format } | null {
  const m = /^(.*)\.(json|xml)$/i.exec(path);
  if (!m) return null;
  return { path: m[1] as string, format: (m[2] as string).toLowerCase() as Open311Format };
}

/** W3C datetime (ISO 8601 with a zone, or a bare date) → Date. */
export function parseW3cDate(value: string, name: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  const d = new Date(value.includes('T') || value.length === 10 ? value : value.replace(' ', 'T'));
  if (!ok || Number.isNaN(d.getTime())) {
    throw new Open311Error(400, `${name} must be a W3C datetime such as 2026-03-01T00:00:00+08:00`);
  }
  return d;
}

export const OPEN311_ATTRIBUTES = [
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '紧急程度 urgency',
    order: 1,
    description: '紧急程度（危及安全时选“紧急”）/ Urgency',
    values: [
      { key: 'normal', name: '一般 Normal' },
      { key: 'urgent', name: '紧急 Urgent' },
    ],
  },
  {
    variable: true,
    code: 'anonymous',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '是否匿名 anonymous',
    order: 2,
    description: '匿名反映：处理单位看不到您的姓名和电话 / Report anonymously',
    values: [
      { key: 'false', name: '实名 Named' },
      { key: 'true', name: '匿名 Anonymous' },
    ],
  },
  {
    variable: true,
    code: 'location_detail',
    datatype: 'string',
    required: false,
    datatype_description: '楼栋、门牌、参照物',
    order: 3,
    description: '具体位置（楼栋、门牌或参照物）/ Location detail',
    values: [],
  },
  {
    variable: true,
    code: 'occurred_at',
    datatype: 'datetime',
    required: false,
    datatype_description: 'W3C datetime',
    order: 4,
    description: '发生时间 / When it happened',
    values: [],
  },
] as const;

/** Checks the attribute[code] values of a request against the attributes above. */
export function checkAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, value] of Object.entries(attributes)) {
    const def = OPEN311_ATTRIBUTES.find((a) => a.code === code);
    if (!def) throw new Open311Error(400, `attribute[${code}] is not an attribute of this service`);
    if (def.datatype === 'singlevaluelist' && !def.values.some((v) => v.key === value)) {
      throw new Open311Error(400, `attribute[${code}] must be one of ${def.values.map((v) => v.key).join(', ')}`);
    }
    if (def.datatype === 'datetime') parseW3cDate(value, `attribute[${code}]`);
    if (value.length > 500) throw new Open311Error(400, `attribute[${code}] is too long`);
    out[code] = value;
  }
  return out;
}

/** Pulls attribute[code]=value pairs out of form parameters. */
export function attributesOf(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(key);
    if (m) out[m[1] as string] = String(Array.isArray(value) ? value[0] : value);
  }
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested)) out[k] = String(v);
  }
  return out;
}

const builder = new XMLBuilder({ format: true, ignoreAttributes: true, suppressEmptyNode: false });

function blanks(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(blanks);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blanks(v)]));
  return value;
}

/**
 * The XML of a response: `root` holds one `item` element per array entry. Nested arrays are given as
 * { wrapper: { element: [...] } } by the caller.
 */
export function toXml(root: string, item: string | null, body: unknown): string {
  const content = item ? { [root]: { [item]: blanks(body) } } : { [root]: blanks(body) };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(content)}`;
}

export function errorBody(errors: { code: number; description: string }[], format: Open311Format): string {
  if (format === 'xml') return toXml('errors', 'error', errors);
  return JSON.stringify(errors);
}
