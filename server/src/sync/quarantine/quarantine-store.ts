import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { syncQuarantine } from '../../db/schema/index.js';
import { inJsonList } from '../sql-json.js';
import type { QuarantineEntity, QuarantineReason } from './reasons.js';

export type QuarantineRow = typeof syncQuarantine.$inferSelect;

export interface QuarantineItem {
  entity: QuarantineEntity;
  externalId: string;
  reason: QuarantineReason;
  details: Record<string, unknown>;
}

/**
 * Puts records in quarantine (or refreshes their reason), keyed on the stable record.
 * An item the admin ignored stays ignored: the decision outlives every re-sync.
 * A resolved item that fails again is reopened.
 */
export async function quarantineRecords(db: DbOrTx, items: readonly QuarantineItem[], now: Date, kind: 'sync' | 'usage' = 'sync'): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < items.length; i += 200) {
    const chunk = items.slice(i, i + 200);
    await db
      .insert(syncQuarantine)
      .values(chunk.map((item) => ({ kind, entity: item.entity, externalId: item.externalId, reason: item.reason, details: item.details, status: 'open' as const, decision: null, firstSeenAt: at, updatedAt: at })))
      .onConflictDoUpdate({
        target: [syncQuarantine.kind, syncQuarantine.entity, syncQuarantine.externalId],
        set: {
          reason: sql`excluded.reason`,
          details: sql`excluded.details`,
          status: sql`case when ${syncQuarantine.status} = 'ignored' then 'ignored' else 'open' end`,
          updatedAt: sql`case when ${syncQuarantine.reason} = excluded.reason and ${syncQuarantine.status} <> 'resolved' then ${syncQuarantine.updatedAt} else excluded.updated_at end`,
        },
      });
  }
}

/** Marks open items of records that now synced as resolved. */
export async function resolveRecords(db: DbOrTx, entity: QuarantineEntity, externalIds: readonly string[], now: Date): Promise<void> {
  for (let i = 0; i < externalIds.length; i += 500) {
    await db
      .update(syncQuarantine)
      .set({ status: 'resolved', updatedAt: now.toISOString() })
      .where(and(eq(syncQuarantine.kind, 'sync'), eq(syncQuarantine.entity, entity), eq(syncQuarantine.status, 'open'), inArray(syncQuarantine.externalId, externalIds.slice(i, i + 500) as string[])));
  }
}

/** The quarantine items (any status) of records of one entity: their standing decisions (link, ignore) and which are open. */
export async function quarantineRowsFor(db: DbOrTx, entity: QuarantineEntity, externalIds: readonly string[]): Promise<Map<string, QuarantineRow>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncQuarantine)
    .where(and(eq(syncQuarantine.kind, 'sync'), eq(syncQuarantine.entity, entity), inJsonList(syncQuarantine.externalId, externalIds)));
  return new Map(rows.map((row) => [row.externalId, row]));
}
