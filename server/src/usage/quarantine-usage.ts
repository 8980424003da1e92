// Usage items in the product's one quarantine (quarantine/quarantine-store.ts), as their own
// kind ('usage'). Every write of usage items goes through here.
//
// Entities: 'usage_record' (a stored record that failed identify, bucket or rate; externalId =
// its idempotency key) and 'usage_line' (a CSV line that never became a record; externalId =
// a hash of the line's text, so importing the same bad file twice gives one item).

import type { DbOrTx } from '../db/client.js';
import { quarantineRecords, resolveRecords } from '../quarantine/quarantine-store.js';
import type { UsageProblem } from './rating/usage-reasons.js';

export const USAGE_QUARANTINE_KIND = 'usage' as const;
export type UsageQuarantineEntity = 'usage_record' | 'usage_line';

export type UsageQuarantineItem = {
  readonly entity: UsageQuarantineEntity;
  readonly externalId: string;
  readonly problem: UsageProblem;
  readonly details: Record<string, unknown>;
};

/**
 * Adds items or refreshes their reason, through the one quarantine store: an item written
 * off stays written off, a resolved one that fails again reopens.
 */
export async function quarantineUsage(db: DbOrTx, items: readonly UsageQuarantineItem[], now: Date): Promise<void> {
  const rows = items.map((item) => ({
    entity: item.entity,
    externalId: item.externalId,
    reason: item.problem.reason,
    details: { title: item.problem.title, recommendedFix: item.problem.recommendedFix, ...item.details },
  }));
  await quarantineRecords(db, rows, now, USAGE_QUARANTINE_KIND);
}

/** Marks the open items of records that have now been rated as resolved. */
export async function resolveUsageItems(db: DbOrTx, recordKeys: readonly string[], now: Date): Promise<void> {
  await resolveRecords(db, 'usage_record', recordKeys, now, USAGE_QUARANTINE_KIND);
}
