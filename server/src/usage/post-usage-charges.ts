// Turns ratings into usage charges on the billing core: one charge per subscription, billing
// period and rule per rating run, carrying the usage summary in its description, for the
// next invoice (billed in arrears, billing/README.md).
//
// Idempotent and crash-safe: every rating carries its charge's `source` from the moment it is
// written, so a run that stops between adding a charge and linking it re-adds the same source
// (which the billing core reports as already present) and links it then. Each charge is one
// line of 1 × the sum of its records' amounts: each record was rounded once when rated.

import { and, count, eq, isNull, max, sql, sum } from 'drizzle-orm';
import { addCharges, MAX_CHARGES_PER_BATCH, type ChargeInput } from '../billing/add-charges.js';
import type { BillingContext } from '../billing/billing-context.js';
import { charges, subscriptions, usageRatings } from '../db/schema/index.js';
import { describeUsageQuantity } from './describe-usage-quantity.js';

export function usageChargeSource(ratingRunId: number, subscriptionId: number, periodStart: string, ruleCode: string): string {
  return `usage:rating-${ratingRunId}:subscription-${subscriptionId}:${periodStart}:${ruleCode}`;
}

/** Adds the charges of every rating not yet charged (this run's and any a stopped run left); returns how many were added. */
export async function postUsageCharges(ctx: BillingContext, _input: { ratingRunId: number }): Promise<number> {
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
    .where(isNull(usageRatings.chargeId))
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

  const inputs: ChargeInput[] = groups.map((group) => {
    const amountCents = Number(group.amountCents);
    const included = Number(group.includedMilli);
    const parts = [
      `${group.records} record${group.records === 1 ? '' : 's'}`,
      describeUsageQuantity(group.unit, Number(group.quantityMilli)),
      ...(included > 0 ? [`${describeUsageQuantity(group.unit, included)} included`] : []),
      ...(group.late > 0 ? [`${group.late} late from an earlier period`] : []),
    ];
    return {
      source: group.source!,
      accountId: group.accountId,
      kind: 'usage',
      productId: null,
      description: `${group.ruleDescription} ${group.serviceIdentifier ?? ''}, ${group.periodStart} to ${group.periodEnd}: ${parts.join(', ')}`.slice(0, 500),
      chargeDate: group.chargeDate!,
      quantityMilli: 1000,
      unitPriceCents: amountCents,
      currency: group.currency,
      taxCode: group.taxCode,
      glCode: group.glCode,
    };
  });

  let added = 0;
  for (let i = 0; i < inputs.length; i += MAX_CHARGES_PER_BATCH) {
    added += (await addCharges(ctx, { charges: inputs.slice(i, i + MAX_CHARGES_PER_BATCH) })).added.length;
  }
  if (inputs.length > 0) {
    await ctx.db
      .update(usageRatings)
      .set({ chargeId: sql`(select ${charges.id} from ${charges} where ${charges.source} = ${usageRatings.chargeSource})` })
      .where(and(isNull(usageRatings.chargeId)));
  }
  return added;
}
