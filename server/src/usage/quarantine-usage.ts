// Usage items in the one quarantine the sync engine owns (db/schema/sync-quarantine.ts), as
// their own kind ('usage'). Every write of usage items goes through here, so pointing them at
// another store later is a change to this file only.
//
// Entities: 'usage_record' (a stored record that failed identify, bucket or rate; externalId =
// its idempotency key) and 'usage_line' (a CSV line that never became a record; externalId =
// a hash of the line's text, so importing the same bad file twice gives one item).

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncQuarantine } from '../db/schema/index.js';
import type { UsageProblem } from './rating/usage-reasons.js';

export const USAGE_QUARANTINE_KIND = 'usage' as const;
export type UsageQuarantineEntity = 'usage_record' | 'usage_line';

export type UsageQuarantineItem = {
  readonly entity: UsageQuarantineEntity;
  readonly externalId: string;
  readonly problem: UsageProblem;
  readonly details: Record<string, unknown>;
};

const CHUNK = 500;

/** Adds items or refreshes their reason; an item written off stays written off, a resolved one that fails again reopens. */
export async function quarantineUsage(db: DbOrTx, items: readonly UsageQuarantineItem[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < items.length; i += CHUNK) {
    const rows = items.slice(i, i + CHUNK).map((item) => ({
      kind: USAGE_QUARANTINE_KIND,
      entity: item.entity,
      externalId: item.externalId,
      reason: item.problem.reason,
      details: { title: item.problem.title, recommendedFix: item.problem.recommendedFix, ...item.details },
      status: 'open' as const,
      decision: null,
      firstSeenAt: at,
      updatedAt: at,
    }));
    await db
      .insert(syncQuarantine)
      .values(rows)
      .onConflictDoUpdate({
        target: [syncQuarantine.kind, syncQuarantine.entity, syncQuarantine.externalId],
        set: {
          reason: sql`excluded.reason`,
          details: sql`excluded.details`,
          status: sql`case when ${syncQuarantine.status} = 'ignored' then 'ignored' else 'open' end`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

/** Marks the open items of records that have now been rated as resolved. */
export async function resolveUsageItems(db: DbOrTx, recordKeys: readonly string[], now: Date): Promise<void> {
  for (let i = 0; i < recordKeys.length; i += CHUNK) {
    await db
      .update(syncQuarantine)
      .set({ status: 'resolved', updatedAt: now.toISOString() })
      .where(
        and(
          eq(syncQuarantine.kind, USAGE_QUARANTINE_KIND),
          eq(syncQuarantine.entity, 'usage_record'),
          eq(syncQuarantine.status, 'open'),
          inArray(syncQuarantine.externalId, recordKeys.slice(i, i + CHUNK) as string[]),
        ),
      );
  }
}
