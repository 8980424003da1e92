import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { usageImports, usageRatingRuns } from '../db/schema/index.js';
import { runHolderIsGone } from '../db/run-holder.js';

/**
 * Usage imports and rating runs left "running" by a process that is gone (killed, machine
 * restarted: its lease lapsed or its pid is dead) become "interrupted", keeping the counts
 * they saved batch by batch. One whose holder lives (lease current) is left alone. Called
 * when a process starts (boot.ts); a rating run does the same for earlier runs when it starts
 * (rate-pending-usage.ts), and an import for earlier imports.
 */
export async function interruptOrphanedUsageRuns(db: Db): Promise<{ imports: number[]; ratingRuns: number[] }> {
  return db.transaction(async (tx) => ({
    imports: await interruptOrphanedUsageImports(tx),
    ratingRuns: await interruptOrphanedRatingRuns(tx),
  }));
}

/**
 * An interrupted import is not resumed (the file went with its request): importing the same
 * file again adds only what is missing, each record being keyed (record-key.ts).
 */
export async function interruptOrphanedUsageImports(db: DbOrTx): Promise<number[]> {
  const running = await db
    .select({ id: usageImports.id, holder: usageImports.holder, leaseExpiresAt: usageImports.leaseExpiresAt })
    .from(usageImports)
    .where(eq(usageImports.status, 'running'));
  const gone = running.filter((row) => runHolderIsGone(row)).map((row) => row.id);
  if (gone.length > 0)
    await db
      .update(usageImports)
      .set({ status: 'interrupted' })
      .where(and(eq(usageImports.status, 'running'), inArray(usageImports.id, gone)));
  return gone;
}

/** An interrupted rating run is carried on by the next run, which charges what it rated. */
async function interruptOrphanedRatingRuns(db: DbOrTx): Promise<number[]> {
  const running = await db
    .select({ id: usageRatingRuns.id, holder: usageRatingRuns.holder, leaseExpiresAt: usageRatingRuns.leaseExpiresAt })
    .from(usageRatingRuns)
    .where(eq(usageRatingRuns.status, 'running'));
  const gone = running.filter((row) => runHolderIsGone(row)).map((row) => row.id);
  if (gone.length > 0)
    await db
      .update(usageRatingRuns)
      .set({ status: 'interrupted' })
      .where(and(eq(usageRatingRuns.status, 'running'), inArray(usageRatingRuns.id, gone)));
  return gone;
}
