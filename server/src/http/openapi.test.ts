import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { API_ERROR_CODES } from '../../../shared/api-errors.js';
import { POWERS, type Power } from '../../../shared/powers.js';
import { PUBLIC_ROUTES } from '../app.js';
import { buildOpenApiDocument, openApiPath, RAW_REQUEST_BODIES } from './openapi.js';
import { validate } from './validate.js';
import { describeResponse } from './response-metadata.js';
import {
  AccountItemSchema,
  AuditEntryItemSchema,
  ChargeItemSchema,
  InvoiceItemSchema,
  LISTING_LIMIT,
} from '../../../shared/schemas/listings.js';

interface Operation {
  operationId: string;
  description: string;
  'x-required-power'?: Power;
  security: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> }>;
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, any> }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Record<string, any> }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, any>; responses: Record<string, any>; securitySchemes: Record<string, any> };
}

let t: Awaited<ReturnType<typeof createTestApp>>;
let text: string;
let doc: Document;
const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.request('/api/v1/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  text = await response.text();
  doc = JSON.parse(text) as Document;
});
afterAll(() => t?.dispose());

/** The app's routes as the access test groups them: one entry per method and path, its guard's power. */
function apiRouteGroups() {
  const groups = new Map<string, { method: string; path: string; power?: Power }>();
  for (const route of t.app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    const key = `${route.method} ${route.path}`;
    const group = groups.get(key) ?? { method: route.method, path: route.path };
    group.power ??= (route.handler as { requiredPower?: Power }).requiredPower;
    groups.set(key, group);
  }
  return [...groups.values()];
}

describe('GET /api/v1/openapi.json', () => {
  it('serves an OpenAPI 3.1 document without a token', async () => {
    const response = await t.app.request('/api/v1/openapi.json'); // no authorization header
    expect(response.status).toBe(200);
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    expect(doc.info).toMatchObject({
      title: 'ConnectWise billing integration API',
      version: JSON.parse(readFileSync('package.json', 'utf8')).version,
    });
    expect(doc.servers).toEqual([{ url: '/' }]);
    expect(operation('GET', '/api/v1/openapi.json')).toMatchObject({ security: [] });
  });

  it('has an operation, with the same method, for every API route of the app', () => {
    const groups = apiRouteGroups();
    expect(groups.length).toBeGreaterThan(50);
    const missing = groups.filter((g) => operation(g.method, openApiPath(g.path)) === undefined).map((g) => `${g.method} ${g.path}`);
    expect(missing).toEqual([]);
    const operations = Object.values(doc.paths).flatMap((ops) => Object.keys(ops));
    expect(operations.length).toBe(groups.length);
    expect(new Set(Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId))).size).toBe(operations.length);
  });

  it('writes path parameters the OpenAPI way', () => {
    expect(openApiPath('/api/v1/connectwise/mappings/:kind/:cwKey')).toBe('/api/v1/connectwise/mappings/{kind}/{cwKey}');
    expect(openApiPath('/api/v1/things/:id{[0-9]+}')).toBe('/api/v1/things/{id}');
    expect(operation('GET', '/api/v1/accounts/{id}')!.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
    ]);
  });

  it('takes query parameters and JSON bodies from the validators, defaulted fields optional', () => {
    const createAccount = operation('POST', '/api/v1/accounts')!;
    const body = createAccount.requestBody!;
    expect(body.required).toBe(true);
    expect(body.content['application/json'].schema.properties.name).toMatchObject({ type: 'string' });
    expect(body.content['application/json'].schema.required).toEqual(['name']);
    // { mode } defaults when the body is empty, so the body itself is optional.
    expect(operation('POST', '/api/v1/connectwise/sync')!.requestBody!.required).toBe(false);
    const query = operation('GET', '/api/v1/accounting/exports')!.parameters!;
    expect(query.find((p) => p.name === 'format')).toMatchObject({
      in: 'query',
      required: true,
      schema: { enum: ['xero', 'qbo', 'json'] },
    });
    expect(query.find((p) => p.name === 'again')).toMatchObject({ in: 'query', required: false });
  });

  it('carries the power each route guard enforces, with the bearer scheme; public routes carry neither', () => {
    for (const g of apiRouteGroups()) {
      const op = operation(g.method, openApiPath(g.path))!;
      const isPublic = PUBLIC_ROUTES.some((p) => p.method === g.method && p.path === g.path);
      expect({ route: `${g.method} ${g.path}`, power: op['x-required-power'], security: op.security }).toEqual({
        route: `${g.method} ${g.path}`,
        power: isPublic ? undefined : g.power,
        security: isPublic ? [] : [{ bearerAuth: [] }],
      });
    }
    const putMapping = operation('PUT', '/api/v1/connectwise/mappings/{kind}/{cwKey}')!;
    expect(putMapping['x-required-power']).toBe(POWERS.mappings);
    expect(putMapping.description).toContain(POWERS.mappings);
    expect(operation('POST', '/api/v1/sessions/member')!['x-required-power']).toBeUndefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('declares the bodies routes read themselves, such as the usage CSV', () => {
    expect(Object.keys(operation('POST', '/api/v1/usage/imports')!.requestBody!.content)).toEqual(['text/csv']);
    expect(Object.keys(operation('POST', '/api/v1/connectwise/quarantine/csv')!.requestBody!.content)).toEqual(['text/csv']);
    const registered = apiRouteGroups().map((g) => `${g.method} ${g.path}`);
    for (const raw of RAW_REQUEST_BODIES) expect(registered).toContain(`${raw.method} ${raw.path}`);
  });

  it('answers with the success statuses the handlers name', () => {
    expect(Object.keys(operation('POST', '/api/v1/accounts')!.responses)).toContain('201');
    expect(Object.keys(operation('GET', '/api/v1/accounts/{id}')!.responses)).toContain('200');
    expect(operation('DELETE', '/api/v1/tokens/{id}')!.responses['204']).toEqual({ description: 'No content.' });
    expect(Object.keys(operation('GET', '/api/v1/invoices/{id}/document')!.responses['200'].content!)).toEqual(['text/html']);
    expect(Object.keys(operation('GET', '/api/v1/accounting/exports')!.responses['200'].content!)).toEqual([
      'text/csv',
      'application/json',
    ]);
  });

  it('describes the paged listings: their 200 bodies with the item schemas, and their paging parameters', () => {
    const listings = [
      [
        '/api/v1/charges',
        'ChargePage',
        'Charge',
        ChargeItemSchema,
        ['accountId', 'kind', 'status', 'source', 'sourcePrefix', 'from', 'to'],
      ],
      ['/api/v1/invoices', 'InvoicePage', 'Invoice', InvoiceItemSchema, ['accountId', 'kind', 'status', 'periodStart', 'from', 'to']],
      ['/api/v1/accounts', 'AccountPage', 'Account', AccountItemSchema, ['status', 'externalKey', 'externalKeyPrefix', 'nameContains']],
      [
        '/api/v1/audit-entries',
        'AuditEntryPage',
        'AuditEntry',
        AuditEntryItemSchema,
        ['entity', 'entityId', 'actor', 'action', 'requestId', 'from', 'to'],
      ],
    ] as const;
    for (const [path, pageName, itemName, itemSchema, filters] of listings) {
      const op = operation('GET', path)!;
      expect(op.responses['200'].content!['application/json'].schema).toEqual({ $ref: `#/components/schemas/${pageName}` });
      expect(doc.components.schemas[pageName]).toMatchObject({
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: `#/components/schemas/${itemName}` } },
          nextCursor: { type: ['string', 'null'] },
        },
      });
      const item = doc.components.schemas[itemName];
      expect(Object.keys(item.properties)).toEqual(Object.keys(itemSchema.shape));
      expect(item.required).toEqual(Object.keys(itemSchema.shape));
      expect(item.properties.id).toMatchObject({ type: 'integer' });
      expect(op.parameters!.map((p) => p.name)).toEqual(['after', 'limit', ...filters]);
      expect(op.parameters!.find((p) => p.name === 'after')).toMatchObject({ required: false, schema: { type: 'string' } });
      expect(op.parameters!.find((p) => p.name === 'limit')).toMatchObject({
        required: false,
        description: expect.stringContaining('1000'),
        schema: { type: 'integer', minimum: 1, maximum: LISTING_LIMIT.max, default: LISTING_LIMIT.default },
      });
      expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', 'default']);
    }
    expect(doc.components.schemas.Charge.properties.status).toMatchObject({ enum: ['pending', 'draft', 'invoiced'] });
    expect(doc.components.schemas.AuditEntry.properties.details).toMatchObject({ anyOf: [{ type: 'object' }, { type: 'null' }] });
    expect(operation('GET', '/api/v1/audit-entries')!['x-required-power']).toBe(POWERS.settings);
    expect(operation('GET', '/api/v1/charges')!['x-required-power']).toBe(POWERS.integration);
    // Routes that declare no body keep the status the handler names and an open schema.
    expect(operation('GET', '/api/v1/accounts/{id}')!.responses['200'].content!['application/json'].schema).toEqual({});
  });

  it('describes failures with the one error envelope and its closed set of codes', () => {
    expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: { code: { enum: [...API_ERROR_CODES] } },
    });
    const responses = operation('PATCH', '/api/v1/accounts/{id}')!.responses;
    for (const status of ['400', '401', '403', '404', '409', 'default']) {
      const name = responses[status].$ref!.replace('#/components/responses/', '');
      expect(doc.components.responses[name].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    }
  });

  it('declares the optional Idempotency-Key header on the routes that honour it, and only there', () => {
    const header = (method: string, path: string) => operation(method, path)?.parameters?.find((p) => p.name === 'Idempotency-Key');
    expect(header('POST', '/api/v1/accounts')).toMatchObject({ in: 'header', required: false, schema: { type: 'string', maxLength: 200 } });
    expect(header('POST', '/api/v1/invoice-runs')).toBeDefined();
    expect(header('GET', '/api/v1/accounts')).toBeUndefined();
    expect(header('PATCH', '/api/v1/accounts/{id}')).toBeUndefined();
  });

  it('is the same JSON text on every call', async () => {
    const again = await (await t.app.request('/api/v1/openapi.json')).text();
    expect(again).toBe(text);
    expect(JSON.stringify(JSON.parse(text))).toBe(text);
  });
});

describe('buildOpenApiDocument', () => {
  const build = (...handlers: unknown[]) =>
    buildOpenApiDocument(
      handlers.map((handler) => ({ method: 'POST', path: '/api/v1/things', handler })),
      { publicRoutes: [] },
    ).paths['/api/v1/things'].post as unknown as Operation;

  it('falls back to an empty schema with a description for what zod cannot express', () => {
    const op = build(validate('json', z.object({ at: z.date() })), async () => new Response());
    expect(op.requestBody!.content['application/json'].schema).toEqual({
      description: expect.stringContaining('Not expressible as JSON Schema'),
    });
  });

  it('keeps a self-referring schema valid by moving it under components', () => {
    const Node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const document = buildOpenApiDocument([{ method: 'POST', path: '/api/v1/trees', handler: validate('json', Node) }], {
      publicRoutes: [],
    });
    const ref = '#/components/schemas/postTrees.body';
    expect(document.paths['/api/v1/trees'].post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { $ref: ref } } } },
    });
    expect(document.components.schemas['postTrees.body']).toMatchObject({ properties: { children: { items: { $ref: ref } } } });
  });

  it('describes a declared response body: inline without an id, as a shared component with one', () => {
    const Thing = z.object({ id: z.number().int(), label: z.string().default('none') }).meta({ id: 'TestThing' });
    const document = buildOpenApiDocument(
      [
        { method: 'GET', path: '/api/v1/things', handler: describeResponse(200, z.object({ count: z.number().int() }), 'How many.') },
        { method: 'POST', path: '/api/v1/things', handler: describeResponse(201, Thing, 'The new thing.') },
        { method: 'GET', path: '/api/v1/things/:id', handler: describeResponse(200, Thing, 'The thing.') },
      ],
      { publicRoutes: [] },
    );
    const paths = document.paths as Record<string, Record<string, Operation>>;
    expect(paths['/api/v1/things'].get.responses['200']).toEqual({
      description: 'How many.',
      content: { 'application/json': { schema: expect.objectContaining({ type: 'object', required: ['count'] }) } },
    });
    expect(paths['/api/v1/things'].post.responses['201'].content!['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TestThing',
    });
    expect(paths['/api/v1/things'].post.responses['200']).toBeUndefined();
    expect(paths['/api/v1/things/{id}'].get.responses['200'].content!['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TestThing',
    });
    // The output side: a defaulted field is always there in a response.
    expect(document.components.schemas.TestThing).toMatchObject({ required: ['id', 'label'] });
  });

  it('refuses two different schemas under one id', () => {
    const routes = [
      { method: 'GET', path: '/api/v1/a', handler: describeResponse(200, z.object({ a: z.string() }).meta({ id: 'TestClash' }), 'A.') },
      { method: 'GET', path: '/api/v1/b', handler: describeResponse(200, z.object({ b: z.string() }).meta({ id: 'TestClash' }), 'B.') },
    ];
    expect(() => buildOpenApiDocument(routes, { publicRoutes: [] })).toThrow(/TestClash/);
  });
});
