// The usage summary of an invoice: per service and rule, how many records, how much usage,
// how much the allowances absorbed, and what was charged. The invoice document prints it in
// its usage section; every figure is a sum of per-record ratings, kept on the charge's rating
// group (written when the rating run posted the charge, post-usage-charges.ts).

import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges, subscriptions, usageRatingGroups } from '../db/schema/index.js';
import { describeUsageQuantity } from './describe-usage-quantity.js';

export type UsageSummaryLine = {
  chargeId: number;
  subscriptionId: number;
  serviceIdentifier: string | null;
  periodStart: string;
  periodEnd: string;
  ruleCode: string;
  ruleDescription: string;
  unit: string;
  records: number;
  quantityMilli: number;
  includedQuantityMilli: number;
  chargedQuantityMilli: number;
  amountCents: number;
  currency: string;
  /** e.g. "312.5 min, 300 min included". */
  text: string;
};

export async function usageSummary(db: DbOrTx, input: { invoiceId?: number; chargeIds?: number[] }): Promise<UsageSummaryLine[]> {
  const chargeIds =
    input.chargeIds ??
    (
      await db
        .select({ id: charges.id })
        .from(charges)
        .where(and(eq(charges.invoiceId, input.invoiceId ?? -1), eq(charges.kind, 'usage')))
    ).map((row) => row.id);
  if (chargeIds.length === 0) return [];
  // A group names its charge by source.
  const rows = await db
    .select({
      chargeId: charges.id,
      subscriptionId: usageRatingGroups.subscriptionId,
      serviceIdentifier: subscriptions.serviceIdentifier,
      periodStart: usageRatingGroups.periodStart,
      periodEnd: usageRatingGroups.periodEnd,
      ruleCode: usageRatingGroups.ruleCode,
      ruleDescription: usageRatingGroups.ruleDescription,
      unit: usageRatingGroups.unit,
      currency: usageRatingGroups.currency,
      records: usageRatingGroups.records,
      quantityMilli: usageRatingGroups.quantityMilli,
      includedQuantityMilli: usageRatingGroups.includedQuantityMilli,
      chargedQuantityMilli: usageRatingGroups.chargedQuantityMilli,
      amountCents: usageRatingGroups.amountCents,
    })
    .from(charges)
    .innerJoin(usageRatingGroups, eq(usageRatingGroups.chargeSource, charges.source))
    .leftJoin(subscriptions, eq(subscriptions.id, usageRatingGroups.subscriptionId))
    .where(inArray(charges.id, chargeIds.slice(0, 5000)))
    .orderBy(subscriptions.serviceIdentifier, usageRatingGroups.ruleCode);
  return rows.map((row) => ({
    ...row,
    text: [
      describeUsageQuantity(row.unit, row.quantityMilli),
      ...(row.includedQuantityMilli > 0 ? [`${describeUsageQuantity(row.unit, row.includedQuantityMilli)} included`] : []),
    ].join(', '),
  }));
}
