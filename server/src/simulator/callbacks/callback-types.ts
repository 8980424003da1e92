import type { ManageRecord } from '../store.js';

/**
 * Which records each callback type covers, and how a registration's level
 * and objectId select among them (docs/connectwise/callbacks.md). Types are Manage's
 * lower-case names (AMP `message.go`); `owner` level covers every record of
 * the type and always has objectId 1 (DG). Other levels per type, from
 * ConnectWise's PSA-Callbacks page (docs/connectwise/callbacks.md): Activity
 * Status/Type/Company/Activity; Agreement Type/Company/Agreement; Company
 * Status/Type/Territory/Company/IntegratorTag; Ticket Board/Status/...
 * For the remaining types only `owner` and the type's own record level are
 * accepted [inferred: the full list per type is not published, docs/connectwise/simulator-gaps.md#known-gaps].
 */
export const COLLECTION_OF_TYPE: Readonly<Record<string, string | undefined>> = {
  activity: undefined,
  agreement: 'agreements',
  company: 'companies',
  configuration: undefined,
  contact: 'contacts',
  expense: 'expenseEntries',
  invoice: 'invoices',
  member: 'members',
  opportunity: undefined,
  productcatalog: 'catalogItems',
  project: undefined,
  purchaseorder: undefined,
  schedule: undefined,
  ticket: 'tickets',
  time: 'timeEntries',
};

const LEVELS_OF_TYPE: Readonly<Record<string, readonly string[]>> = {
  activity: ['owner', 'status', 'type', 'company', 'activity'],
  agreement: ['owner', 'type', 'company', 'agreement'],
  company: ['owner', 'status', 'type', 'territory', 'company', 'integratortag'],
  ticket: ['owner', 'board', 'status', 'company', 'ticket'],
};

export function isKnownType(type: string): boolean {
  return type.toLowerCase() in COLLECTION_OF_TYPE;
}

export function levelsOf(type: string): readonly string[] {
  const lower = type.toLowerCase();
  return LEVELS_OF_TYPE[lower] ?? ['owner', lower];
}

/** The callback type a change in `collection` is delivered as, if any. */
export function typeOfCollection(collection: string): string | undefined {
  return Object.entries(COLLECTION_OF_TYPE).find(([, c]) => c === collection)?.[0];
}

const refId = (value: unknown): number | undefined =>
  value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number' ? (value as { id: number }).id : undefined;

/** Whether a registration at `level`/`objectId` for `type` covers `record`. */
export function levelCovers(type: string, level: string, objectId: number, record: ManageRecord): boolean {
  const lowerLevel = level.toLowerCase();
  if (lowerLevel === 'owner') return true;
  if (lowerLevel === type.toLowerCase()) return record.id === objectId;
  switch (lowerLevel) {
    case 'company':
      return refId(record.company) === objectId;
    case 'board':
    case 'status':
    case 'territory':
      return refId(record[lowerLevel]) === objectId;
    case 'type':
      // Companies carry a list of types; other records a single type reference.
      return Array.isArray(record.types) ? record.types.some((t) => refId(t) === objectId) : refId(record.type) === objectId;
    default:
      // IntegratorTag: the simulator's records carry no integrator tags, so nothing matches.
      return false;
  }
}
