import type { JsonSchema } from './openapi-walk.js';

/**
 * The odd values the fuzz sends: into body properties, path ids and query strings, and as
 * whole bodies. Values JSON cannot carry as a JavaScript value (`-0`, `1e999`, a 10,000-deep
 * nesting that JSON.stringify would have to recurse into) are spliced in as raw JSON text.
 */

/** JSON text put into a body as it is. */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}
}

export const DEEP_NESTING = 10_000;
export const LONG_STRING_LENGTH = 100_000;

const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Writes a body, splicing raw JSON in where a RawJson stands. */
export function serializeBody(value: unknown): string {
  const raws: string[] = [];
  const marked = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw:${raws.length - 1}\u0000`;
    }
    return v;
  });
  if (marked === undefined) return '';
  return marked.replace(/"\\u0000raw:(\d+)\\u0000"/g, (_m, index: string) => raws[Number(index)]);
}

/** A short name for a value in a report line. */
export function describeValue(value: unknown): string {
  if (value instanceof RawJson) return value.label;
  if (typeof value === 'string') return value.length > 40 ? `string(${value.length})` : JSON.stringify(value);
  if (Array.isArray(value)) return value.length > 5 ? `array(${value.length})` : JSON.stringify(value);
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** One value of each JSON type, for "wrong type" cases. */
export const ONE_OF_EACH_TYPE: Record<string, unknown> = {
  string: 'fuzz',
  integer: 7,
  number: 1.5,
  boolean: true,
  null: null,
  object: {},
  array: [],
};

/** Values that break assumptions whatever the declared type. */
export const ODD_BODY_VALUES: unknown[] = [
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  0,
  -1,
  Number.MIN_VALUE,
  new RawJson('-0', '-0'),
  new RawJson('1e999', '1e999'),
  new RawJson('123456789012345678901234567890', 'a 30-digit integer'),
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9'.repeat(400),
  'x'.repeat(LONG_STRING_LENGTH),
  'a\u0000b\u0001c\u001f\u007f',
  'e\u0301\u200b\u202e😀\ufeff',
  '\ud800',
  '',
  '   ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  new RawJson(deepArrays(DEEP_NESTING), `arrays nested ${DEEP_NESTING} deep`),
  new RawJson(deepObjects(DEEP_NESTING), `objects nested ${DEEP_NESTING} deep`),
  Array.from({ length: 100_000 }, () => 0),
  Array.from({ length: 1_000 }, () => ({})),
  new RawJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', '__proto__ object'),
];

/** Values chosen from the schema of a place: just past each bound, a date that is no date, an enum value that is not one. */
export function valuesForSchema(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  if (typeof schema.maxLength === 'number') values.push('x'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) values.push('x'.repeat(schema.minLength - 1));
  if (typeof schema.maximum === 'number') values.push(schema.maximum + 1);
  if (typeof schema.minimum === 'number') values.push(schema.minimum - 1);
  if (typeof schema.exclusiveMinimum === 'number') values.push(schema.exclusiveMinimum);
  if (typeof schema.maxItems === 'number') values.push(Array.from({ length: schema.maxItems + 1 }, () => 1));
  if (Array.isArray(schema.enum)) values.push('not-one-of-them', String(schema.enum[0]).toUpperCase());
  if (schema.type === 'integer') values.push(1.5, 2 ** 31, 2 ** 63);
  if (schema.type === 'string') values.push('2026-02-30', '0000-01-01', '9999-12-31T23:59:59.999Z', '2026-13-45T25:61:00+99:00');
  return values;
}

/** Path ids a client might send by mistake or on purpose; already URL-encoded. */
export const ODD_PATH_IDS: string[] = [
  '0',
  '-1',
  '99999999999999999999',
  '9007199254740993',
  '1.5',
  '1e3',
  '0x10',
  '+1',
  '%20',
  '%00',
  '%0A',
  '..%2F',
  '..%2F..%2Fhealth',
  '%2e%2e',
  '%E0%A4%A',
  '%',
  'null',
  'x'.repeat(4_000),
  encodeURIComponent('ü😀'),
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('<script>'),
];

/** Query values, already URL-encoded. */
export const ODD_QUERY_VALUES: string[] = [
  '',
  '-1',
  '0',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '1.5',
  '0x10',
  '%00',
  '%E0%A4%A',
  'x'.repeat(10_000),
  encodeURIComponent('ü😀'),
  'true',
  '2026-02-30',
  '-0',
];

/** Whole JSON bodies that are not what any operation takes. */
export const ODD_WHOLE_BODIES: Array<{ label: string; text: string }> = [
  { label: 'null', text: 'null' },
  { label: 'an empty array', text: '[]' },
  { label: 'a string', text: '"fuzz"' },
  { label: 'a number', text: '0' },
  { label: 'true', text: 'true' },
  { label: 'an empty object', text: '{}' },
  { label: `arrays nested ${DEEP_NESTING} deep`, text: deepArrays(DEEP_NESTING) },
  { label: `objects nested ${DEEP_NESTING} deep`, text: deepObjects(DEEP_NESTING) },
  { label: 'an array of 100,000 numbers', text: `[${Array.from({ length: 100_000 }, () => '0').join(',')}]` },
];

/** Bodies that are not JSON at all. */
export const INVALID_JSON_BODIES: Array<{ label: string; text: string }> = [
  { label: 'an unclosed object', text: '{' },
  { label: 'a trailing comma', text: '{"a":1,}' },
  { label: 'single quotes', text: "{'a':1}" },
  { label: 'a bare word', text: 'nul' },
  { label: 'a raw NUL in a string', text: '{"a":"\u0000"}' },
  { label: 'an unpaired escape', text: '{"a":"\\ud800\\"}' },
  { label: 'form fields', text: 'a=1&b=2' },
  { label: 'unclosed arrays nested 10,000 deep', text: '['.repeat(DEEP_NESTING) },
];

export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/json; charset=utf-16',
];

/** Authorization headers that must not get in; `null` sends none. */
export const BAD_AUTHORIZATIONS: Array<string | null> = [
  null,
  'Bearer cwb_not-a-real-token',
  'Basic Zm9vOmJhcg==',
  'Bearer',
  `Bearer ${'x'.repeat(8_000)}`,
  'Bearer a b',
];

/** The size of a body sent to a route that caps none (the streamed usage import). */
export const OVERSIZED_BODY_BYTES = 2 * 1024 * 1024;
