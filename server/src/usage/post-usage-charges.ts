// Turns ratings into usage charges on the billing core: one charge per subscription, billing
// period and rule per rating run, carrying the usage summary in its description, for the
// next invoice (billed in arrears, billing/README.md).
//
// A rating carries its charge's `source` (unique in the billing core) from the moment it is
// written: that is the link from ratings to their charge (usage-summary.ts joins on it). The
// run adds up its charges while it rates (`UsageChargeTotals`, one entry per charge, however
// many records), so posting them reads nothing back. Crash-safe: the ratings of a run that
// stopped before it completed are grouped again by the next run and their sources re-added
// (a source already present is a no-op). Each charge is one line of 1 × the sum of its
// records' amounts: each record was rounded once when rated.

import { and, count, eq, inArray, max, ne, sum } from 'drizzle-orm';
import { addCharges, MAX_CHARGES_PER_BATCH, type ChargeInput } from '../billing/add-charges.js';
import type { BillingContext } from '../billing/billing-context.js';
import { subscriptions, usageRatingRuns, usageRatings } from '../db/schema/index.js';
import { describeUsageQuantity } from './describe-usage-quantity.js';

export function usageChargeSource(ratingRunId: number, subscriptionId: number, periodStart: string, ruleCode: string): string {
  return `usage:rating-${ratingRunId}:subscription-${subscriptionId}:${periodStart}:${ruleCode}`;
}

/** The totals of one usage charge: the ratings sharing a source, summed. */
export type UsageChargeTotal = {
  source: string;
  accountId: number;
  serviceIdentifier: string | null;
  periodStart: string;
  periodEnd: string;
  ruleDescription: string;
  unit: string;
  currency: string;
  glCode: string | null;
  taxCode: string | null;
  records: number;
  late: number;
  quantityMilli: number;
  includedMilli: number;
  amountCents: number;
  chargeDate: string;
};

type UsageRatingForTotals = Pick<
  typeof usageRatings.$inferInsert,
  'accountId' | 'periodStart' | 'periodEnd' | 'ruleDescription' | 'unit' | 'currency' | 'quantityMilli' | 'includedQuantityMilli' | 'amountCents' | 'chargeDate'
> & { chargeSource: string; serviceIdentifier: string; glCode: string | null; taxCode: string | null; lateFromPeriodStart: string | null };

/** A run's charges by source, added up rating by rating. */
export class UsageChargeTotals {
  readonly bySource = new Map<string, UsageChargeTotal>();

  /** Adds one rating (a row of usage_ratings, with its service identifier). */
  add(rating: UsageRatingForTotals): void {
    const total = this.bySource.get(rating.chargeSource);
    if (total === undefined) {
      this.bySource.set(rating.chargeSource, {
        source: rating.chargeSource,
        accountId: rating.accountId,
        serviceIdentifier: rating.serviceIdentifier,
        periodStart: rating.periodStart,
        periodEnd: rating.periodEnd,
        ruleDescription: rating.ruleDescription,
        unit: rating.unit,
        currency: rating.currency,
        glCode: rating.glCode,
        taxCode: rating.taxCode,
        records: 1,
        late: rating.lateFromPeriodStart === null ? 0 : 1,
        quantityMilli: rating.quantityMilli,
        includedMilli: rating.includedQuantityMilli,
        amountCents: rating.amountCents,
        chargeDate: rating.chargeDate,
      });
      return;
    }
    total.records++;
    if (rating.lateFromPeriodStart !== null) total.late++;
    total.quantityMilli += rating.quantityMilli;
    total.includedMilli += rating.includedQuantityMilli;
    total.amountCents += rating.amountCents;
    if (rating.chargeDate > total.chargeDate) total.chargeDate = rating.chargeDate;
  }
}

/**
 * Adds the charges of this run (`totals`) and of every earlier run that stopped before it
 * completed (grouped again from its ratings, then marked failed); returns how many were added.
 */
export async function postUsageCharges(ctx: BillingContext, input: { ratingRunId: number; totals: UsageChargeTotals }): Promise<number> {
  const stopped = (await ctx.db.select({ id: usageRatingRuns.id }).from(usageRatingRuns).where(and(eq(usageRatingRuns.status, 'running'), ne(usageRatingRuns.id, input.ratingRunId)))).map((run) => run.id);
  const recovered = stopped.length === 0 ? [] : await totalsOfRuns(ctx, stopped);
  // In source order, as grouping in SQL gave them: charge ids follow subscription, period and rule.
  const inputs = [...recovered, ...input.totals.bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)).map(toChargeInput);

  let added = 0;
  for (let i = 0; i < inputs.length; i += MAX_CHARGES_PER_BATCH) {
    added += (await addCharges(ctx, { charges: inputs.slice(i, i + MAX_CHARGES_PER_BATCH) })).added.length;
  }
  if (stopped.length > 0) await ctx.db.update(usageRatingRuns).set({ status: 'failed', finishedAt: ctx.now.toISOString() }).where(inArray(usageRatingRuns.id, stopped));
  return added;
}

async function totalsOfRuns(ctx: BillingContext, ratingRunIds: number[]): Promise<UsageChargeTotal[]> {
  const groups = await ctx.db
    .select({
      source: usageRatings.chargeSource,
      accountId: usageRatings.accountId,
      serviceIdentifier: subscriptions.serviceIdentifier,
      periodStart: usageRatings.periodStart,
      periodEnd: usageRatings.periodEnd,
      ruleDescription: usageRatings.ruleDescription,
      unit: usageRatings.unit,
      currency: usageRatings.currency,
      glCode: usageRatings.glCode,
      taxCode: usageRatings.taxCode,
      records: count(),
      late: count(usageRatings.lateFromPeriodStart),
      quantityMilli: sum(usageRatings.quantityMilli),
      includedMilli: sum(usageRatings.includedQuantityMilli),
      amountCents: sum(usageRatings.amountCents),
      chargeDate: max(usageRatings.chargeDate),
    })
    .from(usageRatings)
    .innerJoin(subscriptions, eq(subscriptions.id, usageRatings.subscriptionId))
    .where(inArray(usageRatings.ratingRunId, ratingRunIds))
    .groupBy(
      usageRatings.chargeSource,
      usageRatings.accountId,
      subscriptions.serviceIdentifier,
      usageRatings.periodStart,
      usageRatings.periodEnd,
      usageRatings.ruleDescription,
      usageRatings.unit,
      usageRatings.currency,
      usageRatings.glCode,
      usageRatings.taxCode,
    );
  return groups.map((group) => ({
    ...group,
    source: group.source!,
    quantityMilli: Number(group.quantityMilli),
    includedMilli: Number(group.includedMilli),
    amountCents: Number(group.amountCents),
    chargeDate: group.chargeDate!,
  }));
}

function toChargeInput(total: UsageChargeTotal): ChargeInput {
  const parts = [
    `${total.records} record${total.records === 1 ? '' : 's'}`,
    describeUsageQuantity(total.unit, total.quantityMilli),
    ...(total.includedMilli > 0 ? [`${describeUsageQuantity(total.unit, total.includedMilli)} included`] : []),
    ...(total.late > 0 ? [`${total.late} late from an earlier period`] : []),
  ];
  return {
    source: total.source,
    accountId: total.accountId,
    kind: 'usage',
    productId: null,
    description: `${total.ruleDescription} ${total.serviceIdentifier ?? ''}, ${total.periodStart} to ${total.periodEnd}: ${parts.join(', ')}`.slice(0, 500),
    chargeDate: total.chargeDate,
    quantityMilli: 1000,
    unitPriceCents: total.amountCents,
    currency: total.currency,
    taxCode: total.taxCode,
    glCode: total.glCode,
  };
}
