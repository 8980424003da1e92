import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who runs a long job (a sync, an invoice run, a rating run, a usage import) and whether it
 * still can. Several processes share one database file (the server, the CLI, a batch job),
 * so a job's row names its holder, `host:pid:nonce`, and a lease time its holder renews while
 * it lives. A row whose holder died on this host, or whose lease ran out (a holder on another
 * host, or one frozen for longer than the lease), belongs to nobody: it was interrupted.
 */
export const RUN_LEASE_MS = 30_000;

/** How often a live holder pushes its lease on: a few times per lease, so one slow write never lets it lapse. */
export const RUN_HEARTBEAT_MS = 5_000;

/** A fresh holder name for one job of this process. */
export function newRunHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/**
 * The lease of a job renewed now. Lease times are wall-clock instants (not the business
 * clock a test may inject): every process compares them with its own wall clock.
 */
export function runLeaseExpiry(nowMs = Date.now()): string {
  return new Date(nowMs + RUN_LEASE_MS).toISOString();
}

/** True when the holder is a process of this host that no longer runs. */
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

/**
 * True when a "running" row has nobody behind it any more: no holder recorded (a row from
 * before holders were recorded), no lease, a lapsed lease, or a holder that died on this host.
 * A holder whose lease is current and whose process lives is never gone.
 */
export function runHolderIsGone(row: { holder: string | null; leaseExpiresAt: string | null }, nowMs = Date.now()): boolean {
  if (row.holder === null || row.leaseExpiresAt === null) return true;
  if (row.leaseExpiresAt < new Date(nowMs).toISOString()) return true;
  return holderIsDead(row.holder);
}

/**
 * Renews a job's lease every RUN_HEARTBEAT_MS until stopped, whatever the job is busy with
 * (a slow upload, a long write-back). `renew` must queue behind the job's own transactions
 * (db.transaction): a plain write while one of this process's transactions waits would block
 * the event loop that transaction needs. A failed renewal is retried on the next beat.
 */
export function keepRunAlive(renew: () => Promise<unknown>, everyMs = RUN_HEARTBEAT_MS): { stop(): void } {
  let stopped = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    renew()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
