import { findResource } from '../resources.js';
import type { ManageStore } from '../store.js';

/**
 * Records edited or deleted between two pages of a listing, as happens on a
 * busy Manage site: before a second or later page is served, one record that
 * an earlier page already returned is deleted (so navigable paging shifts
 * and a client skips one record) or edited (its `_info.lastUpdated` moves
 * past a sync cursor). Forward-only paging (`pageId`) is immune to the shift,
 * which is why Manage recommends it (DG "Pagination", docs/connectwise/querying.md#forward-only-paging).
 * Returns what was done, or null when the request is not a later page.
 */
export function driftBeforeLaterPage(
  store: ManageStore,
  apiPath: string,
  searchParams: URLSearchParams,
  plan: { position: number; deleteRecord: boolean },
): { collection: string; id: number; action: 'deleted' | 'updated' } | null {
  const found = findResource(apiPath);
  if (!found || found.rest.length > 0) return null;
  const param = (name: string) => {
    for (const [key, value] of searchParams) if (key.toLowerCase() === name) return Number(value);
    return undefined;
  };
  const page = param('page');
  const pageId = param('pageid');
  const pageSize = Math.min(Math.max(param('pagesize') ?? 25, 1), 1000);
  const records = store.all(found.resource.collection);
  let servedCount = 0;
  if (pageId !== undefined && Number.isFinite(pageId)) servedCount = records.filter((r) => r.id <= pageId).length;
  else if (page !== undefined && page > 1) servedCount = Math.min(records.length, (page - 1) * pageSize);
  if (servedCount === 0) return null;
  const victim = records[Math.floor(plan.position * servedCount)];
  const collection = found.resource.collection;
  if (plan.deleteRecord) {
    store.remove(collection, victim.id, 'admin');
    return { collection, id: victim.id, action: 'deleted' };
  }
  store.replace(collection, { ...victim }, 'admin');
  return { collection, id: victim.id, action: 'updated' };
}
