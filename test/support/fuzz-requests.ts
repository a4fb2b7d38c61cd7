// The requests of the schema-driven fuzz test (test/fuzz.test.ts), made from the OpenAPI document alone: every
// operation it lists, every path and query parameter and body property its schemas declare. A new route is
// fuzzed without anyone writing a line for it.
import {
  BAD_ID_TEXT,
  contentValues,
  deepNesting,
  INJECTION,
  invalidValuesOf,
  MB,
  type Random,
  type Schema,
  sampleOf,
  UNICODE,
  urlText,
} from './fuzz-values.js';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface Operation {
  method: string;
  /** The path as the document writes it: /api/cases/{id}. */
  path: string;
  pathParams: Array<{ name: string; schema: Schema }>;
  queryParams: Array<{ name: string; schema: Schema; required: boolean }>;
  /** The JSON body's schema; none for reads, actions without a body and multipart uploads. */
  body: Schema | null;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: !!p.required })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}

/**
 * What a request tries and what it may do:
 *   parse    the body cannot be read (malformed JSON, wrong media type, too large) or is not the object the
 *            schema asks for (null, an array, nested 1000 deep): refused whoever sends it, nothing written
 *   bad      a parameter or property breaks its schema, is beyond an integer column, or holds what no column
 *            can store (or, in a read, hostile text): answered without a 5xx, and nothing written
 *   content  hostile but legitimate text in a well-formed request: may be accepted (and written), never a 5xx
 */
export type Stage = 'parse' | 'bad' | 'content';

export interface FuzzRequest {
  stage: Stage;
  /** What is wrong with it, for the failure report. */
  label: string;
  method: string;
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

const JSON_TYPE = 'application/json';

/**
 * Bodies no route reads: not JSON at all, or JSON the parser refuses (prototype keys). Refused before any
 * handler, a body-less action's too. (text/plain is parsed by default: to an action that reads no body it is a
 * well-formed request, so it only goes where JSON is expected.)
 */
function unparseableBodies(): Array<{ label: string; payload: string | Buffer; contentType?: string }> {
  return [
    { label: 'truncated JSON', payload: '{"a": [1, 2' },
    { label: 'trailing garbage', payload: '{} x' },
    { label: 'single quotes', payload: "{'a': 1}" },
    { label: 'NaN literal', payload: '{"a": NaN}' },
    { label: 'empty JSON body', payload: '' },
    { label: 'prototype poisoning', payload: '{"__proto__": {"isAdmin": true}}' },
    { label: 'constructor poisoning', payload: '{"constructor": {"prototype": {"isAdmin": true}}}' },
    { label: 'form body', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    {
      label: 'xml body',
      payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      contentType: 'application/xml',
    },
  ];
}

/** Bodies that parse but are not the object the route's schema asks for. */
function mistypedBodies(): Array<{ label: string; payload: string | Buffer; contentType?: string }> {
  return [
    {
      label: 'invalid UTF-8',
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    },
    { label: 'JSON null', payload: 'null' },
    { label: 'JSON array', payload: '[1, 2, 3]' },
    { label: 'JSON string', payload: '"text"' },
    { label: 'JSON number', payload: '1e999' },
    { label: 'array nested 1000 deep', payload: deepNesting(1000).array },
    { label: 'object nested 1000 deep', payload: `{"a":${deepNesting(1000).object}}` },
    { label: 'text/plain body', payload: 'hello', contentType: 'text/plain' },
  ];
}

function isIdLike(schema: Schema): boolean {
  return [schema, ...(schema.anyOf ?? [])].some((s) => s.type === 'integer');
}

/** Path segment texts for a path parameter: not an id, out of the integer range, injections, odd unicode. */
function badPathTexts(schema: Schema, random: Random): string[] {
  const always = isIdLike(schema) ? ['99999999999999999999', '2147483648'] : [];
  const others = [
    ...BAD_ID_TEXT,
    ...INJECTION.map(urlText),
    ...UNICODE.map(urlText),
    urlText('a'.repeat(5000)),
    '%ED%A0%80', // a lone surrogate, as WTF-8
  ];
  return [...always, ...random.sample(others, 2)];
}

/** A query string from name → raw (already encoded) text. */
function queryString(entries: Array<[string, string]>): string {
  return entries.length ? `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '';
}

/** The requests of one operation, drawn from `random`. Multipart and body-less actions get no well-formed body. */
export function requestsFor(op: Operation, random: Random, options: { once: boolean }): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const samplePath: Record<string, string> = {};
  // a write's ids exist nowhere (its handler refuses after the schemas checked everything); a read's are real
  for (const p of op.pathParams) {
    samplePath[p.name] = op.method !== 'GET' && isIdLike(p.schema) ? '2147483647' : urlText(sampleOf(p.schema, random));
  }
  const urlWith = (pathValues: Record<string, string>, query = '') =>
    op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => pathValues[name] ?? '1') + query;
  const sampleQuery = (): Array<[string, string]> =>
    op.queryParams.filter((q) => q.required).map((q) => [q.name, urlText(sampleOf(q.schema, random))]);
  const sampleBody = () => (op.body ? JSON.stringify(sampleOf(op.body, random)) : undefined);
  const withBody = (req: Omit<FuzzRequest, 'method'>): FuzzRequest => {
    const payload = req.payload ?? sampleBody();
    return {
      method: op.method,
      ...req,
      ...(payload === undefined ? {} : { payload, contentType: req.contentType ?? JSON_TYPE }),
    };
  };

  // path parameters: each out of range, not a number, an injection or odd unicode; and an id that exists nowhere
  for (const param of op.pathParams) {
    for (const text of badPathTexts(param.schema, random)) {
      out.push(
        withBody({
          stage: 'bad',
          label: `path ${param.name}`,
          url: urlWith({ ...samplePath, [param.name]: text }, queryString(sampleQuery())),
        }),
      );
    }
    if (isIdLike(param.schema)) {
      out.push(
        withBody({
          stage: 'bad',
          label: `path ${param.name} missing`,
          url: urlWith({ ...samplePath, [param.name]: '2147483647' }, queryString(sampleQuery())),
        }),
      );
    }
  }

  // query parameters: up to three, each given a value its schema refuses (or no column can hold)
  for (const param of random.sample(op.queryParams, 3)) {
    const value = random.pick(invalidValuesOf(param.schema, random));
    const entries = sampleQuery().filter(([k]) => k !== param.name);
    out.push(
      withBody({
        stage: 'bad',
        label: `query ${param.name}=${String(JSON.stringify(value)).slice(0, 60)}`,
        url: urlWith(samplePath, queryString([...entries, [param.name, urlText(value)]])),
      }),
    );
  }
  if (op.queryParams.length) {
    // the same parameter twice (an array where a scalar is expected)
    const param = random.pick(op.queryParams);
    out.push(
      withBody({
        stage: 'bad',
        label: `query ${param.name} repeated`,
        url: urlWith(samplePath, queryString([[param.name, '1'], [param.name, 'abc'], ...sampleQuery()])),
      }),
    );
  }

  // bodies: malformed whatever the route (a body-less action too: its handler must not run)
  if (options.once && op.method !== 'GET' && op.method !== 'DELETE') {
    for (const bad of random.sample([...unparseableBodies(), ...(op.body ? mistypedBodies() : [])], 3)) {
      out.push({
        stage: 'parse',
        label: bad.label,
        method: op.method,
        url: urlWith(samplePath, queryString(sampleQuery())),
        payload: bad.payload,
        contentType: bad.contentType ?? JSON_TYPE,
      });
    }
    out.push({
      stage: 'parse',
      label: 'body beyond the 2 MB limit',
      method: op.method,
      url: urlWith(samplePath),
      payload: `{"a":"${'x'.repeat(2.5 * MB)}"}`,
      contentType: JSON_TYPE,
    });
  }

  // body properties: the sample body with one property refused by its schema, or holding what no column holds
  const properties = op.body ? propertyPaths(op.body) : [];
  if (op.body) {
    for (const prop of random.sample(properties, 2)) {
      const value = random.pick(invalidValuesOf(prop.schema, random));
      out.push(
        withBody({
          stage: 'bad',
          label: `body ${prop.path.join('.')}=${String(JSON.stringify(value)).slice(0, 60)}`,
          url: urlWith(samplePath, queryString(sampleQuery())),
          payload: JSON.stringify(setAt(sampleOf(op.body, random), prop.path, value)),
        }),
      );
    }
    const strings = properties.filter((p) => stringLike(p.schema));
    const bounded = strings.filter((p) => p.schema.maxLength !== undefined || p.schema.pattern);
    if (options.once && bounded.length) {
      // a megabyte where the schema allows less (once per operation)
      const prop = random.pick(bounded);
      out.push(
        withBody({
          stage: 'bad',
          label: `body ${prop.path.join('.')} of 1 MB`,
          url: urlWith(samplePath, queryString(sampleQuery())),
          payload: JSON.stringify(setAt(sampleOf(op.body, random), prop.path, '界'.repeat(MB / 3))),
        }),
      );
    }
    // hostile text where text is allowed: may be accepted
    for (const prop of random.sample(
      strings.filter((p) => !p.schema.pattern && !enumLike(p.schema)),
      2,
    )) {
      const value = random.pick(contentValues(random));
      out.push(
        withBody({
          stage: 'content',
          label: `body ${prop.path.join('.')}=${JSON.stringify(value).slice(0, 60)}`,
          url: urlWith(samplePath, queryString(sampleQuery())),
          payload: JSON.stringify(setAt(sampleOf(op.body, random), prop.path, value)),
        }),
      );
    }
    // a megabyte where the schema sets no bound (once per operation)
    const unbounded = strings.filter(
      (p) => p.schema.maxLength === undefined && !p.schema.pattern && !enumLike(p.schema),
    );
    if (options.once && unbounded.length) {
      const prop = random.pick(unbounded);
      out.push(
        withBody({
          stage: 'content',
          label: `body ${prop.path.join('.')} of 1 MB`,
          url: urlWith(samplePath, queryString(sampleQuery())),
          payload: JSON.stringify(setAt(sampleOf(op.body, random), prop.path, 'a'.repeat(MB))),
        }),
      );
    }
  }
  // hostile text in the free-text query parameters (searches)
  const textParams = op.queryParams.filter((q) => stringLike(q.schema) && !q.schema.pattern && !enumLike(q.schema));
  if (textParams.length) {
    const entries = textParams.map(
      (q) => [q.name, urlText(random.pick([...INJECTION, ...UNICODE]))] as [string, string],
    );
    out.push(
      withBody({
        stage: op.method === 'GET' ? 'bad' : 'content',
        label: `query text ${textParams.map((q) => q.name).join(',')}`,
        url: urlWith(
          samplePath,
          queryString([...sampleQuery().filter(([k]) => !textParams.some((q) => q.name === k)), ...entries]),
        ),
      }),
    );
  }
  return out;
}

function stringLike(schema: Schema): boolean {
  return [schema, ...(schema.anyOf ?? [])].some((s) => s.type === 'string');
}

function enumLike(schema: Schema): boolean {
  return [schema, ...(schema.anyOf ?? [])].some((s) => s.enum !== undefined || s.const !== undefined);
}

/** Every property of an object schema, nested objects included, with its path. */
function propertyPaths(schema: Schema, prefix: string[] = []): Array<{ path: string[]; schema: Schema }> {
  const object = [schema, ...(schema.anyOf ?? [])].find((s) => s.type === 'object' && s.properties);
  if (!object?.properties || prefix.length > 2) return [];
  return Object.entries(object.properties).flatMap(([name, child]) => [
    { path: [...prefix, name], schema: child },
    ...propertyPaths(child, [...prefix, name]),
  ]);
}

/** `body` with the value at `path` replaced, the objects on the way created. */
function setAt(body: unknown, path: string[], value: unknown): unknown {
  const root = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return root;
}
