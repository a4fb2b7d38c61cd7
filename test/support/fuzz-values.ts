// Values of the schema-driven fuzz test (test/fuzz.test.ts): a seeded random source, the catalogues of hostile
// values, and from an OpenAPI (JSON) schema a plausible valid value, values it must refuse, and hostile text it
// may accept. Everything is drawn from the seed, so a failing run is reproduced with the same FUZZ_SEED.
import fc from 'fast-check';

/** An OpenAPI 3 schema as @fastify/swagger writes it from the routes' TypeBox schemas. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

/** mulberry32: small, fast and the same on every machine. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  /** `n` distinct elements in random order (all of them when the list is shorter). */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }
  /** A string fast-check draws from `arbitrary` with a seed taken from this source. */
  draw<T>(arbitrary: fc.Arbitrary<T>): T {
    return fc.sample(arbitrary, { seed: this.int(2 ** 31), numRuns: 1 })[0] as T;
  }
}

export const MB = 1024 * 1024;

/** Injection attempts: SQL, markup, templates, paths, format strings, full-text query syntax, prototype keys. */
export const INJECTION = [
  "' OR 1=1 --",
  "1'; DROP TABLE cases; --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  '${{7*7}}',
  '{{7*7}}',
  '#{7*7}',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%s%s%s%n',
  '$(cat /etc/passwd)',
  '& | ! ( ) :* <->',
  "'\\",
  '__proto__',
  'constructor',
  '%',
  '_',
  '*',
];

/** Text that is legitimate but unusual: direction overrides, zero-width characters, emoji, rare planes. */
export const UNICODE = [
  '\u202eevil\u202c',
  'a\u200b\u200c\u200d\u2060\ufeffb',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301',
  '𠀀𪚥𰻞',
  '\ufffd\uffff\ufffe',
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘',
  '\r\n\t\v\f',
  '　',
  '\u0085\u2028\u2029',
];

/** Text no database column can hold: NUL characters. */
export const UNSTORABLE = ['a\u0000b', '\u0000', 'x\u0000'];

/** Malformed UTF-16: lone surrogates. A database stores them as U+FFFD, so text fields may accept them. */
export const LONE_SURROGATES = ['\ud800', 'x\udfffy', '\ud83d'];

/** Numbers beyond what an id or a count column holds, beyond a safe integer, or beyond a double. */
export const HUGE_NUMBERS = [
  1e20,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  4294967296,
  -1,
  0,
];

/** Path or query text that is not a valid id. Raw URL text: encoded already where it must be. */
export const BAD_ID_TEXT = [
  '99999999999999999999',
  '2147483648',
  '9223372036854775808',
  '-1',
  '0',
  '1.5',
  '1e10',
  '0x100000000',
  '2e9',
  'abc',
  '%00',
  '1%00',
  '%20',
  '%E2%80%AE1',
  '%F0%9F%98%80',
  '%ED%A0%80',
  '%FF',
  '..%2F..%2Fetc%2Fpasswd',
  "1'%20OR%201=1%20--",
  '1;DROP%20TABLE%20cases',
  'NaN',
  'Infinity',
  '-0',
  'null',
  'true',
  '[]',
  '%7B%7D',
  '9'.repeat(400),
];

/** Dates and times that match a pattern like \d{4}-\d{2}-\d{2} but are not on any calendar. */
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '9999-99-99', '0000-01-01', '2026-00-10'];
const IMPOSSIBLE_MONTHS = ['2026-13', '0000-00', '0000-01', '9999-99', '2026-00'];
const IMPOSSIBLE_DATE_TIMES = [
  '2026-02-30T00:00:00Z',
  '2026-11-01T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:60+14:00',
  '2026-11-01',
  'now',
];

/** A valid example for the patterns the routes use; anything else is drawn from the pattern itself. */
const PATTERN_EXAMPLES: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-11-02',
  '^\\d{4}-\\d{2}$': '2026-11',
  '^\\d{4}-(0[1-9]|1[0-2])$': '2026-11',
  '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$': '2026-11',
  '^\\d{6}$': '123456',
  '^[0-9a-f-]{36}$': '00000000-0000-4000-8000-000000000000',
};

/** The alternatives of a union without its null member; the schema itself otherwise. */
function branches(schema: Schema): Schema[] {
  if (schema.anyOf) return schema.anyOf.flatMap(branches);
  if (schema.allOf) return [Object.assign({}, ...schema.allOf.map((s) => branches(s)[0] ?? {}))];
  return [schema];
}

function enumValues(schema: Schema): unknown[] | null {
  const all = branches(schema);
  const values = all.flatMap((s) => s.enum ?? ('const' in s ? [s.const] : []));
  return values.length && values.length === all.length ? values : values.length ? values : null;
}

/** A value the schema accepts and a route probably takes (small ids, the minimum, a short text). */
export function sampleOf(schema: Schema, random: Random, depth = 0): unknown {
  const enums = enumValues(schema);
  if (enums) return random.pick(enums);
  const branch = branches(schema)[0] ?? {};
  if (branch.default !== undefined) return branch.default;
  switch (branch.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(branch.properties ?? {})) {
        // required properties always; optional ones half the time, so a handler sees both shapes
        if (branch.required?.includes(name) || (depth < 3 && random.next() < 0.5)) {
          out[name] = sampleOf(property, random, depth + 1);
        }
      }
      return out;
    }
    case 'array': {
      const n = Math.max(branch.minItems ?? 0, depth < 3 ? 1 : 0);
      return Array.from({ length: n }, () => sampleOf(branch.items ?? {}, random, depth + 1));
    }
    case 'integer':
    case 'number': {
      const low = branch.minimum ?? (typeof branch.exclusiveMinimum === 'number' ? branch.exclusiveMinimum + 1 : 1);
      return Math.min(low, branch.maximum ?? low);
    }
    case 'boolean':
      return random.next() < 0.5;
    case 'string': {
      if (branch.format === 'date-time') return '2026-11-02T08:00:00.000Z';
      if (branch.pattern)
        return PATTERN_EXAMPLES[branch.pattern] ?? random.draw(fc.stringMatching(new RegExp(branch.pattern)));
      const length = Math.min(Math.max(branch.minLength ?? 1, 4), branch.maxLength ?? 4);
      return 'fuzz'.padEnd(length, 'z').slice(0, length);
    }
    default:
      return 'fuzz';
  }
}

/** Deeply nested arrays and objects: [[[…]]] and {"a":{"a":…}}. */
export function deepNesting(depth: number): { array: string; object: string } {
  return { array: `${'['.repeat(depth)}${']'.repeat(depth)}`, object: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` };
}

/**
 * Values the schema refuses or no column can hold: the wrong type (coercion aside: ajv turns numbers into
 * strings and wraps scalars into arrays, so a string gets an object), numbers out of range, text beyond its
 * length or off its pattern, impossible dates, NUL bytes and lone surrogates, deep nesting.
 */
export function invalidValuesOf(schema: Schema, random: Random): unknown[] {
  const branch = branches(schema).find((s) => s.type) ?? {};
  const deep = JSON.parse(deepNesting(200).object);
  const common: unknown[] = [{ $ne: null }, [{ nested: [{}] }], deep];
  const enums = enumValues(schema);
  if (enums) return [...common, 'not-a-member', random.pick(UNSTORABLE), 'x'.repeat(10_000)];
  switch (branch.type) {
    case 'integer': {
      // beyond an integer column, or outside the schema's bounds (-1 and 0 may be a fine version or sort order);
      // not true: coercion makes it 1
      const outside = HUGE_NUMBERS.filter(
        (n) => Math.abs(n) > 2 ** 31 - 1 || n < (branch.minimum ?? -Infinity) || n > (branch.maximum ?? Infinity),
      );
      return [...common, ...outside, 1.5, 'abc', '1; DROP TABLE cases', Number.POSITIVE_INFINITY];
    }
    case 'number':
      return [...common, 1e308, -1e308, 1e20, 'NaN', 'Infinity', '1e999'];
    case 'boolean':
      return [...common, 'maybe', 2, '', 'null'];
    case 'array':
      return [
        ...common.slice(0, 1),
        Array.from({ length: (branch.maxItems ?? 1000) + 1 }, () => 1),
        [...HUGE_NUMBERS],
        [random.pick(UNSTORABLE)],
        [JSON.parse(deepNesting(200).array)],
      ];
    case 'object':
      return ['text', 12, [1, 2], deep, { __proto__: { polluted: true } }, { constructor: { prototype: { x: 1 } } }];
    case 'string': {
      const values: unknown[] = [...common, ...UNSTORABLE];
      if (branch.maxLength !== undefined) values.push('界'.repeat(branch.maxLength + 1));
      if (branch.minLength) values.push('');
      if (branch.format === 'date-time') values.push(...IMPOSSIBLE_DATE_TIMES);
      if (branch.pattern?.includes('\\d{2}-\\d{2}')) values.push(...IMPOSSIBLE_DATES);
      else if (branch.pattern?.includes('\\d{4}-')) values.push(...IMPOSSIBLE_MONTHS);
      if (branch.pattern) {
        values.push(
          random.draw(fc.stringMatching(new RegExp(branch.pattern))),
          `${PATTERN_EXAMPLES[branch.pattern] ?? ''}\n`,
        );
        values.push('99999999999999999999', '9'.repeat(40));
      }
      return values;
    }
    default:
      return common;
  }
}

/** Hostile text a free-text field may legitimately accept: injection attempts, odd unicode, random code points. */
export function contentValues(random: Random): string[] {
  return [
    random.pick(INJECTION),
    random.pick(UNICODE),
    random.pick(LONE_SURROGATES),
    random.draw(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })),
    `${random.pick(INJECTION)}${random.pick(UNICODE)}`,
  ];
}

/** The UTF-8 bytes (WTF-8 for a lone surrogate) of one UTF-16 code unit or pair, percent-encoded. */
function percentBytes(unit: string): string {
  const code = unit.codePointAt(0) ?? 0;
  if (code < 0xd800 || code > 0xdfff || unit.length > 1) return encodeURIComponent(unit);
  return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
    .map((b) => `%${b.toString(16).toUpperCase()}`)
    .join('');
}

/** The text of a query parameter or path segment from a value, percent-encoded (lone surrogates too). */
export function urlText(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return (text.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) ?? []).map(percentBytes).join('');
}
