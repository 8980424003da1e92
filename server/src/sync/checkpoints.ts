import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncCheckpoints } from '../db/schema/index.js';

export type Checkpoint = typeof syncCheckpoints.$inferSelect;
export type Pass = NonNullable<Checkpoint['pass']>;

export async function readCheckpoint(db: DbOrTx, stream: string): Promise<Checkpoint | undefined> {
  const [row] = await db.select().from(syncCheckpoints).where(eq(syncCheckpoints.stream, stream)).limit(1);
  return row;
}

export async function saveCheckpoint(db: DbOrTx, stream: string, value: { cursor: string | null; pass: Pass | null }, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insert(syncCheckpoints)
    .values({ stream, cursor: value.cursor, pass: value.pass, updatedAt: at })
    .onConflictDoUpdate({ target: syncCheckpoints.stream, set: { cursor: value.cursor, pass: value.pass, updatedAt: at } });
}

/**
 * The watermark after a completed pass: the newest `_info.lastUpdated` seen, but never later
 * than one second before ConnectWise's clock (`Date` header) at the pass's first page, so a
 * record saved while the pass ran (after its id was passed) is fetched next time. The next
 * pass asks `lastUpdated >= [cursor]`: equal timestamps are re-read, the content hash makes that free.
 */
export function completedCursor(previous: string | null, maxSeen: string | null, cwStart: string | null): string | null {
  if (maxSeen === null) return previous;
  if (cwStart === null) return maxSeen;
  return maxSeen < cwStart ? maxSeen : cwStart;
}

/** `Date` header → ConnectWise's datetime form minus one second (`2026-06-30T12:00:00Z`). */
export function cwTimeFromDateHeader(header: string | null): string | null {
  const ms = header ? Date.parse(header) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
