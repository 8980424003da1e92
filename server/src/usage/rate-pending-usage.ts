// A rating run: rates every record in the rating queue in time order, page by page, then turns
// the ratings into usage charges (post-usage-charges.ts). Per page, in one transaction: the
// read of the page, the groups it opens (one per charge to be), the ratings (multi-row
// inserts, a few numbers each), the page's removal from the queue, the quarantine items and
// the allowance balances, so a crash leaves each record either queued or fully rated, never
// half. Memory holds one page, the run's groups and the balances of the pools it touched.

import { and, asc, eq, gt, inArray, max, sql } from 'drizzle-orm';
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
} from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { loadRatingSetup, type RatingOptions } from './load-rating-setup.js';
import { postUsageCharges, UsageChargeTotals, type UsageChargeTotal } from './post-usage-charges.js';
import { quarantineUsage, resolveUsageItems } from './quarantine-usage.js';
import { locateUsage, rateUsage, stateKeysFor, type RatingInput, type RatingSetup } from './rating/rate-usage.js';
import type { UsageRecord } from './usage-record.js';

export type RatingRunReport = { ratingRunId: number; recordsRated: number; recordsQuarantined: number; chargesAdded: number };

/**
 * Records rated per transaction: memory holds one page (some 5 MB), whatever is queued. Why not
 * more: V8 lets the heap grow to a multiple of what is live, so a larger page raised the
 * process's peak by several times its own size for a few percent of speed (BENCHMARKS.md).
 */
export const RATING_PAGE = 10_000;
const ID_CHUNK = 5000;

/** Rates pending records (all of them, or only `recordIds` when re-processing quarantine items). */
export async function ratePendingUsage(
  ctx: BillingContext,
  input: RatingOptions & { recordIds?: readonly number[] } = {},
): Promise<RatingRunReport> {
  const setup = await loadRatingSetup(ctx.db, input);
  const at = ctx.now.toISOString();
  const [{ id: ratingRunId }] = await ctx.db
    .insert(usageRatingRuns)
    .values({ status: 'running', recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0, startedAt: at })
    .returning({ id: usageRatingRuns.id });

  const state: BalanceState = { allowanceUsed: new Map(), tierUsed: new Map(), loaded: new Set() };
  const totals = new UsageChargeTotals(ratingRunId, at);
  const groupIds = new Map<string, number>();
  const report: RatingRunReport = { ratingRunId, recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0 };
  const reprocessing = input.recordIds !== undefined;
  const idChunks = reprocessing ? chunk(input.recordIds!, ID_CHUNK) : [null];

  for (const ids of idChunks) {
    for (;;) {
      // Read, rate and write a page in one transaction: a crash leaves each record either
      // queued or fully rated, and no import can queue an earlier record between the read and
      // the removal (which relies on the page being the front of the queue).
      const page = await ctx.db.transaction((tx) => ratePage(tx, { ctx, setup, state, totals, groupIds, ids, reprocessing, at }));
      if (page.rated + page.quarantined === 0) break;
      report.recordsRated += page.rated;
      report.recordsQuarantined += page.quarantined;
    }
  }

  report.chargesAdded = await postUsageCharges(ctx, { ratingRunId, totals, billingTimeZone: setup.billingTimeZone });
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(usageRatingRuns)
      .set({
        status: 'completed',
        recordsRated: report.recordsRated,
        recordsQuarantined: report.recordsQuarantined,
        chargesAdded: report.chargesAdded,
        finishedAt: ctx.now.toISOString(),
      })
      .where(eq(usageRatingRuns.id, ratingRunId));
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
  { ctx, setup, state, totals, groupIds, ids, reprocessing, at }: PageInput,
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
      .limit(RATING_PAGE),
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
