/**
 * The REST resources the simulator serves, with the verbs Manage offers on
 * each (SPEC endpoint table, summarised in ../shared/connectwise/API.md §4).
 */
export type Verb = 'list' | 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResourceDef {
  /** Path under `apis/3.0/`, e.g. `company/companies`. */
  path: string;
  collection: string;
  /** Name used in Manage's messages: "company object is invalid", "Company 12 not found". */
  objectName: string;
  verbs: readonly Verb[];
  /** Fields a POST must carry (Manage answers MissingRequiredField otherwise). */
  required: readonly string[];
}

const ALL: readonly Verb[] = ['list', 'get', 'post', 'put', 'patch', 'delete'];
const NO_DELETE: readonly Verb[] = ['list', 'get', 'post', 'put', 'patch'];

export const RESOURCES: readonly ResourceDef[] = [
  { path: 'company/companies', collection: 'companies', objectName: 'company', verbs: ALL, required: ['identifier', 'name'] },
  { path: 'company/contacts', collection: 'contacts', objectName: 'contact', verbs: ALL, required: ['firstName'] },
  { path: 'company/companies/types', collection: 'companyTypes', objectName: 'companyType', verbs: ALL, required: ['name'] },
  { path: 'company/companies/statuses', collection: 'companyStatuses', objectName: 'companyStatus', verbs: ALL, required: ['name'] },
  { path: 'company/communicationTypes', collection: 'communicationTypes', objectName: 'communicationType', verbs: ALL, required: ['description'] },
  { path: 'service/tickets', collection: 'tickets', objectName: 'ticket', verbs: ALL, required: ['summary', 'company'] },
  { path: 'time/entries', collection: 'timeEntries', objectName: 'timeEntry', verbs: ALL, required: ['timeStart'] },
  { path: 'time/workTypes', collection: 'workTypes', objectName: 'workType', verbs: ALL, required: ['name'] },
  { path: 'time/workRoles', collection: 'workRoles', objectName: 'workRole', verbs: ALL, required: ['name'] },
  { path: 'expense/entries', collection: 'expenseEntries', objectName: 'expenseEntry', verbs: ALL, required: ['type', 'amount', 'date'] },
  { path: 'expense/types', collection: 'expenseTypes', objectName: 'expenseType', verbs: ALL, required: ['name'] },
  { path: 'procurement/products', collection: 'products', objectName: 'productItem', verbs: ALL, required: ['catalogItem'] },
  { path: 'procurement/catalog', collection: 'catalogItems', objectName: 'catalogItem', verbs: ALL, required: ['identifier', 'description'] },
  { path: 'finance/agreements', collection: 'agreements', objectName: 'agreement', verbs: ALL, required: ['name', 'type', 'company'] },
  { path: 'finance/invoices', collection: 'invoices', objectName: 'invoice', verbs: ALL, required: ['type', 'company'] },
  { path: 'finance/taxCodes', collection: 'taxCodes', objectName: 'taxCode', verbs: ALL, required: ['identifier'] },
  { path: 'system/members', collection: 'members', objectName: 'member', verbs: NO_DELETE, required: ['identifier'] },
  { path: 'system/callbacks', collection: 'callbacks', objectName: 'callbackEntry', verbs: ALL, required: ['url', 'type', 'level'] },
  { path: 'system/connectwisehostedsetups', collection: 'hostedSetups', objectName: 'connectWiseHostedSetup', verbs: ALL, required: ['screenId', 'description', 'url', 'type'] },
];

/** Child list views: records of another collection filtered by their parent. */
export interface ChildViewDef {
  parentPath: string;
  child: string;
  collection: string;
  belongsTo: (record: Record<string, unknown>, parentId: number) => boolean;
}

const refId = (value: unknown): number | undefined => (value && typeof value === 'object' ? (value as { id?: number }).id : undefined);

export const CHILD_VIEWS: readonly ChildViewDef[] = [
  {
    parentPath: 'service/tickets',
    child: 'timeentries',
    collection: 'timeEntries',
    belongsTo: (r, id) => r.chargeToType === 'ServiceTicket' && r.chargeToId === id,
  },
  { parentPath: 'service/tickets', child: 'products', collection: 'products', belongsTo: (r, id) => refId(r.ticket) === id },
  { parentPath: 'finance/agreements', child: 'additions', collection: 'agreementAdditions', belongsTo: (r, id) => refId(r.agreement) === id },
];

/** Longest match first, so `company/companies/types` wins over `company/companies`. */
const BY_LENGTH = [...RESOURCES].sort((a, b) => b.path.length - a.path.length);

export function findResource(path: string): { resource: ResourceDef; rest: string[] } | null {
  const lower = path.toLowerCase();
  for (const resource of BY_LENGTH) {
    const base = resource.path.toLowerCase();
    if (lower === base || lower.startsWith(base + '/')) {
      const rest = path.slice(base.length).split('/').filter(Boolean);
      return { resource, rest };
    }
  }
  return null;
}
