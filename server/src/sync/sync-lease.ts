import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { syncLeases } from '../db/schema/index.js';
import { holderIsDead, newRunHolder } from '../db/run-holder.js';

export { holderIsDead };

const LEASE_MS = 30_000;

/**
 * One sync at a time, across processes: a lease row, renewed every few seconds while its run
 * lives. A lease whose holder died on this host (a killed run) or that expired is taken over
 * at once, and the runs it left "running" become "interrupted" (interrupt-orphaned-sync-runs.ts).
 */
export class SyncLease {
  readonly holder = newRunHolder();
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

  /** Through db.transaction: it runs on a timer, and must queue behind the run's own page transactions. */
  async renew(): Promise<void> {
    const expiresAt = new Date(this.clock().getTime() + LEASE_MS).toISOString();
    await this.db.transaction((tx) =>
      tx
        .update(syncLeases)
        .set({ expiresAt })
        .where(and(eq(syncLeases.name, 'sync'), eq(syncLeases.holder, this.holder))),
    );
  }

  async release(): Promise<void> {
    await this.db.delete(syncLeases).where(and(eq(syncLeases.name, 'sync'), eq(syncLeases.holder, this.holder)));
  }
}
