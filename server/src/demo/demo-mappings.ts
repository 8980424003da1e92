import type { Db } from '../db/client.js';
import { listStoredMappings, saveMapping } from '../mappings/mapping-store.js';
import { writeSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY } from '../settings/sync-options.js';

/**
 * The demo site's mappings, as an admin would set them: Client companies sync (Partner and
 * the other types stay unmapped, so their companies are quarantined), Active and Credit Hold
 * (suspended) statuses sync, every communication type is mapped.
 */
export async function applyDemoMappings(db: Db, now: Date, options: Record<string, unknown> = {}): Promise<void> {
  await saveMapping(db, 'company_type', '1', 'Client', { sync: true, accountType: 'Customer', accountProfile: 'Managed services' }, now);
  await saveMapping(db, 'company_status', '1', 'Active', { sync: true }, now);
  await saveMapping(db, 'company_status', '3', 'Credit Hold', { sync: true, accountStatus: 'suspended' }, now);
  for (const [id, field] of [
    ['1', 'email'],
    ['2', 'phone'],
    ['3', 'phone'],
    ['4', 'fax'],
  ] as const) {
    await saveMapping(db, 'communication_type', id, `type ${id}`, { field }, now);
  }
  await writeSetting(db, SYNC_OPTIONS_KEY, { approvedStatuses: ['ReadyToBill', 'ApprovedByTierOne', 'Billed'], ...options }, now);
}

/** On a fresh demo installation only: an admin's later choices are never overwritten. */
export async function applyDemoMappingsOnce(db: Db, now: Date): Promise<void> {
  if ((await listStoredMappings(db, 'company_type')).length > 0) return;
  await applyDemoMappings(db, now);
}
