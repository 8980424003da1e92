import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { API_ERROR_CODES } from '../../../shared/api-errors.js';
import { PARENT_POWER, type Power } from '../../../shared/powers.js';
import { CallbackPayloadSchema } from '../connectwise/verify-callback-signature.js';
import { isIdempotencyMiddleware } from './idempotency.js';
import { responseOf, type ResponseMetadata } from './response-metadata.js';
import { validatorOf, type ValidatorMetadata } from './validator-metadata.js';

/**
 * The OpenAPI 3.1 document of the REST API, derived from the registered routes so it cannot
 * drift from them: each route's `validate(...)` middlewares give its parameters and JSON body
 * (http/validator-metadata.ts), its power guard gives the power and the security, and
 * PUBLIC_ROUTES (app.ts) the routes without a token. A route's `describeResponse(...)`
 * (http/response-metadata.ts) gives its success body; other routes' success statuses are read
 * from their handlers, with the body left undescribed.
 */

/** One entry of Hono's `app.routes`: middlewares and the handler of a route come as separate entries. */
export interface RegisteredRoute {
  method: string;
  path: string;
  handler: unknown;
}

export interface OpenApiOptions {
  publicRoutes: ReadonlyArray<{ method: string; path: string }>;
  /** Where package.json is read from; the server resolves every path from its working directory. */
  cwd?: string;
}

type JsonSchema = Record<string, unknown>;

interface RawRequestBody {
  method: string;
  path: string;
  contentType: string;
  description: string;
  schema: z.ZodType;
  /** When the route can refuse the body as a whole with a 422: what that envelope carries. */
  unprocessable?: string;
  headers?: Array<{ name: string; required: boolean; description: string }>;
}

/**
 * Bodies that routes read themselves instead of through `validate('json', ...)`, so the walk
 * cannot see them. openapi.test.ts checks that each entry still names a registered route.
 */
export const RAW_REQUEST_BODIES: readonly RawRequestBody[] = [
  {
    method: 'POST',
    path: '/api/v1/usage/imports',
    contentType: 'text/csv',
    description: 'The usage file, read as it arrives (docs/usage-csv-format.md).',
    schema: z.string(),
    unprocessable:
      'The file was refused whole (its header lacks a required column, or it is empty): the error envelope (`validation_failed`), with the failed import record `{importId, status: "failed", linesRead, recordsAdded, duplicates, invalid, invalidLines, error}` in `details.import`. Nothing was imported.',
  },
  {
    method: 'POST',
    path: '/api/v1/connectwise/quarantine/csv',
    contentType: 'text/csv',
    description:
      'One action per line: `id,action` or `id,link,account:<id>` / `id,link,product:<id>`; an optional first line starting with `id,` is a header.',
    schema: z.string(),
  },
  {
    method: 'POST',
    path: '/api/v1/connectwise/callbacks',
    contentType: 'application/json',
    description: "Manage's callback payload; the signature covers the raw bytes.",
    schema: CallbackPayloadSchema,
    headers: [
      {
        name: 'x-content-signature',
        required: true,
        description: 'base64 HMAC-SHA256 of the raw body, keyed with the SHA-256 of the signing key behind Metadata.key_url.',
      },
    ],
  },
];

/** Responses whose media type the handler sets at run time. */
const RAW_RESPONSES: ReadonlyArray<{ method: string; path: string; content: Record<string, { schema: JsonSchema }>; description: string }> =
  [
    {
      method: 'GET',
      path: '/api/v1/accounting/exports',
      description: 'The export file (docs/accounting-export.md): CSV for `xero` and `qbo`, JSON for `json`.',
      content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: {} } },
    },
  ];

const ErrorEnvelope = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});

const ERROR_RESPONSES = {
  BadRequest: {
    status: '400',
    description: 'The input is invalid (`validation_failed`; `details.issues` lists each problem) or malformed (`bad_request`).',
  },
  Unauthorized: { status: '401', description: 'No bearer token, or one that is unknown, revoked or expired (`unauthorized`).' },
  Forbidden: {
    status: '403',
    description: 'The token lacks the required power or its parent (`forbidden`; `details.missing` names them).',
  },
  NotFound: { status: '404', description: 'No such resource (`not_found`).' },
  Conflict: {
    status: '409',
    description:
      'The state changed under the request (`conflict`), or the Idempotency-Key was used with another request (`idempotency_mismatch`).',
  },
  Error: {
    status: 'default',
    description:
      'Any other failure, in the same envelope (e.g. 422, 429 `rate_limited`, 502 `upstream_unavailable`/`upstream_rejected`, 500 `internal`).',
  },
} as const;
type ErrorResponseName = keyof typeof ERROR_RESPONSES;

export function buildOpenApiDocument(routes: readonly RegisteredRoute[], options: OpenApiOptions) {
  const components = {
    schemas: { ErrorEnvelope: jsonSchemaOf(ErrorEnvelope) } as Record<string, JsonSchema>,
    responses: Object.fromEntries(
      Object.entries(ERROR_RESPONSES).map(([name, r]) => [
        name,
        { description: r.description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } },
      ]),
    ),
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API token (`POST /api/v1/tokens`; the first admin token is printed on first start) or a member session token (`POST /api/v1/sessions/member`), sent as `Authorization: Bearer <token>`.',
      },
    },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();

  for (const route of apiRoutes(routes)) {
    const path = openApiPath(route.path);
    const method = route.method.toLowerCase();
    const operationId = uniqueId(operationIdOf(method, path), operationIds);
    const isPublic = options.publicRoutes.some((p) => p.method === route.method && p.path === route.path);
    const validators = route.handlers.map(validatorOf).filter((v): v is ValidatorMetadata => v !== undefined);
    const power = route.handlers.map((h) => (h as { requiredPower?: Power }).requiredPower).find((p) => p !== undefined);
    const raw = RAW_REQUEST_BODIES.find((b) => b.method === route.method && b.path === route.path);
    const declaredResponses = route.handlers.map(responseOf).filter((r): r is ResponseMetadata => r !== undefined);
    const place = (schema: JsonSchema, suffix: string) => placeSchema(schema, `${operationId}.${suffix}`, components.schemas);

    const parameters = [
      ...parametersOf('path', validators, path, place),
      ...parametersOf('query', validators, path, place),
      ...(raw?.headers ?? []).map((h) => ({ ...h, in: 'header', schema: { type: 'string' } })),
      ...(route.handlers.some(isIdempotencyMiddleware) ? [IDEMPOTENCY_KEY_HEADER] : []),
    ];
    const body = validators.find((v) => v.target === 'json');
    const requestBody = body
      ? { required: !acceptsNoBody(body.schema), content: { 'application/json': { schema: place(jsonSchemaOf(body.schema), 'body') } } }
      : raw
        ? {
            required: true,
            description: raw.description,
            content: { [raw.contentType]: { schema: place(jsonSchemaOf(raw.schema), 'body') } },
          }
        : undefined;

    // Listed from what the route has: input → 400, a guard → 401/403, a path id → 404, a change of state → 409.
    const errors: ErrorResponseName[] = [];
    if (validators.length > 0 || raw) errors.push('BadRequest');
    if (!isPublic) errors.push('Unauthorized', 'Forbidden');
    if (path.includes('{')) errors.push('NotFound');
    if (!isPublic && route.method !== 'GET') errors.push('Conflict');
    errors.push('Error');

    const unprocessable = raw?.unprocessable
      ? {
          '422': {
            description: raw.unprocessable,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
          },
        }
      : {};

    const pathItem = paths[path] ?? {};
    paths[path] = pathItem;
    pathItem[method] = {
      operationId,
      tags: [tagOf(path)],
      description: isPublic ? 'Public: no token needed.' : describePower(power),
      ...(power ? { 'x-required-power': power } : {}),
      security: isPublic ? [] : [{ bearerAuth: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: {
        ...(declaredResponses.length > 0
          ? Object.fromEntries(
              declaredResponses.map((r) => [
                String(r.status),
                {
                  description: r.description,
                  content: { 'application/json': { schema: place(jsonSchemaOf(r.schema, 'output'), `response.${r.status}`) } },
                },
              ]),
            )
          : successResponses(route, route.handlers[route.handlers.length - 1])),
        ...Object.fromEntries(errors.map((name) => [ERROR_RESPONSES[name].status, { $ref: `#/components/responses/${name}` }])),
        ...unprocessable,
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'ConnectWise billing integration API',
      version: packageVersion(options.cwd ?? process.cwd()),
      description:
        "Generated from the server's routes and their validation schemas. Every failure is one envelope `{code, message, details?, requestId}`.",
    },
    servers: [{ url: '/' }],
    paths,
    components,
  };
}

/** The header of http/idempotency.ts, on every route that goes through it. */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
  description:
    'Optional. The first successful answer is kept per token and key: the same key with the same request gets it again (header `idempotent-replayed: true`) without running anything; the same key with another request is a 409 `idempotency_mismatch`.',
};

/** Groups Hono's entries by method and path, keeping registration order; middleware-only entries (`use`) are left out. */
function apiRoutes(routes: readonly RegisteredRoute[]) {
  const groups = new Map<string, { method: string; path: string; handlers: unknown[] }>();
  for (const route of routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path, handlers: [] };
    group.handlers.push(route.handler);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Hono's `/accounts/:id` (or `:id{[0-9]+}`) becomes `/accounts/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, '{$1}');
}

/** zod 4's own converter: on the input side for requests, so that defaulted fields are optional; the output side for responses. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
    return rest;
  } catch (error) {
    return { description: `Not expressible as JSON Schema (${(error as Error).message}); the server validates it on arrival.` };
  }
}

function parametersOf(
  location: 'path' | 'query',
  validators: ValidatorMetadata[],
  path: string,
  place: (schema: JsonSchema, suffix: string) => JsonSchema,
) {
  const validator = validators.find((v) => v.target === (location === 'path' ? 'param' : 'query'));
  const converted = validator ? jsonSchemaOf(validator.schema) : {};
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  if (location === 'query') {
    // A schema's description (zod's `.describe`) is the parameter's, where viewers show it.
    return Object.entries(properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      schema: place(schema, `query.${name}`),
    }));
  }
  // Every name in the path template must be declared, validated or not.
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: properties[name] ? place(properties[name], `path.${name}`) : { type: 'string' },
  }));
}

/** `validate('json', ...)` hands an empty body to the schema as undefined. */
function acceptsNoBody(schema: z.ZodType): boolean {
  try {
    return schema.safeParse(undefined).success;
  } catch {
    return false;
  }
}

/**
 * A converted schema that refers to itself (`#`, `#/$defs/...`) would point at the document
 * root once embedded; such a schema moves to components/schemas with its refs rewritten.
 * zod names a definition after the schema's `.meta({ id })`: those become components under
 * that very name, shared by every operation that uses them (two different schemas with one
 * id are a mistake, refused here); the rest (`__schema0`, a self-reference without an id)
 * are named after the operation.
 */
function placeSchema(schema: JsonSchema, name: string, componentSchemas: Record<string, JsonSchema>): JsonSchema {
  if (!JSON.stringify(schema).includes('"$ref":"#')) return schema;
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
  const componentName = safe(name);
  const defName = (def: string) => (/^__schema\d+$/.test(def) ? `${componentName}.${safe(def)}` : safe(def));
  const { $defs, ...root } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key !== '$ref' || typeof value !== 'string') return [key, rewrite(value)];
        if (value === '#') return [key, `#/components/schemas/${componentName}`];
        if (value.startsWith('#/$defs/')) return [key, `#/components/schemas/${defName(value.slice('#/$defs/'.length))}`];
        return [key, value];
      }),
    );
  };
  for (const [def, definition] of Object.entries($defs ?? {})) {
    const placed = rewrite(definition) as JsonSchema;
    const existing = componentSchemas[defName(def)];
    if (existing && JSON.stringify(existing) !== JSON.stringify(placed)) {
      throw new Error(`Two different schemas carry the id "${def}" (${name}).`);
    }
    componentSchemas[defName(def)] = placed;
  }
  const placedRoot = rewrite(root) as JsonSchema;
  // A schema that is itself a named component ({$ref} and nothing else) is that reference.
  if (Object.keys(placedRoot).length === 1 && typeof placedRoot.$ref === 'string' && !JSON.stringify(schema).includes('"$ref":"#"')) {
    return placedRoot;
  }
  componentSchemas[componentName] = placedRoot;
  return { $ref: `#/components/schemas/${componentName}` };
}

/**
 * The success statuses the handler itself names (`c.json(x, 201)`, `c.body(null, 204)`,
 * `cond ? 207 : 200`), read from its source text; none named means Hono's default 200.
 * `c.html(...)` answers text/html.
 */
function successResponses(route: { method: string; path: string }, handler: unknown): Record<string, unknown> {
  const raw = RAW_RESPONSES.find((r) => r.method === route.method && r.path === route.path);
  if (raw) return { '200': { description: raw.description, content: raw.content } };
  const source = typeof handler === 'function' ? Function.prototype.toString.call(handler) : '';
  const statuses = [...new Set([...source.matchAll(/[,?:]\s*(2\d\d)\s*(?=[,):])/g)].map((m) => m[1]))].sort();
  const mediaType = /\.html\(/.test(source) ? 'text/html' : 'application/json';
  return Object.fromEntries(
    (statuses.length > 0 ? statuses : ['200']).map((status) => [
      status,
      status === '204' ? { description: 'No content.' } : { description: 'Success.', content: { [mediaType]: { schema: {} } } },
    ]),
  );
}

function describePower(power: Power | undefined): string {
  if (!power) return 'Needs a bearer token.';
  if (power === PARENT_POWER) return `Requires the power "${power}".`;
  return `Requires the power "${power}" (and its parent, "${PARENT_POWER}").`;
}

/** `get` + `/api/v1/accounts/{id}/pending-charges` → `getAccountsByIdPendingCharges`. */
function operationIdOf(method: string, path: string): string {
  const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const words = path
    .replace(/^\/api\/v\d+\//, '')
    .split(/[^A-Za-z0-9{}]+/)
    .filter(Boolean)
    .map((word) => (word.startsWith('{') ? `By${capitalize(word.slice(1, -1))}` : capitalize(word)));
  return method + words.join('');
}

function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}${n}`;
  taken.add(candidate);
  return candidate;
}

/** The resource: the first segment after the version (`accounts`, `connectwise`, `usage`). */
function tagOf(path: string): string {
  return path.replace(/^\/api\/v\d+\//, '').split(/[/.]/)[0];
}

function packageVersion(cwd: string): string {
  try {
    const { version } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
