// A rating run: rates every record in the rating queue in time order, page by page, then turns
// the ratings into usage charges (post-usage-charges.ts). Per page, in one transaction: the
// read of the page, the groups it opens (one per charge to be), the ratings (multi-row
// inserts, a few numbers each), the page's removal from the queue, the quarantine items and
// the allowance balances, so a crash leaves each record either queued or fully rated, never
// half. Memory holds one page, the run's groups and the balances of the pools it touched.

import { and, asc, eq, gt, inArray, isNull, max, sql } from 'drizzle-orm';
import { insertRows } from '../db/insert-rows.js';
import type { Tx } from '../db/client.js';
import { selectRows } from '../db/select-rows.js';
import {
  usageAllowanceBalances,
  usageRatingGroups,
  usageRatingQueue,
  usageRatingRuns,
  usageRatings,
  usageRecords,
  type RatingRunResumedFrom,
} from '../db/schema/index.js';
import { keepRunAlive, newRunHolder, runHolderIsGone, runLeaseExpiry } from '../db/run-holder.js';
import { ConflictError } from '../errors/domain-errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { loadRatingSetup, type RatingOptions } from './load-rating-setup.js';
import { postUsageCharges, unchargedGroupsOfRuns, UsageChargeTotals, type UsageChargeTotal } from './post-usage-charges.js';
import { quarantineUsage, resolveUsageItems } from './quarantine-usage.js';
import { locateUsage, rateUsage, stateKeysFor, type RatingInput, type RatingSetup } from './rating/rate-usage.js';
import type { UsageRecord } from './usage-record.js';

export type RatingRunReport = {
  ratingRunId: number;
  recordsRated: number;
  recordsQuarantined: number;
  chargesAdded: number;
  /** The stopped runs this one carried on (their uncharged groups were its own), or null. */
  resumedFrom: RatingRunResumedFrom | null;
};

/**
 * Records rated per transaction: memory holds one page (some 5 MB), whatever is queued. Why not
 * more: V8 lets the heap grow to a multiple of what is live, so a larger page raised the
 * process's peak by several times its own size for a few percent of speed (BENCHMARKS.md).
 */
export const RATING_PAGE = 10_000;
const ID_CHUNK = 5000;

/** For tests: smaller pages, and a pause after each (where a test stops the process). */
export type RatingRunHooks = { pageSize?: number; afterPage?: () => Promise<void> };

/**
 * Rates pending records (all of them, or only `recordIds` when re-processing quarantine items).
 *
 * One run at a time, across processes: the run's row names its holder and a lease renewed
 * while it lives, and a second run meanwhile is a 409. A run that stopped before it posted its
 * charges ('failed', or 'interrupted': its process was killed) is carried on by the next: its
 * groups that have no charge yet become the next run's own, so the records it rated and those
 * rated after join the same charges, exactly as one uninterrupted run would have made them
 * (each charge once: a charge's source is unique).
 */
export async function ratePendingUsage(
  ctx: BillingContext,
  input: RatingOptions & { recordIds?: readonly number[] } = {},
  hooks: RatingRunHooks = {},
): Promise<RatingRunReport> {
  const setup = await loadRatingSetup(ctx.db, input);
  const holder = newRunHolder();
  const run = await startRatingRun(ctx, holder);
  const heartbeat = keepRunAlive(() =>
    ctx.db.transaction((tx) =>
      tx
        .update(usageRatingRuns)
        .set({ leaseExpiresAt: runLeaseExpiry() })
        .where(and(eq(usageRatingRuns.id, run.id), eq(usageRatingRuns.holder, holder))),
    ),
  );
  try {
    return await rateAndCharge(ctx, input, hooks, setup, run);
  } catch (error) {
    // This process lives but the run stopped: the next run carries it on at once.
    await ctx.db
      .update(usageRatingRuns)
      .set({ status: 'failed', finishedAt: ctx.now.toISOString(), leaseExpiresAt: null })
      .where(eq(usageRatingRuns.id, run.id));
    throw error;
  } finally {
    heartbeat.stop();
  }
}

type StartedRun = { id: number; resumedFrom: RatingRunResumedFrom | null };

/**
 * The run's row, in one write transaction with the takeover: a run still "running" under a live
 * holder refuses this one (409); one whose holder is gone (lease lapsed, process dead) becomes
 * "interrupted"; every stopped run not yet carried on is this run's to carry on.
 */
async function startRatingRun(ctx: BillingContext, holder: string): Promise<StartedRun> {
  return ctx.db.transaction(async (tx) => {
    const running = await tx
      .select({ id: usageRatingRuns.id, holder: usageRatingRuns.holder, leaseExpiresAt: usageRatingRuns.leaseExpiresAt })
      .from(usageRatingRuns)
      .where(eq(usageRatingRuns.status, 'running'));
    const live = running.find((row) => !runHolderIsGone(row));
    if (live) throw new ConflictError(`A usage rating run is already running (run ${live.id}).`, { ratingRunId: live.id });
    if (running.length > 0)
      await tx
        .update(usageRatingRuns)
        .set({ status: 'interrupted' })
        .where(
          and(
            eq(usageRatingRuns.status, 'running'),
            inArray(
              usageRatingRuns.id,
              running.map((row) => row.id),
            ),
          ),
        );
    const stopped = await tx
      .select({ id: usageRatingRuns.id, recordsRated: usageRatingRuns.recordsRated })
      .from(usageRatingRuns)
      .where(and(inArray(usageRatingRuns.status, ['interrupted', 'failed']), isNull(usageRatingRuns.continuedBy)))
      .orderBy(asc(usageRatingRuns.id));
    const resumedFrom =
      stopped.length === 0
        ? null
        : { runIds: stopped.map((row) => row.id), recordsRated: stopped.reduce((sum, row) => sum + row.recordsRated, 0) };
    const [{ id }] = await tx
      .insert(usageRatingRuns)
      .values({
        status: 'running',
        recordsRated: 0,
        recordsQuarantined: 0,
        chargesAdded: 0,
        startedAt: ctx.now.toISOString(),
        holder,
        leaseExpiresAt: runLeaseExpiry(),
        resumedFrom,
      })
      .returning({ id: usageRatingRuns.id });
    return { id, resumedFrom };
  });
}

async function rateAndCharge(
  ctx: BillingContext,
  input: RatingOptions & { recordIds?: readonly number[] },
  hooks: RatingRunHooks,
  setup: RatingSetup,
  run: StartedRun,
): Promise<RatingRunReport> {
  const at = ctx.now.toISOString();
  const ratingRunId = run.id;
  const state: BalanceState = { allowanceUsed: new Map(), tierUsed: new Map(), loaded: new Set() };
  const totals = new UsageChargeTotals(ratingRunId, at);
  const groupIds = new Map<string, number>();
  if (run.resumedFrom)
    for (const { id, ...group } of await unchargedGroupsOfRuns(ctx, run.resumedFrom.runIds, setup.billingTimeZone)) {
      totals.adopt(group);
      groupIds.set(group.chargeSource, id);
    }
  const report: RatingRunReport = { ratingRunId, recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0, resumedFrom: run.resumedFrom };
  const reprocessing = input.recordIds !== undefined;
  const idChunks = reprocessing ? chunk(input.recordIds!, ID_CHUNK) : [null];
  const pageSize = hooks.pageSize ?? RATING_PAGE;

  for (const ids of idChunks) {
    for (;;) {
      // Read, rate and write a page in one transaction: a crash leaves each record either
      // queued or fully rated, and no import can queue an earlier record between the read and
      // the removal (which relies on the page being the front of the queue). The run's counts
      // commit with the page: a killed run says what it rated.
      const page = await ctx.db.transaction(async (tx) => {
        const rated = await ratePage(tx, { ctx, setup, state, totals, groupIds, ids, reprocessing, at, pageSize });
        if (rated.rated + rated.quarantined > 0)
          await tx
            .update(usageRatingRuns)
            .set({
              recordsRated: report.recordsRated + rated.rated,
              recordsQuarantined: report.recordsQuarantined + rated.quarantined,
            })
            .where(eq(usageRatingRuns.id, ratingRunId));
        return rated;
      });
      if (page.rated + page.quarantined === 0) break;
      report.recordsRated += page.rated;
      report.recordsQuarantined += page.quarantined;
      await hooks.afterPage?.();
    }
  }

  report.chargesAdded = await postUsageCharges(ctx, { totals });
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(usageRatingRuns)
      .set({
        status: 'completed',
        recordsRated: report.recordsRated,
        recordsQuarantined: report.recordsQuarantined,
        chargesAdded: report.chargesAdded,
        finishedAt: ctx.now.toISOString(),
        leaseExpiresAt: null,
      })
      .where(eq(usageRatingRuns.id, ratingRunId));
    if (run.resumedFrom)
      await tx.update(usageRatingRuns).set({ continuedBy: ratingRunId }).where(inArray(usageRatingRuns.id, run.resumedFrom.runIds));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'usage.rated',
      entity: 'usage_rating_run',
      entityId: String(ratingRunId),
      details: { ...report },
      requestId: ctx.requestId,
    });
  });
  return report;
}

/** What allowance pools and tier counters have used, as read from the database and rated since. */
type BalanceState = { allowanceUsed: Map<string, number>; tierUsed: Map<string, number>; loaded: Set<string> };

type PageInput = {
  ctx: BillingContext;
  setup: RatingSetup;
  state: BalanceState;
  totals: UsageChargeTotals;
  /** The run's groups written so far, by charge source. */
  groupIds: Map<string, number>;
  ids: readonly number[] | null;
  reprocessing: boolean;
  at: string;
  pageSize: number;
};

const pageColumns = {
  id: usageRecords.id,
  serviceIdentifier: usageRecords.serviceIdentifier,
  startTime: usageRecords.startTime,
  quantityMilli: usageRecords.quantityMilli,
  unit: usageRecords.unit,
  usageClass: usageRecords.usageClass,
};
type PageRow = {
  id: number;
  serviceIdentifier: string;
  startTime: string;
  quantityMilli: number;
  unit: UsageRecord['unit'];
  usageClass: string | null;
};

async function ratePage(
  tx: Tx,
  { ctx, setup, state, totals, groupIds, ids, reprocessing, at, pageSize }: PageInput,
): Promise<{ rated: number; quarantined: number }> {
  const queued = ids === null ? undefined : inArray(usageRatingQueue.recordId, ids as number[]);
  // Packed by SQLite and unpacked by JSON.parse (db/select-rows.ts): a page of row objects from
  // the driver cost more than rating it.
  const page: PageRow[] = await selectRows(
    tx,
    tx
      .select(pageColumns)
      .from(usageRatingQueue)
      .innerJoin(usageRecords, eq(usageRecords.id, usageRatingQueue.recordId))
      .where(queued)
      .orderBy(asc(usageRatingQueue.startTime), asc(usageRatingQueue.recordId))
      .limit(pageSize),
  );
  if (page.length === 0) return { rated: 0, quarantined: 0 };

  const inputs: RatingInput<PageRow>[] = page.map((row) => ({ id: row, record: row }));
  const located = locateUsage(page, setup);
  const { allowancePools, tierKeys } = stateKeysFor(located);
  await loadBalances(
    tx,
    [...allowancePools, ...tierKeys].filter((key) => !state.loaded.has(key)),
    state,
  );
  const result = rateUsage(inputs, setup, { allowanceUsedMilli: state.allowanceUsed, tierUsedMilli: state.tierUsed }, located);

  // Each rating joins its group (one charge to be), opened the first time the run meets it.
  const opened: UsageChargeTotal[] = [];
  const ratingGroups: UsageChargeTotal[] = [];
  for (const rating of result.rated) {
    const { total, opened: isNew } = totals.groupOf(rating, rating.id);
    if (isNew) opened.push({ ...total });
    totals.add(total, rating);
    ratingGroups.push(total);
  }
  await openGroups(tx, opened, groupIds);
  const ratingRows = result.rated.map((rating, i) => ({
    recordId: rating.id.id,
    groupId: groupIds.get(ratingGroups[i].chargeSource)!,
    lateFromPeriodStart: rating.lateFromPeriodStart,
    billableQuantityMilli: rating.billableQuantityMilli,
    includedQuantityMilli: rating.includedQuantityMilli,
    chargedQuantityMilli: rating.chargedQuantityMilli,
    amountCents: rating.amountCents,
  }));
  // In record order: ratings append to their table instead of landing all over it.
  ratingRows.sort((a, b) => a.recordId - b.recordId);
  await insertRows(tx, usageRatings, ratingRows, { chunkSize: 2000 }); // 7 columns a row

  // Quarantine items and resolutions name records by key: read only for the records that need it.
  const keys =
    result.unrated.length > 0 || reprocessing
      ? await recordKeysOf(tx, reprocessing ? page : result.unrated.map((u) => u.id))
      : new Map<number, string>();
  await quarantineUsage(
    tx,
    result.unrated.map(({ id: row, problem, subscriptionId, accountId }) => ({
      entity: 'usage_record',
      externalId: keys.get(row.id)!,
      problem,
      details: {
        recordId: row.id,
        serviceIdentifier: row.serviceIdentifier,
        startTime: row.startTime,
        quantityMilli: row.quantityMilli,
        unit: row.unit,
        usageClass: row.usageClass,
        subscriptionId,
        accountId,
      },
    })),
    ctx.now,
  );
  for (const idsChunk of chunk(
    result.unrated.map((u) => u.id.id),
    ID_CHUNK,
  )) {
    await tx.update(usageRecords).set({ status: 'quarantined' }).where(inArray(usageRecords.id, idsChunk));
  }
  // The queue up to the page's last record is exactly the page (rated or quarantined): one
  // range deleted instead of a list of 15,000 keys.
  const last = page[page.length - 1];
  const upToLast = sql`(${usageRatingQueue.startTime}, ${usageRatingQueue.recordId}) <= (${last.startTime}, ${last.id})`;
  const taken = await tx.delete(usageRatingQueue).where(and(upToLast, queued));
  if (taken.rowsAffected !== page.length)
    throw new Error(`Rating took ${taken.rowsAffected} records off the queue, expected ${page.length}.`);
  if (reprocessing)
    await resolveUsageItems(
      tx,
      result.rated.map((r) => keys.get(r.id.id)!),
      ctx.now,
    );

  const balances = [
    ...[...allowancePools].map((key) => ({
      poolKey: key,
      kind: 'allowance' as const,
      used: result.allowanceState.allowanceUsedMilli.get(key) ?? 0,
    })),
    ...[...tierKeys].map((key) => ({ poolKey: key, kind: 'tier' as const, used: result.allowanceState.tierUsedMilli.get(key) ?? 0 })),
  ];
  await insertRows(
    tx,
    usageAllowanceBalances,
    balances.map(({ poolKey, kind, used }) => ({
      poolKey,
      kind,
      periodStart: poolKey.slice(poolKey.lastIndexOf('|') + 1),
      usedMilli: used,
      updatedAt: at,
    })),
    UPSERT_BALANCES,
  );

  for (const { poolKey, kind, used } of balances) (kind === 'allowance' ? state.allowanceUsed : state.tierUsed).set(poolKey, used);
  return { rated: result.rated.length, quarantined: result.unrated.length };
}

/**
 * Writes the groups the page opened (with zero totals: the run writes them when it posts its
 * charges) and learns their ids. Through insertRows, not drizzle's insert … returning: the first
 * page opens a group per service (5,000 in the benchmark), and building those statements
 * through drizzle was a burst of 100 MB of garbage.
 */
async function openGroups(tx: Tx, opened: readonly UsageChargeTotal[], groupIds: Map<string, number>): Promise<void> {
  if (opened.length === 0) return;
  // Ids only grow and this transaction is the only writer: the new groups are those above.
  const [{ lastId }] = await tx.select({ lastId: max(usageRatingGroups.id) }).from(usageRatingGroups);
  await insertRows(
    tx,
    usageRatingGroups,
    opened.map(({ serviceIdentifier: _, ...group }) => ({
      ...group,
      records: 0,
      lateRecords: 0,
      quantityMilli: 0,
      includedQuantityMilli: 0,
      chargedQuantityMilli: 0,
      amountCents: 0,
    })),
    { chunkSize: 500 },
  );
  const written = await selectRows(
    tx,
    tx
      .select({ id: usageRatingGroups.id, chargeSource: usageRatingGroups.chargeSource })
      .from(usageRatingGroups)
      .where(gt(usageRatingGroups.id, lastId ?? 0)),
  );
  for (const { id, chargeSource } of written) groupIds.set(chargeSource, id);
}

async function recordKeysOf(tx: Tx, rows: readonly PageRow[]): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  for (const ids of chunk(
    rows.map((row) => row.id),
    ID_CHUNK,
  )) {
    for (const { id, key } of await tx
      .select({ id: usageRecords.id, key: usageRecords.recordKey })
      .from(usageRecords)
      .where(inArray(usageRecords.id, ids)))
      keys.set(id, key);
  }
  return keys;
}

async function loadBalances(tx: Tx, keys: string[], state: BalanceState): Promise<void> {
  for (const keysChunk of chunk(keys, 1000)) {
    const rows = await tx.select().from(usageAllowanceBalances).where(inArray(usageAllowanceBalances.poolKey, keysChunk));
    for (const row of rows) (row.kind === 'allowance' ? state.allowanceUsed : state.tierUsed).set(row.poolKey, row.usedMilli);
    for (const key of keysChunk) state.loaded.add(key);
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

// One object for every page: insertRows keeps its statements by it.
const UPSERT_BALANCES = {
  chunkSize: 1000,
  onConflict: {
    doUpdate: {
      target: usageAllowanceBalances.poolKey,
      set: { usedMilli: sql.raw('excluded.used_milli'), updatedAt: sql.raw('excluded.updated_at') },
    },
  },
};
