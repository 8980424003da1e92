import fc from 'fast-check';
import { testNow, testToday } from '../helpers/test-clock.js';

/**
 * Reading the served OpenAPI document the way a client would: its operations, their
 * parameters and JSON bodies, a plausible valid body for each (the base a fuzz case
 * changes one place of), and the places in that body a case can change.
 */

export type JsonSchema = Record<string, any>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface OpenApiOperation {
  operationId: string;
  security: unknown[];
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: JsonSchema }>;
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
}

export interface Operation {
  method: string;
  /** The OpenAPI template, `/api/v1/accounts/{id}`. */
  path: string;
  operationId: string;
  isPublic: boolean;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  headerParams: string[];
  /** The media type of the body, when the operation takes one. */
  bodyType: string | null;
  bodyRequired: boolean;
  bodySchema: JsonSchema | null;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      const [bodyType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [null, null];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        isPublic: op.security.length === 0,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: resolve(doc, p.schema) })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(doc, p.schema) })),
        headerParams: params.filter((p) => p.in === 'header').map((p) => p.name),
        bodyType,
        bodyRequired: op.requestBody?.required ?? false,
        bodySchema: media ? resolve(doc, media.schema) : null,
      });
    }
  }
  return operations;
}

/** Follows `$ref`s into components/schemas (whose names contain dots, so the ref is not split on them). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, '');
    current = doc.components.schemas[name] ?? {};
  }
  return current;
}

/** The JSON type names a value of `schema` may have; empty when the schema says nothing (anything goes). */
export function allowedTypes(doc: OpenApiDocument, schema: JsonSchema): Set<string> {
  const s = resolve(doc, schema);
  const types = new Set<string>();
  if ('const' in s) types.add(jsonTypeOf(s.const));
  if (Array.isArray(s.enum)) for (const v of s.enum) types.add(jsonTypeOf(v));
  if (typeof s.type === 'string') types.add(s.type);
  if (Array.isArray(s.type)) for (const t of s.type) types.add(t);
  for (const variant of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
    const inner = allowedTypes(doc, variant);
    if (inner.size === 0) return new Set();
    for (const t of inner) types.add(t);
  }
  if (types.size === 0 && Array.isArray(s.allOf)) for (const part of s.allOf) for (const t of allowedTypes(doc, part)) types.add(t);
  if (types.size === 0 && s.properties) types.add('object');
  return types;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether `value` has none of the types `schema` allows (an integer counts as a number). */
export function isWrongType(doc: OpenApiDocument, schema: JsonSchema, value: unknown): boolean {
  const allowed = allowedTypes(doc, schema);
  if (allowed.size === 0) return false;
  const type = jsonTypeOf(value);
  return !(allowed.has(type) || (type === 'integer' && allowed.has('number')));
}

/** An object schema's properties and required names, with `allOf` parts merged. */
function objectShape(doc: OpenApiDocument, schema: JsonSchema): { properties: Record<string, JsonSchema>; required: string[] } | null {
  const s = resolve(doc, schema);
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p: JsonSchema) => objectShape(doc, p)).filter(Boolean) as Array<ReturnType<typeof objectShape> & object>;
    if (parts.length === 0) return null;
    return { properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required) };
  }
  if (s.type === 'object' || s.properties) return { properties: s.properties ?? {}, required: s.required ?? [] };
  return null;
}

/** The first variant of a union that is not `null`: the one a base value is made from. */
function firstVariant(doc: OpenApiDocument, schema: JsonSchema): JsonSchema | null {
  const s = resolve(doc, schema);
  const variants = s.anyOf ?? s.oneOf;
  if (!Array.isArray(variants)) return null;
  return resolve(doc, variants.find((v: JsonSchema) => resolve(doc, v).type !== 'null') ?? variants[0]);
}

/**
 * A value `schema` plausibly accepts: required properties only, the first enum value, the
 * smallest allowed number, today for a date. Refinements the JSON Schema cannot say (an
 * account that must exist) may still refuse it; the fuzz only needs a body close to valid.
 */
export function exampleOf(doc: OpenApiDocument, schema: JsonSchema, name = '', seed = 0, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (depth > 8) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const variant = firstVariant(doc, s);
  if (variant) return exampleOf(doc, variant, name, seed, depth + 1);
  const shape = objectShape(doc, s);
  if (shape) {
    return Object.fromEntries(shape.required.map((key) => [key, exampleOf(doc, shape.properties[key] ?? {}, key, seed, depth + 1)]));
  }
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return exampleString(s, name, seed);
    case 'integer':
    case 'number': {
      const lower = s.minimum ?? (s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : 1);
      const value = Math.max(1, lower);
      return s.maximum !== undefined && value > s.maximum ? s.maximum : value;
    }
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => exampleOf(doc, s.items ?? {}, name, seed, depth + 1));
    case 'null':
      return null;
    default:
      return s.default ?? 'fuzz';
  }
}

function exampleString(s: JsonSchema, name: string, seed: number): string {
  const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
  const byFormat: Record<string, string> = {
    date: testToday(),
    'date-time': testNow().toISOString(),
    email: 'fuzz@example.com',
    // Port 9 (discard) refuses at once: a base URL must never reach out of the machine.
    uri: 'http://127.0.0.1:9/',
    url: 'http://127.0.0.1:9/',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  if (s.format && byFormat[s.format]) return byFormat[s.format];
  const byName: Array<[RegExp, string]> = [
    [/currency$/i, 'AUD'],
    [/taxcode$/i, 'GST'],
    [/email$/i, 'fuzz@example.com'],
    [/(date|from|to|start|end)$/i, testToday()],
    [/(at|time)$/i, testNow().toISOString()],
  ];
  for (const [pattern, value] of byName) if (pattern.test(name) && fits(value)) return value;
  if (typeof s.pattern === 'string') {
    try {
      const matching = fc.sample(fc.stringMatching(new RegExp(s.pattern)), { seed, numRuns: 20 }).find(fits);
      if (matching !== undefined) return matching;
    } catch {
      // A pattern fast-check cannot generate from: fall through to a plain word.
    }
  }
  const word = 'fuzz'.padEnd(s.minLength ?? 0, 'z');
  return s.maxLength !== undefined ? word.slice(0, Math.max(s.maxLength, s.minLength ?? 1)) : word;
}

/** A place in a body a fuzz case replaces: an object property or an array's first item, at any depth. */
export interface BodyPlace {
  path: Array<string | number>;
  schema: JsonSchema;
  /**
   * A wrong-typed value here must be refused: the property is required in its object (or an
   * array item), and no union on the way could make another shape accept it.
   */
  mustHaveItsType: boolean;
}

export function placesOf(doc: OpenApiDocument, schema: JsonSchema, maxDepth = 4): BodyPlace[] {
  const places: BodyPlace[] = [];
  const walk = (node: JsonSchema, path: Array<string | number>, required: boolean, underUnion: boolean) => {
    const s = resolve(doc, node);
    if (path.length > 0) places.push({ path, schema: s, mustHaveItsType: required && !underUnion });
    if (path.length >= maxDepth) return;
    const variant = firstVariant(doc, s);
    if (variant) return walk(variant, path, false, true);
    const shape = objectShape(doc, s);
    if (shape) {
      for (const [key, child] of Object.entries(shape.properties)) walk(child, [...path, key], shape.required.includes(key), underUnion);
    } else if (s.type === 'array' && s.items) {
      walk(s.items, [...path, 0], true, underUnion);
    }
  };
  walk(schema, [], true, false);
  return places;
}

/** The schema at `key` below `schema` (a property, or an array's items). */
function childSchema(doc: OpenApiDocument, schema: JsonSchema, key: string | number): JsonSchema {
  const s = firstVariant(doc, schema) ?? resolve(doc, schema);
  if (typeof key === 'number') return resolve(doc, s.items ?? {});
  return resolve(doc, objectShape(doc, s)?.properties[key] ?? {});
}

/** A copy of `base` with `value` at `path`; missing containers on the way are made from their schemas. */
export function withValueAt(
  doc: OpenApiDocument,
  base: unknown,
  schema: JsonSchema,
  path: Array<string | number>,
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const child = childSchema(doc, schema, key);
  if (typeof key === 'number') {
    const array = Array.isArray(base) ? [...base] : [];
    const current = array[key] ?? exampleOf(doc, child);
    array[key] = withValueAt(doc, current, child, rest, value);
    return array;
  }
  const object = base !== null && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const current = key in object ? object[key] : exampleOf(doc, child, key);
  object[key] = withValueAt(doc, current, child, rest, value);
  return object;
}

/** A copy of `base` without the property at `path`. */
export function withoutValueAt(base: unknown, path: Array<string | number>): unknown {
  if (path.length === 0 || base === null || typeof base !== 'object') return base;
  const [key, ...rest] = path;
  const copy: any = Array.isArray(base) ? [...base] : { ...(base as Record<string, unknown>) };
  if (rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else {
    copy[key] = withoutValueAt(copy[key], rest);
  }
  return copy;
}
