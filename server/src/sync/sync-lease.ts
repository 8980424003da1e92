import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { syncLeases } from '../db/schema/index.js';

const LEASE_MS = 30_000;

/**
 * One sync at a time, across processes: a lease row, renewed every page. A lease whose
 * holder died on this host (a killed run) or that expired is taken over at once.
 */
export class SyncLease {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date,
  ) {}

  async acquire(): Promise<boolean> {
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + LEASE_MS).toISOString();
    const [current] = await this.db.select().from(syncLeases).where(eq(syncLeases.name, 'sync')).limit(1);
    const stale = current && (current.expiresAt < now.toISOString() || holderIsDead(current.holder));
    const taken = await this.db
      .insert(syncLeases)
      .values({ name: 'sync', holder: this.holder, expiresAt })
      .onConflictDoUpdate({
        target: syncLeases.name,
        set: { holder: this.holder, expiresAt },
        setWhere: stale
          ? eq(syncLeases.holder, current.holder)
          : or(lt(syncLeases.expiresAt, now.toISOString()), eq(syncLeases.holder, this.holder)),
      })
      .returning();
    return taken.length === 1 && taken[0].holder === this.holder;
  }

  async renew(): Promise<void> {
    const expiresAt = new Date(this.clock().getTime() + LEASE_MS).toISOString();
    await this.db
      .update(syncLeases)
      .set({ expiresAt })
      .where(and(eq(syncLeases.name, 'sync'), eq(syncLeases.holder, this.holder)));
  }

  async release(): Promise<void> {
    await this.db.delete(syncLeases).where(and(eq(syncLeases.name, 'sync'), eq(syncLeases.holder, this.holder)));
  }
}

export function holderIsDead(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
  } catch {
    return true;
  }
  // A killed process nobody has reaped yet (a container's PID 1 may never reap) is a zombie: dead too.
  try {
    return /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
