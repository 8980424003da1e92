// Reads what building invoices needs for a batch of accounts in a fixed number of queries
// (never one per account), so a run over thousands of accounts stays fast.
import { and, inArray, isNotNull, isNull, sum } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges, invoiceLines, invoices, subscriptions, subscriptionTerms, taxCodes } from '../db/schema/index.js';
import type { InclusionTree } from './apply-inclusions.js';
import type { PlanWithParts } from './get-plan.js';
import type { BillableSubscription } from './recurring-fees.js';

export type InvoiceHeader = Pick<typeof invoices.$inferSelect, 'id' | 'accountId' | 'kind' | 'status' | 'periodStart' | 'contentHash'>;
// Only what a build reads: a run reads hundreds of thousands of charges, and every column costs.
const chargeColumns = {
  id: charges.id,
  accountId: charges.accountId,
  kind: charges.kind,
  productId: charges.productId,
  description: charges.description,
  chargeDate: charges.chargeDate,
  quantityMilli: charges.quantityMilli,
  unitPriceCents: charges.unitPriceCents,
  amountCents: charges.amountCents,
  taxCode: charges.taxCode,
  glCode: charges.glCode,
  invoiceId: charges.invoiceId,
};
export type LoadedCharge = { [K in keyof typeof chargeColumns]: (typeof charges.$inferSelect)[K] };

export type BatchInputs = {
  invoicesByAccount: Map<number, InvoiceHeader[]>;
  treesByAccount: Map<number, InclusionTree[]>;
  /** Fee cents billed per invoice, subscription and fee period (credit notes left out). */
  billedRows: { invoiceId: number; subscriptionId: number; feePeriodStart: string; cents: number }[];
  consumedRows: { invoiceId: number; inclusionKey: string; inclusionPeriodStart: string; milli: number }[];
  chargesByAccount: Map<number, LoadedCharge[]>;
};

const IN_CHUNK = 500;

async function inChunks<T, R>(values: readonly T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) results.push(...(await query(values.slice(i, i + IN_CHUNK))));
  return results;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Tax code rates (null = exempt); codes absent here take the account's rate. */
export async function loadTaxRates(db: DbOrTx): Promise<Map<string, number | null>> {
  return new Map((await db.select().from(taxCodes)).map((row) => [row.code, row.rateBasisPoints]));
}

/**
 * Everything about `accountIds` an invoice build reads; the charges of their drafts are
 * loaded with the pending ones, since refreshing a draft rebuilds it from all of them.
 */
export async function loadBatchInputs(db: DbOrTx, accountIds: number[], plansById: Map<number, PlanWithParts>): Promise<BatchInputs> {
  const headers = await inChunks(accountIds, (chunk) =>
      db
        .select({ id: invoices.id, accountId: invoices.accountId, kind: invoices.kind, status: invoices.status, periodStart: invoices.periodStart, contentHash: invoices.contentHash })
        .from(invoices)
        .where(inArray(invoices.accountId, chunk)),
  );
  const invoicesByAccount = groupBy(headers, (row) => row.accountId);

  const subscriptionRows = await inChunks(accountIds, (chunk) => db.select().from(subscriptions).where(inArray(subscriptions.accountId, chunk)));
  const subscriptionIds = subscriptionRows.map((row) => row.id);
  const termRows = await inChunks(subscriptionIds, (chunk) => db.select().from(subscriptionTerms).where(inArray(subscriptionTerms.subscriptionId, chunk)));
  const termsBySubscription = groupBy(termRows, (row) => row.subscriptionId);

  const toBillable = (row: (typeof subscriptionRows)[number]): BillableSubscription => ({
    id: row.id,
    rootSubscriptionId: row.rootSubscriptionId ?? row.id,
    startDate: row.startDate,
    endDate: row.endDate,
    serviceIdentifier: row.serviceIdentifier,
    terms: (termsBySubscription.get(row.id) ?? []).map(({ effectiveFrom, quantityMilli, unitPriceOverrideCents }) => ({ effectiveFrom, quantityMilli, unitPriceOverrideCents })),
    plan: plansById.get(row.planId)!,
  });
  const treesByAccount = new Map<number, InclusionTree[]>();
  for (const [accountId, rows] of groupBy(subscriptionRows, (row) => row.accountId)) {
    const billable = rows.map(toBillable);
    const trees = billable
      .filter((subscription) => subscription.rootSubscriptionId === subscription.id)
      .map((root) => ({
        root,
        parts: billable.filter((part) => part.rootSubscriptionId === root.id && part.id !== root.id),
        inclusions: plansById.get(rows.find((row) => row.id === root.id)!.planId)!.inclusions,
      }));
    treesByAccount.set(accountId, trees);
  }

  const invoiceIds = headers.filter((header) => header.kind === 'invoice').map((header) => header.id);
  const isInvoice = new Set(invoiceIds);
  const billedRows = (
    await inChunks(subscriptionIds, (chunk) =>
      db
        .select({ invoiceId: invoiceLines.invoiceId, subscriptionId: invoiceLines.subscriptionId, feePeriodStart: invoiceLines.feePeriodStart, cents: sum(invoiceLines.amountCents) })
        .from(invoiceLines)
        .where(and(inArray(invoiceLines.subscriptionId, chunk), isNotNull(invoiceLines.feePeriodStart)))
        .groupBy(invoiceLines.invoiceId, invoiceLines.subscriptionId, invoiceLines.feePeriodStart),
    )
  )
    // Credit notes are final corrections: they never re-open a period's fee.
    .filter((row) => isInvoice.has(row.invoiceId))
    .map((row) => ({ invoiceId: row.invoiceId, subscriptionId: row.subscriptionId!, feePeriodStart: row.feePeriodStart!, cents: Number(row.cents) }));

  const hasInclusions = [...treesByAccount.values()].some((trees) => trees.some((tree) => tree.inclusions.length > 0));
  const consumedRows = !hasInclusions
    ? []
    : (
        await inChunks(invoiceIds, (chunk) =>
          db
            .select({ invoiceId: invoiceLines.invoiceId, inclusionKey: invoiceLines.inclusionKey, inclusionPeriodStart: invoiceLines.inclusionPeriodStart, milli: sum(invoiceLines.includedQuantityMilli) })
            .from(invoiceLines)
            .where(and(inArray(invoiceLines.invoiceId, chunk), isNotNull(invoiceLines.inclusionKey)))
            .groupBy(invoiceLines.invoiceId, invoiceLines.inclusionKey, invoiceLines.inclusionPeriodStart),
        )
      ).map((row) => ({ invoiceId: row.invoiceId, inclusionKey: row.inclusionKey!, inclusionPeriodStart: row.inclusionPeriodStart!, milli: Number(row.milli) }));

  const draftIds = headers.filter((header) => header.status === 'draft').map((header) => header.id);
  const chargeRows = [
    ...(await inChunks(accountIds, (chunk) => db.select(chargeColumns).from(charges).where(and(inArray(charges.accountId, chunk), isNull(charges.invoiceId))))),
    ...(await inChunks(draftIds, (chunk) =>
      db
        .select(chargeColumns)
        .from(charges)
        .where(and(inArray(charges.accountId, [...new Set(headers.filter((header) => chunk.includes(header.id)).map((header) => header.accountId))]), inArray(charges.invoiceId, chunk))),
    )),
  ];
  return { invoicesByAccount, treesByAccount, billedRows, consumedRows, chargesByAccount: groupBy(chargeRows, (row) => row.accountId) };
}
