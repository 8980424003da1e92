import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { invoiceRuns } from '../db/schema/index.js';
import { runHolderIsGone } from '../db/run-holder.js';

/**
 * When a process starts (boot.ts): invoice runs left "running" by a process that is gone
 * (killed, machine restarted: its lease lapsed or its pid is dead) become "interrupted", with
 * the cursor and counts of their last batch; the next run for the date continues from there.
 * A run whose holder lives (lease current) is left alone. One write transaction.
 */
export async function interruptOrphanedInvoiceRuns(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    const running = await tx
      .select({ id: invoiceRuns.id, holder: invoiceRuns.holder, leaseExpiresAt: invoiceRuns.leaseExpiresAt })
      .from(invoiceRuns)
      .where(eq(invoiceRuns.status, 'running'));
    const gone = running.filter((row) => runHolderIsGone(row)).map((row) => row.id);
    if (gone.length > 0)
      await tx
        .update(invoiceRuns)
        .set({ status: 'interrupted' })
        .where(and(eq(invoiceRuns.status, 'running'), inArray(invoiceRuns.id, gone)));
    return gone;
  });
}
