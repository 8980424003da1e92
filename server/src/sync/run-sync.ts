import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { syncRecords, syncRuns } from '../db/schema/index.js';
import { ConflictError } from '../errors/domain-errors.js';
import { BillingPort } from './billing-port.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { loadMappings, saveMapping } from '../mappings/mapping-store.js';
import { parseAccountTarget } from './streams/companies.js';
import { STREAMS } from './streams/index.js';
import { runStream, syncOneRecord, zeroCounts, type StreamCounts } from './run-stream.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';
import { SyncLease } from './sync-lease.js';
import type { RunCache, StreamDef, StreamName, SyncContext } from './stream-def.js';
import type { MappingSet } from '../mappings/mapping-store.js';
import type { SyncOptions } from '../settings/sync-options.js';
import { markBilledInConnectWise } from './write-back/mark-billed.js';

export interface SyncDeps {
  db: Db;
  cw: ConnectWiseClient;
  clock: () => Date;
  currency: string;
}

export type SyncRun = typeof syncRuns.$inferSelect;

/** What one run shares across its pages (settings read once, mappings, cached lookups). */
interface RunState {
  db: Db;
  now: Date;
  actor: string;
  currency: string;
  options: SyncOptions;
  mappings: MappingSet;
  cache: RunCache;
}

export async function buildSyncContext(deps: SyncDeps, actor = 'sync:connectwise'): Promise<SyncContext> {
  const state: RunState = {
    db: deps.db,
    now: deps.clock(),
    actor,
    currency: deps.currency,
    options: await readSetting(deps.db, SYNC_OPTIONS_KEY, SyncOptionsSchema),
    mappings: await loadMappings(deps.db),
    cache: { accountByCompany: new Map(), products: new Map() },
  };
  return contextOn(state, deps.db);
}

function contextOn(state: RunState, db: DbOrTx): SyncContext {
  return {
    db,
    now: state.now,
    currency: state.currency,
    options: state.options,
    mappings: state.mappings,
    cache: state.cache,
    billing: new BillingPort(db, state.now, state.actor, state.currency),
    async accountForCompany(companyIds) {
      const found = new Map<number, number>();
      const unknown: number[] = [];
      for (const id of companyIds) {
        const accountId = state.cache.accountByCompany.get(id);
        if (accountId === undefined) unknown.push(id);
        else found.set(id, accountId);
      }
      for (let i = 0; i < unknown.length; i += 500) {
        const rows = await db
          .select({ externalId: syncRecords.externalId, target: syncRecords.target })
          .from(syncRecords)
          .where(
            and(
              eq(syncRecords.stream, 'companies'),
              eq(syncRecords.outcome, 'synced'),
              inArray(syncRecords.externalId, unknown.slice(i, i + 500)),
            ),
          );
        for (const row of rows) {
          const accountId = parseAccountTarget(row.target);
          if (!accountId) continue;
          found.set(row.externalId, accountId);
          state.cache.accountByCompany.set(row.externalId, accountId);
        }
      }
      return found;
    },
    async saveMapping(kind, cwKey, cwName, productId) {
      await saveMapping(db, kind, cwKey, cwName, { productId }, state.now);
      state.mappings.set(kind, cwKey, { productId });
    },
    within: (tx) => contextOn(state, tx),
    async forget() {
      state.cache.accountByCompany.clear();
      state.cache.products.clear();
      state.mappings.replaceWith(await loadMappings(state.db));
    },
  };
}

const LEASE_RENEW_MS = 5_000;

export interface RunSyncOptions {
  mode: 'incremental' | 'full';
  trigger: string;
  streams?: StreamName[];
  pageSize?: number;
  afterPage?: (stream: StreamName) => Promise<void>;
}

/**
 * One sync run over every stream, recorded in sync_runs (counts, duration, errors).
 * A ConnectWise outage in one stream is recorded and the run carries on with the next;
 * the stream resumes from its checkpoint next time.
 */
export async function runSync(deps: SyncDeps, options: RunSyncOptions): Promise<SyncRun> {
  const lease = new SyncLease(deps.db, deps.clock);
  if (!(await lease.acquire())) throw new ConflictError('A ConnectWise sync is already running.');
  const started = Date.now();
  let renewedAt = started;
  let requests = 0;
  const cw = deps.cw.withOptions({ onRequest: () => void requests++ });
  const [run] = await deps.db
    .insert(syncRuns)
    .values({
      mode: options.mode,
      trigger: options.trigger,
      status: 'running',
      startedAt: deps.clock().toISOString(),
      errors: [],
      streams: {},
    })
    .returning();
  const totals = zeroCounts();
  const perStream: Record<string, Record<string, number>> = {};
  const errors: string[] = [];
  try {
    const ctx = await buildSyncContext({ ...deps, cw });
    for (const def of STREAMS) {
      if (options.streams && !options.streams.includes(def.name)) continue;
      try {
        const counts = await runStream({
          def,
          cw,
          ctx,
          mode: options.mode,
          runId: run.id,
          pageSize: options.pageSize,
          afterPage: async () => {
            // A page takes tens of milliseconds: renewing every few seconds keeps the 30 s lease
            // without a write (and an fsync) per page.
            if (Date.now() - renewedAt >= LEASE_RENEW_MS) {
              await lease.renew();
              renewedAt = Date.now();
            }
            await options.afterPage?.(def.name);
          },
        });
        perStream[def.name] = { ...counts };
        addCounts(totals, counts);
      } catch (error) {
        errors.push(`${def.name}: ${(error as Error).message}`);
      }
    }
    try {
      const marked = await markBilledInConnectWise({ db: deps.db, cw, now: deps.clock(), options: ctx.options });
      if (marked.failed.length > 0) errors.push(...marked.failed);
    } catch (error) {
      errors.push(`write-back: ${(error as Error).message}`);
    }
  } finally {
    await lease.release();
  }
  const [finished] = await deps.db
    .update(syncRuns)
    .set({
      ...totals,
      status: errors.length === 0 ? 'succeeded' : 'failed',
      finishedAt: deps.clock().toISOString(),
      durationMs: Date.now() - started,
      requests,
      errors,
      streams: perStream,
    })
    .where(eq(syncRuns.id, run.id))
    .returning();
  return finished;
}

/** A callback or a quarantine retry: just this record, through its stream. */
export async function syncRecord(deps: SyncDeps, def: StreamDef<{ id: number }, unknown>, id: number): Promise<StreamCounts> {
  const ctx = await buildSyncContext(deps);
  const counts = zeroCounts();
  await syncOneRecord(def, deps.cw, ctx, id, counts);
  return counts;
}

function addCounts(total: StreamCounts, add: StreamCounts): void {
  for (const key of Object.keys(total) as (keyof StreamCounts)[]) total[key] += add[key];
}
