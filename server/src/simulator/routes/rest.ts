import type { Context } from 'hono';
import { countQuery, listQuery, readListParams, QueryError } from '../query/list-query.js';
import { parseFields, selectFields } from '../query/fields.js';
import { manageErrors, type ManageValidationError } from '../manage-errors.js';
import { findChildResource, findResource, type Verb } from '../resources.js';
import type { ManageRecord, ManageStore } from '../store.js';
import type { SimulatorEnv } from '../sim-env.js';
import type { WriteRules } from '../write-rules.js';

/**
 * The generic REST surface: list, /count, get, post, put, patch and delete on
 * every resource in resources.ts, top-level or below a parent record, with
 * Manage's status codes (201 create, 204 delete, 405 for a verb the resource
 * lacks) and error bodies (docs/connectwise/rest-api.md#http-methods, docs/connectwise/errors-and-rate-limits.md#error-body).
 */
export interface RestDeps {
  store: ManageStore;
  writeRules: WriteRules;
}

/** What one request addresses: a collection (maybe narrowed to a parent's records) and the path after it. */
interface Target {
  collection: string;
  objectName: string;
  verbs: readonly Verb[];
  required: readonly string[];
  /** Narrows the collection to one parent's records. */
  scope?: (record: ManageRecord) => boolean;
  /** Fields that link a record created here to its parent. */
  parentFields?: Record<string, unknown>;
  rest: string[];
}

export async function handleRestRequest(c: Context<SimulatorEnv>, deps: RestDeps): Promise<Response> {
  const target = resolveTarget(c.get('apiPath'), deps.store);
  if (!target) return c.json(manageErrors.noEndpoint(), 404);
  if ('notFound' in target) return c.json(target.notFound, 404);
  const { rest } = target;
  const method = c.req.method;
  const records = () => (target.scope ? deps.store.all(target.collection).filter(target.scope) : deps.store.all(target.collection));

  if (rest.length === 0) {
    if (method === 'GET') return refuse(c, target, 'list') ?? listRecords(c, records());
    if (method === 'POST') return refuse(c, target, 'post') ?? createRecord(c, deps, target);
    return c.json(manageErrors.methodNotAllowed(), 405);
  }
  if (rest.length === 1 && rest[0].toLowerCase() === 'count') {
    if (method !== 'GET') return c.json(manageErrors.methodNotAllowed(), 405);
    return refuse(c, target, 'list') ?? countRecords(c, records());
  }
  const id = Number(rest[0]);
  if (rest.length !== 1 || !Number.isInteger(id) || id <= 0) return c.json(manageErrors.noEndpoint(), 404);
  const verb = VERB_OF_METHOD[method];
  if (!verb) return c.json(manageErrors.methodNotAllowed(), 405);
  const refused = refuse(c, target, verb);
  if (refused) return refused;
  const record = deps.store.get(target.collection, id);
  if (!record || (target.scope && !target.scope(record))) return c.json(manageErrors.notFound(target.objectName, id), 404);

  switch (verb) {
    case 'get':
      return projected(c, record, 200);
    case 'put':
      return replaceRecord(c, deps, target, record);
    case 'patch':
      return patchRecord(c, deps, target, record);
    default:
      deps.store.remove(target.collection, id, c.get('caller').memberIdentifier);
      return c.body(null, 204);
  }
}

const VERB_OF_METHOD: Record<string, Verb | undefined> = { GET: 'get', PUT: 'put', PATCH: 'patch', DELETE: 'delete' };

function resolveTarget(apiPath: string, store: ManageStore): Target | { notFound: object } | null {
  const child = findChildResource(apiPath);
  if (child) {
    // A child list under a parent that does not exist is that parent's NotFound.
    if (!store.get(child.parent.collection, child.parentId))
      return { notFound: manageErrors.notFound(child.parent.objectName, child.parentId) };
    const { parentId } = child;
    return {
      collection: child.child.collection,
      objectName: child.child.objectName,
      verbs: child.child.verbs,
      required: child.child.required,
      scope: (record) => child.child.belongsTo(record, parentId),
      parentFields: child.child.linkToParent?.(parentId),
      rest: child.rest,
    };
  }
  const found = findResource(apiPath);
  if (!found) return null;
  return { ...found.resource, rest: found.rest };
}

function refuse(c: Context<SimulatorEnv>, target: Target, verb: Verb): Response | undefined {
  return target.verbs.includes(verb) ? undefined : c.json(manageErrors.methodNotAllowed(), 405);
}

/** Answers a QueryError (malformed conditions, fields, orderBy, paging) in Manage's shape. */
function withQueryErrors(c: Context<SimulatorEnv>, run: () => Response): Response {
  try {
    return run();
  } catch (error) {
    if (error instanceof QueryError) return c.json(error.body, error.status as 400);
    throw error;
  }
}

function listRecords(c: Context<SimulatorEnv>, records: readonly ManageRecord[]): Response {
  return withQueryErrors(c, () => {
    const url = new URL(c.req.url);
    // Link URLs keep the query exactly as the client wrote it, only page/pageId replaced.
    const params = { ...readListParams(url.searchParams, c.req.raw.headers), originalQuery: url.search.slice(1) };
    // The store lists records in id order, and filtering keeps it.
    const result = listQuery(records, params, c.get('publicBaseUrl') + url.pathname, { idOrdered: true });
    if (result.linkHeader) c.header('Link', result.linkHeader);
    return c.json(result.records);
  });
}

function countRecords(c: Context<SimulatorEnv>, records: readonly ManageRecord[]): Response {
  return withQueryErrors(c, () => {
    const url = new URL(c.req.url);
    return c.json({ count: countQuery(records, readListParams(url.searchParams, c.req.raw.headers)) });
  });
}

/** `fields` works on single records and on POST answers too (DG "Partial Responses", docs/connectwise/querying.md#orderby-fields-and-count). */
function projected(c: Context<SimulatorEnv>, record: ManageRecord, status: 200 | 201): Response {
  return withQueryErrors(c, () => {
    const fields = readListParams(new URL(c.req.url).searchParams, c.req.raw.headers).fields;
    return c.json(fields ? selectFields(record, parseFields(fields)) : record, status);
  });
}

async function readJson(c: Context<SimulatorEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

function missingFields(target: Target, body: Record<string, unknown>): ManageValidationError[] {
  return target.required
    .filter((field) => body[field] === undefined || body[field] === null || body[field] === '')
    .map((field) => ({ code: 'MissingRequiredField', message: `The ${field} field is required.`, resource: target.objectName, field }));
}

/** Required fields, then the resource's own rules; the fields to store, or Manage's InvalidObject answer. */
function validate(
  c: Context<SimulatorEnv>,
  deps: RestDeps,
  target: Target,
  fields: Record<string, unknown>,
  existing?: ManageRecord,
): Record<string, unknown> | Response {
  const problems = missingFields(target, fields);
  if (problems.length) return c.json(manageErrors.invalidObject(target.objectName, problems), 400);
  const rule = deps.writeRules[target.collection];
  if (!rule) return fields;
  const verdict = rule({ fields, store: deps.store, caller: c.get('caller'), existing });
  return verdict.ok ? verdict.fields : c.json(manageErrors.invalidObject(target.objectName, verdict.errors), 400);
}

/** A body that is not a JSON object gets Manage's InvalidObject with the reason [inferred: Manage's wording for it is unpublished]. */
function notAnObject(c: Context<SimulatorEnv>, target: Target): Response {
  return c.json(
    manageErrors.invalidObject(target.objectName, [
      { code: 'InvalidObject', message: `The request body must be a ${target.objectName} object.`, resource: target.objectName, field: '' },
    ]),
    400,
  );
}

async function createRecord(c: Context<SimulatorEnv>, deps: RestDeps, target: Target): Promise<Response> {
  const body = await readJson(c);
  if (!isObject(body)) return notAnObject(c, target);
  const { id: _ignored, _info: _alsoIgnored, ...sent } = body;
  const fields = validate(c, deps, target, { ...sent, ...target.parentFields });
  if (fields instanceof Response) return fields;
  return projected(c, deps.store.insert(target.collection, fields, c.get('caller').memberIdentifier), 201);
}

async function replaceRecord(c: Context<SimulatorEnv>, deps: RestDeps, target: Target, record: ManageRecord): Promise<Response> {
  const body = await readJson(c);
  if (!isObject(body)) return notAnObject(c, target);
  // PUT replaces the whole entity: fields not sent are dropped (docs/connectwise/rest-api.md#http-methods).
  const { id: _ignored, _info: _alsoIgnored, ...sent } = body;
  const fields = validate(c, deps, target, { ...sent, ...target.parentFields }, record);
  if (fields instanceof Response) return fields;
  return projected(
    c,
    deps.store.replace(target.collection, { id: record.id, ...fields, _info: record._info }, c.get('caller').memberIdentifier),
    200,
  );
}

/**
 * PATCH: an array of {op, path, value}; objects are replaced whole, and the
 * whole resulting record is validated again, as Manage re-validates a stored
 * record on any PATCH (docs/connectwise/errors-and-rate-limits.md#error-body "400 range", §4.0).
 */
async function patchRecord(c: Context<SimulatorEnv>, deps: RestDeps, target: Target, record: ManageRecord): Promise<Response> {
  const body = await readJson(c);
  const ops = Array.isArray(body) ? body : null;
  const invalid = (message: string, field = '') =>
    c.json(manageErrors.invalidObject(target.objectName, [{ code: 'InvalidField', message, resource: target.objectName, field }]), 400);
  if (!ops || ops.length === 0) return invalid('The patch body must be a non-empty array of operations.');
  const next: Record<string, unknown> = structuredClone(record);
  for (const op of ops) {
    if (!isObject(op) || typeof op.path !== 'string' || typeof op.op !== 'string') return invalid('Each operation needs op and path.');
    const verb = op.op.toLowerCase();
    const path = op.path.replace(/^\//, '');
    if (path === 'id' || path.startsWith('_info')) return invalid(`The ${path} field cannot be patched.`, path);
    if (path.includes('/')) return invalid(`Nested paths are not supported; replace the whole ${path.split('/')[0]} object.`, path);
    if (verb === 'replace' || verb === 'add') next[path] = op.value;
    else if (verb === 'remove') delete next[path];
    else return invalid(`Unknown operation ${op.op}.`, 'op');
  }
  const { id: _ignored, _info: _alsoIgnored, ...patched } = next;
  const fields = validate(c, deps, target, patched, record);
  if (fields instanceof Response) return fields;
  return projected(
    c,
    deps.store.replace(target.collection, { id: record.id, ...fields, _info: record._info }, c.get('caller').memberIdentifier),
    200,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
