import type { Context } from 'hono';
import { countQuery, listQuery, readListParams, QueryError } from '../query/list-query.js';
import { manageErrors, type ManageValidationError } from '../manage-errors.js';
import { CHILD_VIEWS, findResource, type ResourceDef, type Verb } from '../resources.js';
import type { ManageRecord, ManageStore } from '../store.js';
import type { SimulatorEnv } from '../sim-env.js';

/**
 * The generic REST surface: list, /count, get, post, put, patch and delete on
 * every resource in resources.ts, with Manage's status codes (201 create,
 * 204 delete) and error bodies.
 */
export async function handleRestRequest(c: Context<SimulatorEnv>, store: ManageStore): Promise<Response> {
    const apiPath = c.get('apiPath');
    const child = matchChildView(apiPath);
    if (child) return listRecords(c, store.all(child.collection).filter((r) => child.belongsTo(r, child.parentId)), c.req.method);

    const found = findResource(apiPath);
    if (!found) return c.json(manageErrors.noEndpoint(), 404);
    const { resource, rest } = found;
    const method = c.req.method;

    if (rest.length === 0) {
      if (method === 'GET') return allowed(c, resource, 'list') ?? listRecords(c, store.all(resource.collection), method);
      if (method === 'POST') return allowed(c, resource, 'post') ?? createRecord(c, store, resource);
      return c.json(manageErrors.methodNotAllowed(), 405);
    }
    if (rest.length === 1 && rest[0].toLowerCase() === 'count' && method === 'GET') {
      return countRecords(c, store.all(resource.collection));
    }
    const id = Number(rest[0]);
    if (rest.length !== 1 || !Number.isInteger(id) || id <= 0) return c.json(manageErrors.noEndpoint(), 404);
    const record = store.get(resource.collection, id);
    if (!record) return c.json(manageErrors.notFound(resource.objectName, id), 404);

    switch (method) {
      case 'GET':
        return allowed(c, resource, 'get') ?? c.json(record);
      case 'PUT':
        return allowed(c, resource, 'put') ?? replaceRecord(c, store, resource, record);
      case 'PATCH':
        return allowed(c, resource, 'patch') ?? patchRecord(c, store, resource, record);
      case 'DELETE':
        if (allowed(c, resource, 'delete')) return allowed(c, resource, 'delete')!;
        store.remove(resource.collection, id);
        return c.body(null, 204);
      default:
        return c.json(manageErrors.methodNotAllowed(), 405);
    }
}

function allowed(c: Context<SimulatorEnv>, resource: ResourceDef, verb: Verb): Response | undefined {
  return resource.verbs.includes(verb) ? undefined : c.json(manageErrors.methodNotAllowed(), 405);
}

function matchChildView(apiPath: string) {
  const parts = apiPath.split('/').filter(Boolean);
  if (parts.length !== 4) return null;
  const parentPath = `${parts[0]}/${parts[1]}`.toLowerCase();
  const parentId = Number(parts[2]);
  const view = CHILD_VIEWS.find((v) => v.parentPath.toLowerCase() === parentPath && v.child === parts[3].toLowerCase());
  return view && Number.isInteger(parentId) ? { ...view, parentId } : null;
}

function listRecords(c: Context<SimulatorEnv>, records: ManageRecord[], method: string): Response {
  if (method !== 'GET') return c.json(manageErrors.methodNotAllowed(), 405);
  try {
    const url = new URL(c.req.url);
    const params = readListParams(url.searchParams, c.req.raw.headers);
    const result = listQuery(records, params, c.get('publicBaseUrl') + url.pathname);
    if (result.linkHeader) c.header('Link', result.linkHeader);
    return c.json(result.records);
  } catch (error) {
    if (error instanceof QueryError) return c.json(error.body, error.status as 400);
    throw error;
  }
}

function countRecords(c: Context<SimulatorEnv>, records: ManageRecord[]): Response {
  try {
    const url = new URL(c.req.url);
    return c.json({ count: countQuery(records, readListParams(url.searchParams, c.req.raw.headers)) });
  } catch (error) {
    if (error instanceof QueryError) return c.json(error.body, error.status as 400);
    throw error;
  }
}

async function readJson(c: Context<SimulatorEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

function missingFields(resource: ResourceDef, body: Record<string, unknown>): ManageValidationError[] {
  return resource.required
    .filter((field) => body[field] === undefined || body[field] === null || body[field] === '')
    .map((field) => ({ code: 'MissingRequiredField', message: `The ${field} field is required.`, resource: resource.objectName, field }));
}

async function createRecord(c: Context<SimulatorEnv>, store: ManageStore, resource: ResourceDef): Promise<Response> {
  const body = await readJson(c);
  if (!isObject(body)) return c.json(manageErrors.invalidObject(resource.objectName, []), 400);
  const problems = missingFields(resource, body);
  if (problems.length) return c.json(manageErrors.invalidObject(resource.objectName, problems), 400);
  const { id: _ignored, _info: _alsoIgnored, ...fields } = body;
  const created = store.insert(resource.collection, fields, c.get('caller').memberIdentifier);
  return c.json(created, 201);
}

async function replaceRecord(c: Context<SimulatorEnv>, store: ManageStore, resource: ResourceDef, record: ManageRecord): Promise<Response> {
  const body = await readJson(c);
  if (!isObject(body)) return c.json(manageErrors.invalidObject(resource.objectName, []), 400);
  const problems = missingFields(resource, body);
  if (problems.length) return c.json(manageErrors.invalidObject(resource.objectName, problems), 400);
  // PUT replaces the whole entity: fields not sent are dropped (API.md §1.4).
  const { _info: _ignored, ...fields } = body;
  return c.json(store.replace(resource.collection, { ...fields, id: record.id, _info: record._info }, c.get('caller').memberIdentifier));
}

/** PATCH: an array of {op, path, value}; objects are replaced whole (API.md §4.0). */
async function patchRecord(c: Context<SimulatorEnv>, store: ManageStore, resource: ResourceDef, record: ManageRecord): Promise<Response> {
  const body = await readJson(c);
  const ops = Array.isArray(body) ? body : null;
  const invalid = (message: string, field = '') =>
    c.json(manageErrors.invalidObject(resource.objectName, [{ code: 'InvalidField', message, resource: resource.objectName, field }]), 400);
  if (!ops || ops.length === 0) return invalid('The patch body must be a non-empty array of operations.');
  const next: ManageRecord = structuredClone(record);
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
  const problems = missingFields(resource, next);
  if (problems.length) return c.json(manageErrors.invalidObject(resource.objectName, problems), 400);
  return c.json(store.replace(resource.collection, next, c.get('caller').memberIdentifier));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
