import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { syncRecords, syncRuns } from '../db/schema/index.js';
import { ConflictError } from '../errors/domain-errors.js';
import { BillingPort } from './billing-port.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { loadMappings, saveMapping } from '../mappings/mapping-store.js';
import { parseAccountTarget } from './streams/companies.js';
import { STREAMS } from './streams/index.js';
import { runStream, sumCounts, syncOneRecord, zeroCounts, type StreamCounts } from './run-stream.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';
import { SyncLease } from './sync-lease.js';
import { checkpointsToResume } from './checkpoints.js';
import { interruptOrphanedSyncRuns } from './interrupt-orphaned-sync-runs.js';
import { keepRunAlive } from '../db/run-holder.js';
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
 *
 * The run's row names its lease holder and is brought up to date with every page (in the
 * page's own transaction), so a run killed mid-way keeps what it did: the next run to take the
 * lease marks it "interrupted" and names it in `resumedFrom`, with the streams it picks up.
 */
export async function runSync(deps: SyncDeps, options: RunSyncOptions): Promise<SyncRun> {
  const lease = new SyncLease(deps.db, deps.clock);
  if (!(await lease.acquire())) throw new ConflictError('A ConnectWise sync is already running.');
  // The lease stays live while this process does, whatever the run is busy with (a page, the write-back).
  const heartbeat = keepRunAlive(() => lease.renew());
  try {
    return await runUnderLease(deps, options, lease.holder);
  } finally {
    heartbeat.stop();
    await lease.release();
  }
}

async function runUnderLease(deps: SyncDeps, options: RunSyncOptions, holder: string): Promise<SyncRun> {
  const started = Date.now();
  // The lease is ours: any run still "running" lost its holder.
  await interruptOrphanedSyncRuns(deps.db, deps.clock(), { exceptHolder: holder });
  const streams = STREAMS.filter((def) => !options.streams || options.streams.includes(def.name));
  const resumedFrom = await checkpointsToResume(
    deps.db,
    options.mode,
    streams.map((def) => def.name),
  );
  const [run] = await deps.db
    .insert(syncRuns)
    .values({
      mode: options.mode,
      trigger: options.trigger,
      status: 'running',
      holder,
      resumedFrom,
      startedAt: deps.clock().toISOString(),
      errors: [],
      streams: {},
    })
    .returning();
  try {
    return await runStreams(deps, options, run, streams, started);
  } catch (error) {
    // Not one stream's failure (those are recorded and the run goes on): the run cannot go on.
    await deps.db
      .update(syncRuns)
      .set({
        status: 'failed',
        finishedAt: deps.clock().toISOString(),
        durationMs: Date.now() - started,
        errors: [(error as Error).message],
      })
      .where(eq(syncRuns.id, run.id));
    throw error;
  }
}

async function runStreams(
  deps: SyncDeps,
  options: RunSyncOptions,
  run: SyncRun,
  streams: readonly StreamDef<{ id: number }, unknown>[],
  started: number,
): Promise<SyncRun> {
  let requests = 0;
  const cw = deps.cw.withOptions({ onRequest: () => void requests++ });
  const perStream: Record<string, StreamCounts> = {};
  const errors: string[] = [];
  const saveProgress = (db: DbOrTx) =>
    db
      .update(syncRuns)
      .set({ ...sumCounts(...Object.values(perStream)), requests, streams: perStream })
      .where(eq(syncRuns.id, run.id));
  const ctx = await buildSyncContext({ ...deps, cw });
  for (const def of streams) {
    try {
      perStream[def.name] = await runStream({
        def,
        cw,
        ctx,
        mode: options.mode,
        runId: run.id,
        pageSize: options.pageSize,
        onPage: async (tx, soFar) => {
          // What the stream has done so far commits with its page: a killed run keeps its counts.
          perStream[def.name] = soFar;
          await saveProgress(tx);
        },
        afterPage: async () => options.afterPage?.(def.name),
      });
    } catch (error) {
      // The pages saved before the failure stay done (and counted); the stream resumes after them next time.
      errors.push(`${def.name}: ${(error as Error).message}`);
    }
    await saveProgress(deps.db);
  }
  try {
    const marked = await markBilledInConnectWise({ db: deps.db, cw, now: deps.clock(), options: ctx.options });
    if (marked.failed.length > 0) errors.push(...marked.failed);
  } catch (error) {
    errors.push(`write-back: ${(error as Error).message}`);
  }
  const [finished] = await deps.db
    .update(syncRuns)
    .set({
      ...sumCounts(...Object.values(perStream)),
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
