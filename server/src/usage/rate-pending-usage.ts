// A rating run: rates every pending usage record in time order, page by page, then turns the
// ratings into usage charges (post-usage-charges.ts). Per page, in one transaction: the
// ratings, the records' new status, the quarantine items and the allowance balances, so a
// crash leaves each record either pending or fully rated, never half.

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { usageAllowanceBalances, usageRatingRuns, usageRatings, usageRecords } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { loadRatingSetup, type RatingOptions } from './load-rating-setup.js';
import { postUsageCharges, usageChargeSource } from './post-usage-charges.js';
import { quarantineUsage, resolveUsageItems } from './quarantine-usage.js';
import { rateUsage, stateKeysFor, type RatingInput } from './rating/rate-usage.js';
import type { UsageRecord } from './usage-record.js';

export type RatingRunReport = { ratingRunId: number; recordsRated: number; recordsQuarantined: number; chargesAdded: number };

type RecordRow = typeof usageRecords.$inferSelect;

export const RATING_PAGE = 5000;
const RATING_INSERT_CHUNK = 1000; // 24 columns a row
const ID_CHUNK = 5000;

/** Rates pending records (all of them, or only `recordIds` when re-processing quarantine items). */
export async function ratePendingUsage(ctx: BillingContext, input: RatingOptions & { recordIds?: readonly number[] } = {}): Promise<RatingRunReport> {
  const setup = await loadRatingSetup(ctx.db, input);
  const at = ctx.now.toISOString();
  const [{ id: ratingRunId }] = await ctx.db
    .insert(usageRatingRuns)
    .values({ status: 'running', recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0, startedAt: at })
    .returning({ id: usageRatingRuns.id });

  const allowanceUsed = new Map<string, number>();
  const tierUsed = new Map<string, number>();
  const loaded = new Set<string>();
  const report: RatingRunReport = { ratingRunId, recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0 };
  const reprocessing = input.recordIds !== undefined;
  const idChunks = reprocessing ? chunk(input.recordIds!, ID_CHUNK) : [null];

  for (const ids of idChunks) {
    for (;;) {
      const page = await ctx.db
        .select()
        .from(usageRecords)
        .where(ids === null ? eq(usageRecords.status, 'pending') : and(eq(usageRecords.status, 'pending'), inArray(usageRecords.id, ids as number[])))
        .orderBy(asc(usageRecords.startTime), asc(usageRecords.id))
        .limit(RATING_PAGE);
      if (page.length === 0) break;

      const inputs: RatingInput<RecordRow>[] = page.map((row) => ({ id: row, record: toUsageRecord(row) }));
      const { allowancePools, tierKeys } = stateKeysFor(inputs.map((i) => i.record), setup);
      await loadBalances(ctx, [...allowancePools, ...tierKeys].filter((key) => !loaded.has(key)), allowanceUsed, tierUsed, loaded);

      const result = rateUsage(inputs, setup, { allowanceUsedMilli: allowanceUsed, tierUsedMilli: tierUsed });
      const touched: { key: string; kind: 'allowance' | 'tier'; used: number }[] = [...allowancePools].map((key) => ({ key, kind: 'allowance' as const, used: result.allowanceState.allowanceUsedMilli.get(key) ?? 0 }));
      touched.push(...[...tierKeys].map((key) => ({ key, kind: 'tier' as const, used: result.allowanceState.tierUsedMilli.get(key) ?? 0 })));

      await ctx.db.transaction(async (tx) => {
        const ratingRows = result.rated.map((r) => ({
          recordId: r.id.id,
          ratingRunId,
          subscriptionId: r.subscriptionId,
          accountId: r.accountId,
          periodStart: r.period.start,
          periodEnd: r.period.end,
          chargeDate: r.chargeDate,
          lateFromPeriodStart: r.lateFromPeriodStart,
          ruleCode: r.ruleCode,
          ruleDescription: r.ruleDescription,
          allowanceCode: r.allowanceCode,
          unit: r.id.unit,
          quantityMilli: r.quantityMilli,
          billableQuantityMilli: r.billableQuantityMilli,
          includedQuantityMilli: r.includedQuantityMilli,
          chargedQuantityMilli: r.chargedQuantityMilli,
          amountCents: r.amountCents,
          currency: r.currency,
          glCode: r.glCode,
          taxCode: r.taxCode,
          chargeSource: usageChargeSource(ratingRunId, r.subscriptionId, r.period.start, r.ruleCode),
          chargeId: null,
          ratedAt: at,
        }));
        for (const rows of chunk(ratingRows, RATING_INSERT_CHUNK)) await tx.insert(usageRatings).values(rows);
        for (const ids of chunk(result.rated.map((r) => r.id.id), ID_CHUNK)) {
          await tx.update(usageRecords).set({ status: 'rated' }).where(inArray(usageRecords.id, ids));
        }
        if (reprocessing) await resolveUsageItems(tx, result.rated.map((r) => r.id.recordKey), ctx.now);

        await quarantineUsage(
          tx,
          result.unrated.map(({ id: row, problem, subscriptionId, accountId }) => ({
            entity: 'usage_record',
            externalId: row.recordKey,
            problem,
            details: { recordId: row.id, serviceIdentifier: row.serviceIdentifier, startTime: row.startTime, quantityMilli: row.quantityMilli, unit: row.unit, usageClass: row.usageClass, subscriptionId, accountId },
          })),
          ctx.now,
        );
        for (const ids of chunk(result.unrated.map((u) => u.id.id), ID_CHUNK)) {
          await tx.update(usageRecords).set({ status: 'quarantined' }).where(inArray(usageRecords.id, ids));
        }

        for (const rows of chunk(touched, 1000)) {
          await tx
            .insert(usageAllowanceBalances)
            .values(rows.map(({ key, kind, used }) => ({ poolKey: key, kind, periodStart: key.slice(key.lastIndexOf('|') + 1), usedMilli: used, updatedAt: at })))
            .onConflictDoUpdate({ target: usageAllowanceBalances.poolKey, set: { usedMilli: sqlExcluded('used_milli'), updatedAt: sqlExcluded('updated_at') } });
        }
      });

      for (const { key, kind, used } of touched) (kind === 'allowance' ? allowanceUsed : tierUsed).set(key, used);
      report.recordsRated += result.rated.length;
      report.recordsQuarantined += result.unrated.length;
    }
  }

  report.chargesAdded = await postUsageCharges(ctx, { ratingRunId });
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(usageRatingRuns)
      .set({ status: 'completed', recordsRated: report.recordsRated, recordsQuarantined: report.recordsQuarantined, chargesAdded: report.chargesAdded, finishedAt: ctx.now.toISOString() })
      .where(eq(usageRatingRuns.id, ratingRunId));
    await recordAudit(tx, { at: ctx.now, actor: ctx.actor, action: 'usage.rated', entity: 'usage_rating_run', entityId: String(ratingRunId), details: { ...report }, requestId: ctx.requestId });
  });
  return report;
}

function toUsageRecord(row: RecordRow): UsageRecord {
  return {
    serviceIdentifier: row.serviceIdentifier,
    startTime: row.startTime,
    quantityMilli: row.quantityMilli,
    unit: row.unit,
    usageClass: row.usageClass,
    costCents: row.costCents,
    costCurrency: row.costCurrency,
    carrierRecordId: row.carrierRecordId,
  };
}

async function loadBalances(ctx: BillingContext, keys: string[], allowanceUsed: Map<string, number>, tierUsed: Map<string, number>, loaded: Set<string>): Promise<void> {
  for (const keysChunk of chunk(keys, 1000)) {
    const rows = await ctx.db.select().from(usageAllowanceBalances).where(inArray(usageAllowanceBalances.poolKey, keysChunk));
    for (const row of rows) (row.kind === 'allowance' ? allowanceUsed : tierUsed).set(row.poolKey, row.usedMilli);
    for (const key of keysChunk) loaded.add(key);
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}
