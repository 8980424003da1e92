import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncQuarantine } from '../db/schema/index.js';
import { inJsonList } from '../db/sql-json.js';
import type { QuarantineEntity, QuarantineReason } from './reasons.js';

export type QuarantineRow = typeof syncQuarantine.$inferSelect;

/** Which part of the product put an item in the one queue: the ConnectWise sync or usage rating. */
export type QuarantineKind = 'sync' | 'usage';

export interface QuarantineItem<Entity extends string = QuarantineEntity, Reason extends string = QuarantineReason> {
  entity: Entity;
  externalId: string;
  reason: Reason;
  details: Record<string, unknown>;
}

const WRITE_CHUNK = 200;
const RESOLVE_CHUNK = 500;

/**
 * Puts records in quarantine (or refreshes their reason), keyed on the stable record.
 * An item the admin ignored stays ignored: the decision outlives every re-sync.
 * A resolved item that fails again is reopened.
 */
export async function quarantineRecords<Entity extends string, Reason extends string>(
  db: DbOrTx,
  items: readonly QuarantineItem<Entity, Reason>[],
  now: Date,
  kind: QuarantineKind = 'sync',
): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < items.length; i += WRITE_CHUNK) {
    const chunk = items.slice(i, i + WRITE_CHUNK);
    await db
      .insert(syncQuarantine)
      .values(
        chunk.map((item) => ({
          kind,
          entity: item.entity,
          externalId: item.externalId,
          reason: item.reason,
          details: item.details,
          status: 'open' as const,
          decision: null,
          firstSeenAt: at,
          updatedAt: at,
        })),
      )
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

/** Marks open items of records that now went through (synced, or rated) as resolved. */
export async function resolveRecords(
  db: DbOrTx,
  entity: string,
  externalIds: readonly string[],
  now: Date,
  kind: QuarantineKind = 'sync',
): Promise<void> {
  for (let i = 0; i < externalIds.length; i += RESOLVE_CHUNK) {
    await db
      .update(syncQuarantine)
      .set({ status: 'resolved', updatedAt: now.toISOString() })
      .where(
        and(
          eq(syncQuarantine.kind, kind),
          eq(syncQuarantine.entity, entity),
          eq(syncQuarantine.status, 'open'),
          inArray(syncQuarantine.externalId, externalIds.slice(i, i + RESOLVE_CHUNK) as string[]),
        ),
      );
  }
}

/** The quarantine items (any status) of records of one entity: their standing decisions (link, ignore) and which are open. */
export async function quarantineRowsFor(
  db: DbOrTx,
  entity: QuarantineEntity,
  externalIds: readonly string[],
): Promise<Map<string, QuarantineRow>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncQuarantine)
    .where(and(eq(syncQuarantine.kind, 'sync'), eq(syncQuarantine.entity, entity), inJsonList(syncQuarantine.externalId, externalIds)));
  return new Map(rows.map((row) => [row.externalId, row]));
}
