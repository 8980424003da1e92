import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncCheckpoints, type SyncResumedFrom } from '../db/schema/index.js';

export type Checkpoint = typeof syncCheckpoints.$inferSelect;
export type Pass = NonNullable<Checkpoint['pass']>;

export async function readCheckpoint(db: DbOrTx, stream: string): Promise<Checkpoint | undefined> {
  const [row] = await db.select().from(syncCheckpoints).where(eq(syncCheckpoints.stream, stream)).limit(1);
  return row;
}

/** The pass a run of this mode resumes: the one in progress, when it was of the same mode (else a new pass starts). */
export function resumablePass(checkpoint: Checkpoint | undefined, mode: 'incremental' | 'full'): Pass | null {
  return checkpoint?.pass && checkpoint.pass.mode === mode ? checkpoint.pass : null;
}

/**
 * What a run of this mode over these streams picks up from earlier runs: each stream's pass
 * in progress (the last page saved) and the latest run that saved one. Null when every
 * stream starts a pass of its own.
 */
export async function checkpointsToResume(
  db: DbOrTx,
  mode: 'incremental' | 'full',
  streams: readonly string[],
): Promise<SyncResumedFrom | null> {
  const rows = await db
    .select()
    .from(syncCheckpoints)
    .where(inArray(syncCheckpoints.stream, [...streams]));
  const resumed: SyncResumedFrom['streams'] = [];
  for (const stream of streams) {
    const pass = resumablePass(
      rows.find((row) => row.stream === stream),
      mode,
    );
    if (pass) resumed.push({ stream, runId: pass.lastRunId ?? pass.runId, mode: pass.mode, since: pass.since, afterId: pass.afterId });
  }
  if (resumed.length === 0) return null;
  return { runId: Math.max(...resumed.map((s) => s.runId)), streams: resumed };
}

export async function saveCheckpoint(
  db: DbOrTx,
  stream: string,
  value: { cursor: string | null; pass: Pass | null },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insert(syncCheckpoints)
    .values({ stream, cursor: value.cursor, pass: value.pass, updatedAt: at })
    .onConflictDoUpdate({ target: syncCheckpoints.stream, set: { cursor: value.cursor, pass: value.pass, updatedAt: at } });
}

/**
 * The watermark after a completed pass; the next pass asks `lastUpdated > [cursor]`.
 * - The newest `_info.lastUpdated` seen, when it is older than `cwStart` (one second before
 *   ConnectWise's clock, the `Date` header, at the pass's first page): every record stamped
 *   that second existed before the pass began and was listed, and a record saved since is
 *   stamped `cwStart` or later, so nothing at the watermark needs reading again. (Generated
 *   and imported sites stamp thousands of records with the same second: re-reading them all
 *   on every incremental run cost a page request per thousand.)
 * - Else `cwStart` minus one second, i.e. `>= cwStart`: a record saved while the pass ran
 *   (after its id was passed) is fetched next time. Equal timestamps are re-read then; the
 *   content hash makes that free.
 */
export function completedCursor(previous: string | null, maxSeen: string | null, cwStart: string | null): string | null {
  if (maxSeen === null) return previous;
  if (cwStart !== null && maxSeen < cwStart) return maxSeen;
  return secondBefore(cwStart !== null && cwStart < maxSeen ? cwStart : maxSeen);
}

function secondBefore(cwTime: string): string {
  return new Date(Date.parse(cwTime) - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `Date` header → ConnectWise's datetime form minus one second (`2026-06-30T12:00:00Z`). */
export function cwTimeFromDateHeader(header: string | null): string | null {
  const ms = header ? Date.parse(header) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
