/**
 * Every reference in a Manage data set must point at a record that exists, and must
 * describe it truthfully: a `company` reference's `name` is that company's name, its
 * `company_href` ends in that company's id. `findDanglingReferences` lists every
 * violation, so a test (or the simulator after a write) can assert there are none.
 */
import type { ManageDataset } from './manage-records.js';

type AnyRecord = { id: number } & Record<string, unknown>;
type Collection = keyof ManageDataset;

/** How a reference object names its target, per target collection. */
const DESCRIBED_BY: Partial<Record<Collection, (target: AnyRecord) => Record<string, unknown>>> = {
  companies: (c) => ({ identifier: c.identifier, name: c.name }),
  contacts: (c) => ({ name: [c.firstName, c.lastName].filter(Boolean).join(' ') }),
  members: (m) => ({ identifier: m.identifier, name: `${m.firstName} ${m.lastName}` }),
  communicationTypes: (t) => ({ name: t.description }),
  taxCodes: (t) => ({ name: t.identifier }),
  tickets: (t) => ({ summary: t.summary }),
  catalogItems: (i) => ({ identifier: i.identifier, name: i.description }),
};

interface Rule {
  /** Path of the reference inside the record; `[]` marks an array. */
  field: string;
  target: Collection;
  /** `ref`: a reference object; `id`: a bare id number; `ids`: an array of ids. */
  kind?: 'ref' | 'id' | 'ids';
}

const RULES: Partial<Record<Collection, readonly Rule[]>> = {
  companies: [
    { field: 'status', target: 'companyStatuses' },
    { field: 'types[]', target: 'companyTypes' },
    { field: 'territory', target: 'locations' },
    { field: 'taxCode', target: 'taxCodes' },
    { field: 'defaultContact', target: 'contacts' },
  ],
  contacts: [
    { field: 'company', target: 'companies' },
    { field: 'communicationItems[].type', target: 'communicationTypes' },
  ],
  members: [
    { field: 'workRole', target: 'workRoles' },
    { field: 'workType', target: 'workTypes' },
    { field: 'defaultLocation', target: 'locations' },
    { field: 'defaultDepartment', target: 'departments' },
  ],
  workRoles: [{ field: 'locationIds', target: 'locations', kind: 'ids' }],
  boards: [
    { field: 'location', target: 'locations' },
    { field: 'department', target: 'departments' },
  ],
  serviceStatuses: [{ field: 'board', target: 'boards' }],
  agreementTypes: [
    { field: 'location', target: 'locations' },
    { field: 'department', target: 'departments' },
  ],
  catalogItems: [{ field: 'unitOfMeasure', target: 'unitsOfMeasure' }],
  tickets: [
    { field: 'board', target: 'boards' },
    { field: 'status', target: 'serviceStatuses' },
    { field: 'company', target: 'companies' },
    { field: 'contact', target: 'contacts' },
    { field: 'priority', target: 'priorities' },
    { field: 'owner', target: 'members' },
    { field: 'location', target: 'locations' },
    { field: 'department', target: 'departments' },
  ],
  timeEntries: [
    { field: 'company', target: 'companies' },
    { field: 'member', target: 'members' },
    { field: 'workType', target: 'workTypes' },
    { field: 'workRole', target: 'workRoles' },
    { field: 'location', target: 'locations' },
    { field: 'locationId', target: 'locations', kind: 'id' },
    { field: 'department', target: 'departments' },
    { field: 'businessUnitId', target: 'departments', kind: 'id' },
    { field: 'taxCode', target: 'taxCodes' },
    { field: 'ticket', target: 'tickets' },
    { field: 'chargeToId', target: 'tickets', kind: 'id' },
  ],
  expenseEntries: [
    { field: 'company', target: 'companies' },
    { field: 'type', target: 'expenseTypes' },
    { field: 'member', target: 'members' },
    { field: 'locationId', target: 'locations', kind: 'id' },
    { field: 'businessUnitId', target: 'departments', kind: 'id' },
    { field: 'ticket', target: 'tickets' },
    { field: 'chargeToId', target: 'tickets', kind: 'id' },
  ],
  products: [
    { field: 'catalogItem', target: 'catalogItems' },
    { field: 'unitOfMeasure', target: 'unitsOfMeasure' },
    { field: 'company', target: 'companies' },
    { field: 'ticket', target: 'tickets' },
    { field: 'location', target: 'locations' },
    { field: 'locationId', target: 'locations', kind: 'id' },
    { field: 'businessUnit', target: 'departments' },
    { field: 'businessUnitId', target: 'departments', kind: 'id' },
    { field: 'taxCode', target: 'taxCodes' },
    { field: 'cancelledBy', target: 'members', kind: 'id' },
  ],
  agreements: [
    { field: 'type', target: 'agreementTypes' },
    { field: 'company', target: 'companies' },
    { field: 'contact', target: 'contacts' },
    { field: 'location', target: 'locations' },
    { field: 'department', target: 'departments' },
    { field: 'taxCode', target: 'taxCodes' },
  ],
  agreementAdditions: [
    { field: 'agreementId', target: 'agreements', kind: 'id' },
    { field: 'product', target: 'catalogItems' },
  ],
};

export function findDanglingReferences(dataset: ManageDataset): string[] {
  const problems: string[] = [];
  const index = new Map<Collection, Map<number, AnyRecord>>();
  for (const name of Object.keys(dataset) as Collection[]) {
    const byId = new Map<number, AnyRecord>();
    for (const record of dataset[name] as unknown as AnyRecord[]) {
      if (byId.has(record.id)) problems.push(`${name}: duplicate id ${record.id}`);
      byId.set(record.id, record);
    }
    index.set(name, byId);
  }

  for (const [collection, rules] of Object.entries(RULES) as [Collection, readonly Rule[]][]) {
    for (const record of dataset[collection] as unknown as AnyRecord[]) {
      for (const rule of rules) {
        const targets = index.get(rule.target)!;
        for (const value of valuesAt(record, rule.field)) {
          const where = `${collection} ${record.id} ${rule.field}`;
          if (rule.kind === 'id' || rule.kind === 'ids') {
            for (const id of rule.kind === 'ids' ? (value as number[]) : [value as number]) {
              if (!targets.has(id)) problems.push(`${where}: no ${rule.target} ${id}`);
            }
            continue;
          }
          problems.push(...checkReference(where, value, rule.target, targets));
        }
      }
    }
  }

  // Cross-checks a sync engine relies on.
  const tickets = index.get('tickets')!;
  const contacts = index.get('contacts')!;
  for (const entry of dataset.timeEntries) {
    const ticket = tickets.get(entry.chargeToId ?? -1);
    if (entry.ticket?.id !== entry.chargeToId)
      problems.push(`timeEntries ${entry.id}: ticket ${entry.ticket?.id} is not chargeToId ${entry.chargeToId}`);
    if (ticket && (ticket.company as { id?: number })?.id !== entry.company?.id)
      problems.push(`timeEntries ${entry.id}: company differs from its ticket's`);
  }
  for (const ticket of dataset.tickets) {
    const contact = ticket.contact ? contacts.get(ticket.contact.id ?? -1) : undefined;
    if (contact && (contact.company as { id?: number })?.id !== ticket.company?.id)
      problems.push(`tickets ${ticket.id}: contact belongs to another company`);
    const status = index.get('serviceStatuses')!.get(ticket.status?.id ?? -1);
    if (status && (status.board as { id?: number })?.id !== ticket.board?.id)
      problems.push(`tickets ${ticket.id}: status belongs to another board`);
  }
  return problems;
}

function checkReference(where: string, value: unknown, target: Collection, targets: Map<number, AnyRecord>): string[] {
  if (!value || typeof value !== 'object') return [`${where}: not a reference object`];
  const ref = value as { id?: number; _info?: Record<string, string> } & Record<string, unknown>;
  const found = ref.id === undefined ? undefined : targets.get(ref.id);
  if (!found) return [`${where}: no ${target} ${ref.id}`];
  const problems: string[] = [];
  const expected = DESCRIBED_BY[target]?.(found) ?? { name: found.name };
  for (const key of ['identifier', 'name', 'summary']) {
    if (key in ref && key in expected && ref[key] !== expected[key]) {
      problems.push(`${where}: ${key} ${JSON.stringify(ref[key])} but ${target} ${ref.id} has ${JSON.stringify(expected[key])}`);
    }
  }
  for (const [key, href] of Object.entries(ref._info ?? {})) {
    if (key.endsWith('_href') && !new RegExp(`/${ref.id}(?:$|[/?])`).test(href))
      problems.push(`${where}: ${key} ${href} does not name id ${ref.id}`);
  }
  return problems;
}

/** Values at a path like `communicationItems[].type`; absent values yield nothing. */
function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const part of path.split('.')) {
    const isArray = part.endsWith('[]');
    const key = isArray ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) {
      const child = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      if (child === undefined || child === null) continue;
      if (isArray) next.push(...(child as unknown[]));
      else next.push(child);
    }
    current = next;
  }
  return current;
}
