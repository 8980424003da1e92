import type { ConnectWiseClient } from './client.js';

/** The callback types our streams take (docs/connectwise/callbacks.md; STREAM_FOR_CALLBACK_TYPE). */
export const CALLBACK_TYPES = ['company', 'contact', 'time', 'expense'] as const;
const DESCRIPTION = 'Billing sync';

interface CallbackEntry {
  id: number;
  url: string;
  type: string;
  level: string;
  objectId: number;
  description?: string;
  inactiveFlag?: boolean;
}

/**
 * Subscribes our callback endpoint to every change of the records the sync takes
 * (`/system/callbacks`, docs/connectwise/callbacks.md: one entry per type, level `owner` = all records,
 * objectId 1). Manage appends the record id and `action` to the URL, so it ends in `?id=`.
 * Idempotent, as registerPods: an entry of ours with the same type is kept, re-pointed when
 * our URL changed, re-activated when it was switched off; nothing is ever duplicated.
 */
export async function registerCallbacks(
  cw: ConnectWiseClient,
  callbackUrl: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const url = callbackUrl.endsWith('=') ? callbackUrl : `${callbackUrl}${callbackUrl.includes('?') ? '&' : '?'}id=`;
  const existing = await cw.listAll<CallbackEntry>('/system/callbacks');
  const result = { created: 0, updated: 0, unchanged: 0 };
  for (const type of CALLBACK_TYPES) {
    const ours = existing.filter(
      (e) => e.type.toLowerCase() === type && e.level.toLowerCase() === 'owner' && (e.url === url || e.description === DESCRIPTION),
    );
    const match = ours.find((e) => e.url === url) ?? ours[0];
    if (!match) {
      await cw.post('/system/callbacks', { description: DESCRIPTION, url, type, level: 'owner', objectId: 1, inactiveFlag: false });
      result.created++;
    } else if (match.url !== url || match.inactiveFlag === true) {
      await cw.patch(`/system/callbacks/${match.id}`, [
        { op: 'replace', path: 'url', value: url },
        { op: 'replace', path: 'inactiveFlag', value: false },
      ]);
      result.updated++;
    } else {
      result.unchanged++;
    }
  }
  return result;
}
