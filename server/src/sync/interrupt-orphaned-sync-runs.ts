import { and, eq, isNotNull, ne, or, isNull, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { syncLeases, syncRuns } from '../db/schema/index.js';
import { holderIsDead } from '../db/run-holder.js';

/**
 * A sync killed mid-run (process killed, machine restarted) never writes its end: its row
 * would say "running" forever. Its holder is gone once the sync lease is no longer its own and
 * live (expired, taken by another, or held by a process that died on this host). Such runs
 * become "interrupted", keeping the counts they saved page by page; a run whose holder still
 * holds a live lease is left alone.
 *
 * Called when a process starts (boot.ts), and by a run that has just acquired the lease
 * (`exceptHolder`: its own): whatever else is "running" then has no holder left. One write
 * transaction (BEGIN IMMEDIATE): no process takes the lease between the read and the update.
 */
export async function interruptOrphanedSyncRuns(db: Db, now: Date, options: { exceptHolder?: string } = {}): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (options.exceptHolder !== undefined)
      return markInterrupted(tx, or(isNull(syncRuns.holder), ne(syncRuns.holder, options.exceptHolder)));
    const [lease] = await tx.select().from(syncLeases).where(eq(syncLeases.name, 'sync')).limit(1);
    const leaseIsLive = lease !== undefined && lease.expiresAt >= now.toISOString() && !holderIsDead(lease.holder);
    if (!leaseIsLive) return markInterrupted(tx, undefined);
    // A run from before holders were recorded may be the live holder's: left alone while a lease is live.
    return markInterrupted(tx, and(isNotNull(syncRuns.holder), ne(syncRuns.holder, lease.holder)));
  });
}

async function markInterrupted(db: DbOrTx, orphaned: SQL | undefined): Promise<number[]> {
  const rows = await db
    .update(syncRuns)
    .set({ status: 'interrupted' })
    .where(and(eq(syncRuns.status, 'running'), orphaned))
    .returning({ id: syncRuns.id });
  return rows.map((row) => row.id);
}
