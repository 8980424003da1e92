// The quarantine actions on usage items (Emersion's cleanse and write-off), in bulk:
// re-process sends the records back through identify → bucket → rate after the cause was
// fixed (a subscription added, a rate card completed); write-off marks them never to be billed.
// Items are chosen by id (up to 20,000, Emersion's CSV bound) or by reason.

import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { syncQuarantine, usageRatingQueue, usageRecords } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { parseInput } from '../billing/input-schemas.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { RatingOptions } from './load-rating-setup.js';
import { USAGE_QUARANTINE_KIND } from './quarantine-usage.js';
import { ratePendingUsage, type RatingRunReport } from './rate-pending-usage.js';
import { USAGE_QUARANTINE_REASONS } from './rating/usage-reasons.js';

export const MAX_USAGE_ITEMS_PER_ACTION = 20_000;

export const UsageItemSelection = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(MAX_USAGE_ITEMS_PER_ACTION).optional(),
    /** Every open usage item with this reason (at most 20,000 per call). */
    reason: z.enum(USAGE_QUARANTINE_REASONS).optional(),
  })
  .refine((s) => (s.ids === undefined) !== (s.reason === undefined), 'give exactly one of ids and reason');
export type UsageItemSelection = z.input<typeof UsageItemSelection>;

type ItemRow = typeof syncQuarantine.$inferSelect;

async function selectItems(ctx: BillingContext, selection: UsageItemSelection): Promise<ItemRow[]> {
  const parsed = parseInput(UsageItemSelection, selection);
  if (parsed.reason !== undefined) {
    return ctx.db
      .select()
      .from(syncQuarantine)
      .where(
        and(eq(syncQuarantine.kind, USAGE_QUARANTINE_KIND), eq(syncQuarantine.status, 'open'), eq(syncQuarantine.reason, parsed.reason)),
      )
      .limit(MAX_USAGE_ITEMS_PER_ACTION);
  }
  const rows: ItemRow[] = [];
  for (let i = 0; i < parsed.ids!.length; i += 1000) {
    rows.push(
      ...(await ctx.db
        .select()
        .from(syncQuarantine)
        .where(and(eq(syncQuarantine.kind, USAGE_QUARANTINE_KIND), inArray(syncQuarantine.id, parsed.ids!.slice(i, i + 1000))))),
    );
  }
  const found = new Set(rows.map((row) => row.id));
  const missing = parsed.ids!.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new NotFoundError(`No usage quarantine item ${missing.slice(0, 10).join(', ')}.`, { missing: missing.slice(0, 100) });
  return rows;
}

async function recordIdsOf(ctx: BillingContext, items: readonly ItemRow[]): Promise<number[]> {
  const keys = items.filter((item) => item.entity === 'usage_record').map((item) => item.externalId);
  const ids: number[] = [];
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await ctx.db
      .select({ id: usageRecords.id })
      .from(usageRecords)
      .where(inArray(usageRecords.recordKey, keys.slice(i, i + 1000)));
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Re-process: the records go back in the rating queue and are rated again; those that rate now leave the quarantine. */
export async function reprocessUsageItems(
  ctx: BillingContext,
  input: UsageItemSelection & RatingOptions,
): Promise<{ items: number; rating: RatingRunReport }> {
  const items = (await selectItems(ctx, input)).filter((item) => item.status !== 'ignored');
  const recordIds = await recordIdsOf(ctx, items);
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < recordIds.length; i += 1000) {
      const quarantined = and(eq(usageRecords.status, 'quarantined'), inArray(usageRecords.id, recordIds.slice(i, i + 1000)));
      await tx
        .insert(usageRatingQueue)
        .select(tx.select({ startTime: usageRecords.startTime, recordId: usageRecords.id }).from(usageRecords).where(quarantined))
        .onConflictDoNothing();
      await tx.update(usageRecords).set({ status: 'accepted' }).where(quarantined);
    }
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'quarantine.usage.reprocess',
      entity: 'sync_quarantine',
      entityId: items.length === 1 ? String(items[0].id) : `${items.length} items`,
      details: { reason: input.reason, records: recordIds.length },
      requestId: ctx.requestId,
    });
  });
  const rating = await ratePendingUsage(ctx, { billingTimeZone: input.billingTimeZone, lateUsage: input.lateUsage, recordIds });
  return { items: items.length, rating };
}

/** Write off: the items are closed as ignored (Emersion: never bill) and their records are never rated. */
export async function writeOffUsageItems(ctx: BillingContext, input: UsageItemSelection): Promise<{ items: number }> {
  const items = await selectItems(ctx, input);
  const recordIds = await recordIdsOf(ctx, items);
  const at = ctx.now.toISOString();
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < items.length; i += 1000) {
      const ids = items.slice(i, i + 1000).map((item) => item.id);
      await tx
        .update(syncQuarantine)
        .set({ status: 'ignored', decision: { action: 'write_off', by: ctx.actor, at }, updatedAt: at })
        .where(inArray(syncQuarantine.id, ids));
    }
    for (let i = 0; i < recordIds.length; i += 1000) {
      await tx
        .update(usageRecords)
        .set({ status: 'written_off' })
        .where(and(eq(usageRecords.status, 'quarantined'), inArray(usageRecords.id, recordIds.slice(i, i + 1000))));
    }
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'quarantine.usage.write_off',
      entity: 'sync_quarantine',
      entityId: items.length === 1 ? String(items[0].id) : `${items.length} items`,
      details: { reason: input.reason, records: recordIds.length },
      requestId: ctx.requestId,
    });
  });
  return { items: items.length };
}
