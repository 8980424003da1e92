/**
 * The REST resources the simulator serves, at Manage's own paths, with the
 * verbs Manage offers on each (SPEC endpoint table, summarised in
 * docs/connectwise/records.md). Every collection the data generator
 * produces is reachable through one of them (resources.test.ts checks it).
 */
export type Verb = 'list' | 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResourceDef {
  /** Path under `apis/3.0/`, e.g. `company/companies`. */
  path: string;
  collection: string;
  /** Name used in Manage's messages: "company object is invalid", "Company 12 not found". */
  objectName: string;
  /** `list` also covers `/count`. */
  verbs: readonly Verb[];
  /** Fields a POST must carry (Manage answers MissingRequiredField otherwise). */
  required: readonly string[];
}

const ALL: readonly Verb[] = ['list', 'get', 'post', 'put', 'patch', 'delete'];
const NO_DELETE: readonly Verb[] = ['list', 'get', 'post', 'put', 'patch'];
const LIST_ONLY: readonly Verb[] = ['list'];

export const RESOURCES: readonly ResourceDef[] = [
  // Companies and their setup tables (docs/connectwise/records.md#companies; SPEC `/company/companies/types`, `/statuses`, `/company/communicationTypes`).
  { path: 'company/companies', collection: 'companies', objectName: 'company', verbs: ALL, required: ['identifier', 'name'] },
  { path: 'company/companies/types', collection: 'companyTypes', objectName: 'companyType', verbs: ALL, required: ['name'] },
  { path: 'company/companies/statuses', collection: 'companyStatuses', objectName: 'companyStatus', verbs: ALL, required: ['name'] },
  { path: 'company/contacts', collection: 'contacts', objectName: 'contact', verbs: ALL, required: ['firstName'] },
  {
    path: 'company/communicationTypes',
    collection: 'communicationTypes',
    objectName: 'communicationType',
    verbs: ALL,
    required: ['description'],
  },
  // Service desk (docs/connectwise/records.md#service-tickets; SPEC `/service/boards`, `/service/priorities`).
  { path: 'service/tickets', collection: 'tickets', objectName: 'ticket', verbs: ALL, required: ['summary', 'company'] },
  { path: 'service/boards', collection: 'boards', objectName: 'board', verbs: ALL, required: ['name'] },
  { path: 'service/priorities', collection: 'priorities', objectName: 'priority', verbs: ALL, required: ['name'] },
  // Time and expense (docs/connectwise/records.md#time-entries, docs/connectwise/records.md#expense-entries, docs/connectwise/records.md#work-types-and-work-roles).
  { path: 'time/entries', collection: 'timeEntries', objectName: 'timeEntry', verbs: ALL, required: ['timeStart'] },
  { path: 'time/workTypes', collection: 'workTypes', objectName: 'workType', verbs: ALL, required: ['name'] },
  { path: 'time/workRoles', collection: 'workRoles', objectName: 'workRole', verbs: ALL, required: ['name'] },
  { path: 'expense/entries', collection: 'expenseEntries', objectName: 'expenseEntry', verbs: ALL, required: ['type', 'amount', 'date'] },
  { path: 'expense/types', collection: 'expenseTypes', objectName: 'expenseType', verbs: ALL, required: ['name'] },
  // Procurement (docs/connectwise/records.md#procurement-products, docs/connectwise/records.md#catalog; SPEC `/procurement/unitOfMeasures`).
  { path: 'procurement/products', collection: 'products', objectName: 'productItem', verbs: ALL, required: ['catalogItem'] },
  {
    path: 'procurement/catalog',
    collection: 'catalogItems',
    objectName: 'catalogItem',
    verbs: ALL,
    required: ['identifier', 'description'],
  },
  { path: 'procurement/unitOfMeasures', collection: 'unitsOfMeasure', objectName: 'unitOfMeasure', verbs: ALL, required: ['name'] },
  // Finance (docs/connectwise/records.md#agreements-and-additions, docs/connectwise/records.md#invoices; SPEC `/finance/agreements/types`, `/finance/taxCodes`).
  { path: 'finance/agreements', collection: 'agreements', objectName: 'agreement', verbs: ALL, required: ['name', 'type', 'company'] },
  { path: 'finance/agreements/types', collection: 'agreementTypes', objectName: 'agreementType', verbs: ALL, required: ['name'] },
  { path: 'finance/invoices', collection: 'invoices', objectName: 'invoice', verbs: ALL, required: ['type', 'company'] },
  { path: 'finance/taxCodes', collection: 'taxCodes', objectName: 'taxCode', verbs: ALL, required: ['identifier'] },
  // System (docs/connectwise/records.md#members, docs/connectwise/callbacks.md, docs/connectwise/hosted-api.md#registration; SPEC `/system/locations`, `/system/departments`). Members cannot be deleted, only deactivated.
  { path: 'system/members', collection: 'members', objectName: 'member', verbs: NO_DELETE, required: ['identifier'] },
  { path: 'system/locations', collection: 'locations', objectName: 'location', verbs: ALL, required: ['name'] },
  { path: 'system/departments', collection: 'departments', objectName: 'department', verbs: ALL, required: ['name'] },
  { path: 'system/callbacks', collection: 'callbacks', objectName: 'callbackEntry', verbs: ALL, required: ['url', 'type', 'level'] },
  {
    path: 'system/connectwisehostedsetups',
    collection: 'hostedSetups',
    objectName: 'connectWiseHostedSetup',
    verbs: ALL,
    required: ['screenId', 'description', 'url', 'type'],
  },
];

/** Resources below one parent record: `/{parentPath}/{parentId}/{child}[/{id}|/count]`. */
export interface ChildResourceDef {
  parentPath: string;
  child: string;
  collection: string;
  objectName: string;
  verbs: readonly Verb[];
  required: readonly string[];
  belongsTo: (record: Record<string, unknown>, parentId: number) => boolean;
  /** What a record created under the parent carries to link it there. */
  linkToParent?: (parentId: number) => Record<string, unknown>;
}

const refId = (value: unknown): number | undefined => (value && typeof value === 'object' ? (value as { id?: number }).id : undefined);

export const CHILD_RESOURCES: readonly ChildResourceDef[] = [
  // SPEC offers only GET (list and /count) on a ticket's time entries and products.
  {
    parentPath: 'service/tickets',
    child: 'timeentries',
    collection: 'timeEntries',
    objectName: 'timeEntry',
    verbs: LIST_ONLY,
    required: [],
    belongsTo: (r, id) => r.chargeToType === 'ServiceTicket' && r.chargeToId === id,
  },
  {
    parentPath: 'service/tickets',
    child: 'products',
    collection: 'products',
    objectName: 'productItem',
    verbs: LIST_ONLY,
    required: [],
    belongsTo: (r, id) => refId(r.ticket) === id,
  },
  // Additions: full CRUD under the agreement, each carrying `agreementId` (docs/connectwise/records.md#agreements-and-additions).
  {
    parentPath: 'finance/agreements',
    child: 'additions',
    collection: 'agreementAdditions',
    objectName: 'addition',
    verbs: ALL,
    required: ['product'],
    belongsTo: (r, id) => r.agreementId === id || refId(r.agreement) === id,
    linkToParent: (id) => ({ agreementId: id }),
  },
  // Board statuses (`/service/boards/{parentId}/statuses`, SPEC).
  {
    parentPath: 'service/boards',
    child: 'statuses',
    collection: 'serviceStatuses',
    objectName: 'boardStatus',
    verbs: ALL,
    required: ['name'],
    belongsTo: (r, id) => refId(r.board) === id,
    linkToParent: (id) => ({ board: { id } }),
  },
];

/** Longest match first, so `company/companies/types` wins over `company/companies`. */
const BY_LENGTH = [...RESOURCES].sort((a, b) => b.path.length - a.path.length);

/** The resource a path names, and the path segments after it. Paths match case-insensitively. */
export function findResource(path: string): { resource: ResourceDef; rest: string[] } | null {
  const lower = path.toLowerCase();
  for (const resource of BY_LENGTH) {
    const base = resource.path.toLowerCase();
    if (lower === base || lower.startsWith(`${base}/`)) {
      const rest = path.slice(base.length).split('/').filter(Boolean);
      return { resource, rest };
    }
  }
  return null;
}

/** `finance/agreements/7/additions/3` → the additions resource, parent 7, rest ['3']. */
export function findChildResource(path: string): { child: ChildResourceDef; parent: ResourceDef; parentId: number; rest: string[] } | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 4) return null;
  const parentPath = `${parts[0]}/${parts[1]}`.toLowerCase();
  const parentId = Number(parts[2]);
  const child = CHILD_RESOURCES.find((v) => v.parentPath.toLowerCase() === parentPath && v.child.toLowerCase() === parts[3].toLowerCase());
  const parent = RESOURCES.find((r) => r.path.toLowerCase() === parentPath);
  if (!child || !parent || !Number.isInteger(parentId) || parentId <= 0) return null;
  return { child, parent, parentId, rest: parts.slice(4) };
}
