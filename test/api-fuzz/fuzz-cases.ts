import fc from 'fast-check';
import { BODY_LIMITS } from '../../server/src/app.js';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../server/src/http/body-limit.js';
import {
  BAD_AUTHORIZATIONS,
  describeValue,
  INVALID_JSON_BODIES,
  ODD_BODY_VALUES,
  ODD_PATH_IDS,
  ODD_QUERY_VALUES,
  ODD_WHOLE_BODIES,
  ONE_OF_EACH_TYPE,
  OVERSIZED_BODY_BYTES,
  serializeBody,
  valuesForSchema,
  WRONG_CONTENT_TYPES,
} from './fuzz-values.js';
import {
  exampleOf,
  isWrongType,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  placesOf,
  withoutValueAt,
  withValueAt,
} from './openapi-walk.js';
import { testNow } from '../helpers/test-clock.js';

/** One request of the fuzz, and what its answer must be beyond "no 5xx, every 4xx an envelope". */
export interface FuzzCase {
  operation: string;
  label: string;
  method: string;
  /** Concrete and URL-encoded. */
  path: string;
  /** The raw query string, without `?`. */
  query?: string;
  /** `undefined` sends the fuzz token (every power); `null` sends no authorization header. */
  authorization?: string | null;
  headers: Record<string, string>;
  body?: string | { streamedBytes: number };
  /** The input is invalid in a way the schema states: any 2xx is a failure. */
  mustBeRefused?: boolean;
  /** The exact status the answer must have. */
  status?: number;
}

/** How many cases that replace one place of a body an operation gets at most; they are drawn with the seed. */
export const MAX_BODY_PLACE_CASES = 60;
const ODD_VALUES_PER_PLACE = 4;
const SCHEMA_VALUES_PER_PLACE = 2;
const QUERY_VALUES_PER_PARAM = 6;
const RANDOM_JSON_BODIES = 3;

/**
 * What the base body of an operation needs beyond what its JSON Schema states (a refinement
 * such as "exactly one of accountId and accountExternalKey"), so that cases changing one place
 * of it reach the use case rather than stop at the same refusal.
 */
const BASE_BODY_HINTS: Record<string, Array<[Array<string | number>, unknown]>> = {
  'POST /api/v1/charges': [[['accountId'], 1]],
  'POST /api/v1/charges/batch': [[['charges', 0, 'accountId'], 1]],
  'POST /api/v1/usage/records': [
    [['records', 0], { serviceIdentifier: '0298765432', startTime: testNow().toISOString(), quantity: '125', unit: 'seconds' }],
  ],
  'POST /api/v1/usage/quarantine/reprocess': [[['ids'], [1]]],
  'POST /api/v1/usage/quarantine/write-off': [[['ids'], [1]]],
  'PATCH /api/v1/plans/{id}': [[['name'], 'fuzz']],
  'POST /api/v1/subscriptions/{id}/terms': [[['quantityMilli'], 2000]],
  'PUT /api/v1/connectwise/mappings/{kind}/{cwKey}': [[['value'], { sync: true }]],
};

/** The body cap of each route (app.ts): its bytes, or `streamed` for a body read as it arrives and not capped. */
export function bodyLimitOf(op: Operation): number | 'streamed' {
  return (
    BODY_LIMITS.find((r) => `${r.method} ${r.path}` === keyOf(op).replace(/\{([^}]+)\}/g, ':$1'))?.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES
  );
}

/** A body just past the route's cap (2 MB for an uncapped one), and the status it must get. */
function oversized(op: Operation): { bytes: number; status?: number } {
  const limit = bodyLimitOf(op);
  return limit === 'streamed' ? { bytes: OVERSIZED_BODY_BYTES } : { bytes: limit + 1024, status: 413 };
}

export function keyOf(op: Operation): string {
  return `${op.method} ${op.path}`;
}

/** A seed of its own for each operation, from the run's seed (FC_SEED), so one operation's cases do not depend on another's. */
function seedFor(runSeed: number, op: Operation, salt: string): number {
  let hash = runSeed | 0;
  for (const ch of `${keyOf(op)}#${salt}`) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

function pick<T>(items: readonly T[], count: number, seed: number): T[] {
  if (items.length <= count) return [...items];
  return fc.sample(fc.shuffledSubarray([...items], { minLength: count, maxLength: count }), { seed, numRuns: 1 })[0];
}

function randomJson(count: number, seed: number): unknown[] {
  return fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed, numRuns: count });
}

/** The path with each parameter filled: a plausible value, or `override` for one of them. */
function concretePath(op: Operation, override?: { name: string; value: string }): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (override?.name === name) return override.value;
    const schema = op.pathParams.find((p) => p.name === name)?.schema ?? {};
    return encodeURIComponent(basePathValue(schema));
  });
}

function basePathValue(schema: JsonSchema): string {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return String(schema.enum[0]);
  return '1';
}

export function casesFor(doc: OpenApiDocument, op: Operation, runSeed: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (c: Omit<FuzzCase, 'operation' | 'method' | 'path' | 'headers'> & Partial<Pick<FuzzCase, 'path' | 'headers'>>) =>
    cases.push({ operation: keyOf(op), method: op.method, path: concretePath(op), headers: {}, ...c });
  const isJson = op.bodyType === 'application/json' && op.bodySchema !== null;
  let base = isJson ? exampleOf(doc, op.bodySchema!, '', runSeed) : undefined;
  for (const [where, value] of BASE_BODY_HINTS[keyOf(op)] ?? []) base = withValueAt(doc, base, op.bodySchema!, where, value);
  const baseBody = base === undefined ? undefined : serializeBody(base);
  const jsonHeaders: Record<string, string> = baseBody === undefined ? {} : { 'content-type': 'application/json' };
  const takesBody = op.method !== 'GET' && op.method !== 'HEAD';

  // Without a valid token nothing but a 401 comes back, whatever the rest of the request.
  if (!op.isPublic) {
    for (const authorization of BAD_AUTHORIZATIONS) {
      add({ label: `authorization ${authorization === null ? 'absent' : describeValue(authorization)}`, authorization, status: 401 });
    }
  }

  for (const param of op.pathParams) {
    for (const value of ODD_PATH_IDS) {
      add({
        label: `path ${param.name}=${describeValue(value)}`,
        path: concretePath(op, { name: param.name, value }),
        headers: jsonHeaders,
        body: baseBody,
      });
    }
  }

  for (const param of op.queryParams) {
    const values = new Set([
      '-1',
      '99999999999999999999',
      ...pick(ODD_QUERY_VALUES, QUERY_VALUES_PER_PARAM, seedFor(runSeed, op, param.name)),
    ]);
    for (const value of values) add({ label: `query ${param.name}=${describeValue(value)}`, query: `${param.name}=${value}` });
    add({ label: `query ${param.name} repeated`, query: `${param.name}=1&${param.name}=-5&${param.name}=x` });
    add({ label: `query ${param.name}[] as an array`, query: `${param.name}[]=1&${param.name}[]=2` });
  }
  add({
    label: 'unknown and malformed query keys, an odd request id',
    query: 'limit=-1&limit=99999999999999999999&%00=%00&a[b]=c&%E0%A4%A=1&=&&',
    headers: { 'x-request-id': 'x'.repeat(5_000), ...jsonHeaders },
    body: baseBody,
  });

  for (const header of op.headerParams) {
    for (const value of ['x'.repeat(300), 'a b', '', '\u00e9', 'x'.repeat(5_000)]) {
      add({ label: `header ${header}=${describeValue(value)}`, headers: { ...jsonHeaders, [header]: value }, body: baseBody });
    }
  }

  if (isJson) cases.push(...jsonBodyCases(doc, op, base, runSeed));
  else if (op.bodyType === 'text/csv') cases.push(...csvBodyCases(op));
  else if (takesBody) {
    // No body is declared: whatever comes is ignored or refused, never a crash.
    add({ label: 'an invalid JSON body nobody asked for', headers: { 'content-type': 'application/json' }, body: '{' });
    add({ label: 'a text body nobody asked for', headers: { 'content-type': 'text/plain' }, body: 'fuzz\u0000' });
    const big = oversized(op);
    add({
      label: 'a body past the limit',
      headers: { 'content-type': 'application/json' },
      body: bigJsonText(big.bytes),
      status: big.status,
    });
  }
  return cases;
}

function bigJsonText(bytes: number): string {
  return JSON.stringify({ padding: 'x'.repeat(bytes) });
}

function jsonBodyCases(doc: OpenApiDocument, op: Operation, base: unknown, runSeed: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const path = concretePath(op);
  const json = { 'content-type': 'application/json' };
  const add = (c: Omit<FuzzCase, 'operation' | 'method' | 'path'>) => cases.push({ operation: keyOf(op), method: op.method, path, ...c });
  const baseText = serializeBody(base);

  add({ label: 'the base body', headers: json, body: baseText });
  add({ label: 'no body, no content-type', headers: {}, mustBeRefused: op.bodyRequired });
  add({ label: 'an empty JSON body', headers: json, body: '', mustBeRefused: op.bodyRequired });
  for (const whole of ODD_WHOLE_BODIES) add({ label: `body: ${whole.label}`, headers: json, body: whole.text });
  for (const invalid of INVALID_JSON_BODIES)
    add({ label: `invalid JSON: ${invalid.label}`, headers: json, body: invalid.text, status: 400 });
  add({ label: 'the base body cut in half', headers: json, body: baseText.slice(0, Math.floor(baseText.length / 2)) });
  add({ label: 'the base body behind a byte order mark', headers: json, body: `\ufeff${baseText}` });
  add({ label: 'the base body in an array', headers: json, body: `[${baseText}]`, mustBeRefused: isObjectSchema(op.bodySchema!) });
  add({
    label: 'the base body with unknown properties',
    headers: json,
    body: serializeBody({ ...(base as object), unknownProperty: 'x'.repeat(100_000), constructor: { prototype: { polluted: true } } }),
  });
  for (const contentType of WRONG_CONTENT_TYPES)
    add({ label: `the base body as ${contentType}`, headers: { 'content-type': contentType }, body: baseText });
  const big = oversized(op);
  add({ label: 'a body past the limit', headers: json, body: bigJsonText(big.bytes), status: big.status });
  add({ label: 'a body past the limit, streamed', headers: json, body: { streamedBytes: big.bytes }, status: big.status });
  for (const random of randomJson(RANDOM_JSON_BODIES, seedFor(runSeed, op, 'whole')))
    add({ label: `random JSON ${describeValue(random)}`, headers: json, body: serializeBody(random) });

  const placeCases: FuzzCase[] = [];
  for (const place of placesOf(doc, op.bodySchema!)) {
    const where = place.path.join('.');
    const put = (value: unknown, mustBeRefused = false) =>
      placeCases.push({
        operation: keyOf(op),
        method: op.method,
        path,
        label: `body ${where}=${describeValue(value)}`,
        headers: json,
        body: serializeBody(withValueAt(doc, base, op.bodySchema!, place.path, value)),
        mustBeRefused,
      });
    const placeSeed = seedFor(runSeed, op, where);
    for (const value of Object.values(ONE_OF_EACH_TYPE)) {
      if (isWrongType(doc, place.schema, value)) put(value, place.mustHaveItsType);
    }
    for (const value of pick(ODD_BODY_VALUES, ODD_VALUES_PER_PLACE, placeSeed)) put(value);
    for (const value of pick(valuesForSchema(place.schema), SCHEMA_VALUES_PER_PLACE, placeSeed + 1)) put(value);
    for (const value of randomJson(1, placeSeed + 2)) put(value);
    if (place.mustHaveItsType && typeof place.path[place.path.length - 1] === 'string') {
      placeCases.push({
        operation: keyOf(op),
        method: op.method,
        path,
        label: `body without required ${where}`,
        headers: json,
        body: serializeBody(withoutValueAt(withValueAt(doc, base, op.bodySchema!, place.path, 'placeholder'), place.path)),
        mustBeRefused: true,
      });
    }
  }
  cases.push(...pick(placeCases, MAX_BODY_PLACE_CASES, seedFor(runSeed, op, 'places')));
  return cases;
}

function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' && !schema.anyOf && !schema.oneOf;
}

function csvBodyCases(op: Operation): FuzzCase[] {
  const csv = { 'content-type': 'text/csv' };
  const header = 'service_identifier,start_time,quantity,unit,class,cost_cents,cost_currency,carrier_record_id';
  const bodies: Array<{ label: string; text: string }> = [
    { label: 'an empty file', text: '' },
    { label: 'a header alone', text: `${header}\n` },
    { label: 'odd values in every column', text: `${header}\n${'x'.repeat(200)},2026-02-30T99:00:00Z,1e308,furlongs,,NaN,XXXX,\u0000\n` },
    { label: 'huge and negative numbers', text: `${header}\n1,2026-01-01T00:00:00Z,-0,seconds,local,99999999999999999999,AUD,a\n` },
    { label: 'a 100 KB line', text: `id,action\n${'x'.repeat(100_000)}\n` },
    { label: 'an unclosed quote', text: `id,action\n"1,ignore\n2,ignore\n` },
    { label: 'NUL and control characters', text: 'id,action\n\u0000,\u0001\u001f\n1\u0000,ignore\n' },
    { label: 'unicode', text: 'id,action\n😀,ü\u0301\n\ud800,\u202e\n' },
    { label: 'odd ids', text: 'id,action\n-1,ignore\n99999999999999999999,ignore\n1.5,link,account:-1\n0,link,product:1e308\n' },
    { label: 'JSON nested 10,000 deep', text: '['.repeat(10_000) + ']'.repeat(10_000) },
    { label: 'many short lines', text: `id,action\n${Array.from({ length: 20_000 }, (_v, i) => `${i},nonsense`).join('\n')}\n` },
  ];
  const cases: FuzzCase[] = bodies.map((b) => ({
    operation: keyOf(op),
    method: op.method,
    path: concretePath(op),
    label: `CSV: ${b.label}`,
    headers: csv,
    body: b.text,
  }));
  const extra = (c: Omit<FuzzCase, 'operation' | 'method' | 'path'>) =>
    cases.push({ operation: keyOf(op), method: op.method, path: concretePath(op), ...c });
  extra({ label: 'CSV sent as JSON', headers: { 'content-type': 'application/json' }, body: '{"id":1}' });
  extra({ label: 'CSV without a content-type', headers: {}, body: 'id,action\n1,ignore\n' });
  extra({ label: 'CSV without a body', headers: csv });
  const big = oversized(op);
  extra({
    label: 'CSV past the limit',
    headers: csv,
    body: `id,action\n${'9,ignore\n'.repeat(Math.ceil(big.bytes / 9))}`,
    status: big.status,
  });
  return cases;
}
