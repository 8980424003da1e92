// The usage summary of an invoice: per service and rule, how many records, how much usage,
// how much the allowances absorbed, and what was charged. The invoice document prints it in
// its usage section; every figure is a sum of per-record ratings.

import { and, count, eq, inArray, sum } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges, subscriptions, usageRatings } from '../db/schema/index.js';
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
    (await db.select({ id: charges.id }).from(charges).where(and(eq(charges.invoiceId, input.invoiceId ?? -1), eq(charges.kind, 'usage')))).map((row) => row.id);
  if (chargeIds.length === 0) return [];
  // A rating names its charge by source (post-usage-charges.ts).
  const rows = await db
    .select({
      chargeId: charges.id,
      subscriptionId: usageRatings.subscriptionId,
      serviceIdentifier: subscriptions.serviceIdentifier,
      periodStart: usageRatings.periodStart,
      periodEnd: usageRatings.periodEnd,
      ruleCode: usageRatings.ruleCode,
      ruleDescription: usageRatings.ruleDescription,
      unit: usageRatings.unit,
      currency: usageRatings.currency,
      records: count(),
      quantityMilli: sum(usageRatings.quantityMilli),
      includedQuantityMilli: sum(usageRatings.includedQuantityMilli),
      chargedQuantityMilli: sum(usageRatings.chargedQuantityMilli),
      amountCents: sum(usageRatings.amountCents),
    })
    .from(charges)
    .innerJoin(usageRatings, eq(usageRatings.chargeSource, charges.source))
    .innerJoin(subscriptions, eq(subscriptions.id, usageRatings.subscriptionId))
    .where(inArray(charges.id, chargeIds.slice(0, 5000)))
    .groupBy(charges.id, usageRatings.subscriptionId, subscriptions.serviceIdentifier, usageRatings.periodStart, usageRatings.periodEnd, usageRatings.ruleCode, usageRatings.ruleDescription, usageRatings.unit, usageRatings.currency)
    .orderBy(subscriptions.serviceIdentifier, usageRatings.ruleCode);
  return rows.map((row) => {
    const included = Number(row.includedQuantityMilli);
    const quantity = Number(row.quantityMilli);
    return {
      ...row,
      quantityMilli: quantity,
      includedQuantityMilli: included,
      chargedQuantityMilli: Number(row.chargedQuantityMilli),
      amountCents: Number(row.amountCents),
      text: [describeUsageQuantity(row.unit, quantity), ...(included > 0 ? [`${describeUsageQuantity(row.unit, included)} included`] : [])].join(', '),
    };
  });
}
