// Turns ratings into usage charges on the billing core: one charge per subscription, billing
// period and rule per rating run (a usage_rating_groups row), carrying the usage summary in
// its description, for the next invoice (billed in arrears, billing/README.md).
//
// A group carries its charge's `source` (unique in the billing core) from the moment it is
// written: that is the link from ratings to their charge (usage-summary.ts joins on it). The
// run adds up its groups' totals while it rates (`UsageChargeTotals`, one entry per group,
// however many records), so posting them reads nothing back: the totals are written to the
// groups, then the charges are added. Crash-safe: the groups of a run that stopped before it
// charged them are totalled again from their ratings by the next run, which takes them as its
// own (rate-pending-usage.ts) and adds their charges (a source already present is a no-op). Each charge is one line of 1 × the sum of its
// records' amounts: each record was rounded once when rated.

import { and, count, eq, inArray, notExists, sql, sum } from 'drizzle-orm';
import { addCharges, type ChargeInput } from '../billing/add-charges.js';
import type { BillingContext } from '../billing/billing-context.js';
import { insertRows } from '../db/insert-rows.js';
import { charges, subscriptions, usageRatingGroups, usageRatings, usageRecords } from '../db/schema/index.js';
import { describeUsageQuantity } from './describe-usage-quantity.js';
import { localClockFor } from './rating/local-clock.js';
import type { RatedUsage } from './rating/rate-usage.js';
import { getOrInsert } from '../../../shared/get-or-insert.js';

/**
 * Charges per addCharges call (each its own transaction; a source twice is a no-op, so a run
 * stopped between two batches is completed by the next). Smaller than the billing core's
 * 5,000: its statements are built by drizzle, and 5,000 charges at once was a burst of garbage
 * that raised the run's peak memory.
 */
const CHARGES_PER_BATCH = 1000;

export function usageChargeSource(ratingRunId: number, subscriptionId: number, periodStart: string, ruleCode: string): string {
  return `usage:rating-${ratingRunId}:subscription-${subscriptionId}:${periodStart}:${ruleCode}`;
}

/** A group (one usage charge in the making) with its totals, and the service it bills. */
export type UsageChargeTotal = Omit<typeof usageRatingGroups.$inferSelect, 'id'> & { serviceIdentifier: string | null };

/** A run's groups by charge source, added up rating by rating. */
export class UsageChargeTotals {
  readonly bySource = new Map<string, UsageChargeTotal>();
  // Subscription → period start → rule code → group: found per record without building its
  // source text (a million strings of garbage otherwise).
  private readonly byPlace = new Map<number, Map<string, Map<string, UsageChargeTotal>>>();

  constructor(
    private readonly ratingRunId: number,
    /** When the run's groups are written (their `createdAt`). */
    private readonly at: string,
  ) {}

  /** The group of a rated record, opened (with zero totals) the first time the run meets it. */
  groupOf(
    rating: RatedUsage<unknown>,
    record: { readonly unit: string; readonly serviceIdentifier: string },
  ): { total: UsageChargeTotal; opened: boolean } {
    const periods = getOrInsert(this.byPlace, rating.subscriptionId, () => new Map());
    const rules = getOrInsert(periods, rating.period.start, () => new Map());
    const total = rules.get(rating.ruleCode);
    if (total !== undefined) return { total, opened: false };
    const source = usageChargeSource(this.ratingRunId, rating.subscriptionId, rating.period.start, rating.ruleCode);
    const opened: UsageChargeTotal = {
      chargeSource: source,
      ratingRunId: this.ratingRunId,
      subscriptionId: rating.subscriptionId,
      accountId: rating.accountId,
      periodStart: rating.period.start,
      periodEnd: rating.period.end,
      ruleCode: rating.ruleCode,
      ruleDescription: rating.ruleDescription,
      allowanceCode: rating.allowanceCode,
      unit: record.unit,
      currency: rating.currency,
      glCode: rating.glCode,
      taxCode: rating.taxCode,
      records: 0,
      lateRecords: 0,
      quantityMilli: 0,
      includedQuantityMilli: 0,
      chargedQuantityMilli: 0,
      amountCents: 0,
      chargeDate: rating.chargeDate,
      createdAt: this.at,
      serviceIdentifier: record.serviceIdentifier,
    };
    this.bySource.set(source, opened);
    rules.set(rating.ruleCode, opened);
    return { total: opened, opened: true };
  }

  /**
   * Takes over a group an earlier, stopped run opened and never charged (its totals so far):
   * this run's ratings of the same subscription, period and rule join it, so they make one
   * charge, as in a run that was never stopped.
   */
  adopt(total: UsageChargeTotal): void {
    this.bySource.set(total.chargeSource, total);
    const rules = getOrInsert(
      getOrInsert(this.byPlace, total.subscriptionId, () => new Map()),
      total.periodStart,
      () => new Map(),
    );
    if (!rules.has(total.ruleCode)) rules.set(total.ruleCode, total);
  }

  /** Adds one rated record to its group's totals. */
  add(total: UsageChargeTotal, rating: RatedUsage<unknown>): void {
    total.records++;
    if (rating.lateFromPeriodStart !== null) total.lateRecords++;
    total.quantityMilli += rating.quantityMilli;
    total.includedQuantityMilli += rating.includedQuantityMilli;
    total.chargedQuantityMilli += rating.chargedQuantityMilli;
    total.amountCents += rating.amountCents;
    if (total.chargeDate === null || rating.chargeDate > total.chargeDate) total.chargeDate = rating.chargeDate;
  }
}

/** Writes the totals of this run's groups (its own and those it took over), then adds their charges; returns how many were added. */
export async function postUsageCharges(ctx: BillingContext, input: { totals: UsageChargeTotals }): Promise<number> {
  // In source order, as grouping in SQL gave them: charge ids follow subscription, period and rule.
  const groups = [...input.totals.bySource.values()].sort((a, b) =>
    a.chargeSource < b.chargeSource ? -1 : a.chargeSource > b.chargeSource ? 1 : 0,
  );

  await ctx.db.transaction(async (tx) => {
    const rows = groups.map(({ serviceIdentifier: _, ...group }) => group);
    const totalColumns = [
      'records',
      'lateRecords',
      'quantityMilli',
      'includedQuantityMilli',
      'chargedQuantityMilli',
      'amountCents',
      'chargeDate',
    ] as const;
    const set = Object.fromEntries(totalColumns.map((key) => [key, sql.raw(`excluded.${usageRatingGroups[key].name}`)]));
    await insertRows(tx, usageRatingGroups, rows, {
      chunkSize: 500,
      onConflict: { doUpdate: { target: usageRatingGroups.chargeSource, set } },
    });
  });

  let added = 0;
  for (let i = 0; i < groups.length; i += CHARGES_PER_BATCH) {
    added += (await addCharges(ctx, { charges: groups.slice(i, i + CHARGES_PER_BATCH).map(toChargeInput) })).added.length;
  }
  return added;
}

/**
 * The groups of stopped runs that have no charge yet, totalled from their ratings. (A group
 * whose charge was added is done: a run adds charges only once it has rated everything.) A rare
 * path (a run that crashed), so it may scan the ratings: indexing them by group would scatter
 * every rating's index entry over thousands of places, which is what normalizing them removed.
 * A group's charge date is the latest day of its records: the day of its latest record that
 * was not late (in the billing zone), or the date it was opened with (a late record's first
 * open day).
 */
export async function unchargedGroupsOfRuns(
  ctx: BillingContext,
  ratingRunIds: number[],
  billingTimeZone: string,
): Promise<(UsageChargeTotal & { id: number })[]> {
  if (ratingRunIds.length === 0) return [];
  const rows = await ctx.db
    .select({
      group: usageRatingGroups,
      serviceIdentifier: subscriptions.serviceIdentifier,
      records: count(),
      lateRecords: count(usageRatings.lateFromPeriodStart),
      quantityMilli: sum(usageRecords.quantityMilli),
      includedQuantityMilli: sum(usageRatings.includedQuantityMilli),
      chargedQuantityMilli: sum(usageRatings.chargedQuantityMilli),
      amountCents: sum(usageRatings.amountCents),
      lastOnTime: sql<string | null>`max(case when ${usageRatings.lateFromPeriodStart} is null then ${usageRecords.startTime} end)`,
    })
    .from(usageRatings)
    .innerJoin(usageRatingGroups, eq(usageRatingGroups.id, usageRatings.groupId))
    .innerJoin(usageRecords, eq(usageRecords.id, usageRatings.recordId))
    .leftJoin(subscriptions, eq(subscriptions.id, usageRatingGroups.subscriptionId))
    .where(
      and(
        inArray(usageRatingGroups.ratingRunId, ratingRunIds),
        notExists(ctx.db.select({ id: charges.id }).from(charges).where(eq(charges.source, usageRatingGroups.chargeSource))),
      ),
    )
    .groupBy(usageRatingGroups.id);
  const clock = localClockFor(billingTimeZone);
  return rows.map(({ group, serviceIdentifier, lastOnTime, ...sums }) => {
    const lastDay = lastOnTime === null ? null : clock.at(Date.parse(lastOnTime)).date;
    return {
      ...group,
      serviceIdentifier,
      records: sums.records,
      lateRecords: sums.lateRecords,
      quantityMilli: Number(sums.quantityMilli),
      includedQuantityMilli: Number(sums.includedQuantityMilli),
      chargedQuantityMilli: Number(sums.chargedQuantityMilli),
      amountCents: Number(sums.amountCents),
      chargeDate: group.chargeDate === null || (lastDay !== null && lastDay > group.chargeDate) ? lastDay : group.chargeDate,
    };
  });
}

function toChargeInput(total: UsageChargeTotal): ChargeInput {
  const parts = [
    `${total.records} record${total.records === 1 ? '' : 's'}`,
    describeUsageQuantity(total.unit, total.quantityMilli),
    ...(total.includedQuantityMilli > 0 ? [`${describeUsageQuantity(total.unit, total.includedQuantityMilli)} included`] : []),
    ...(total.lateRecords > 0 ? [`${total.lateRecords} late from an earlier period`] : []),
  ];
  return {
    source: total.chargeSource,
    accountId: total.accountId,
    kind: 'usage',
    productId: null,
    description:
      `${total.ruleDescription} ${total.serviceIdentifier ?? ''}, ${total.periodStart} to ${total.periodEnd}: ${parts.join(', ')}`.slice(
        0,
        500,
      ),
    chargeDate: total.chargeDate!,
    quantityMilli: 1000,
    unitPriceCents: total.amountCents,
    currency: total.currency,
    taxCode: total.taxCode,
    glCode: total.glCode,
  };
}
