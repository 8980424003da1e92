// Reads what building invoices needs for a batch of accounts in a fixed number of queries
// (never one per account), so a run over thousands of accounts stays fast.
import { and, count, inArray, isNotNull, isNull, max, min, sum } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { selectRows } from '../db/select-rows.js';
import { charges, invoiceLines, invoices, subscriptions, subscriptionTerms, taxCodes } from '../db/schema/index.js';
import type { InclusionTree } from './apply-inclusions.js';
import type { PlanWithParts } from './get-plan.js';
import type { BillableSubscription } from './recurring-fees.js';

export type InvoiceHeader = Pick<
  typeof invoices.$inferSelect,
  'id' | 'accountId' | 'kind' | 'status' | 'periodStart' | 'contentHash' | 'inputsDigest'
>;
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

export type BilledRow = { invoiceId: number; subscriptionId: number; feePeriodStart: string; cents: number };
export type ConsumedRow = { invoiceId: number; inclusionKey: string; inclusionPeriodStart: string; milli: number };
/** Which charges an invoice holds, in brief (count, sum, least and greatest id): enough to notice any change. */
export type HeldChargesSummary = { count: number; sum: number; min: number | null; max: number | null };

export type BatchInputs = {
  invoicesByAccount: Map<number, InvoiceHeader[]>;
  treesByAccount: Map<number, InclusionTree[]>;
  /** Fee cents billed per invoice, subscription and fee period (credit notes left out), by account. */
  billedByAccount: Map<number, BilledRow[]>;
  /** Inclusion thousandths used per invoice, inclusion and period, by account. */
  consumedByAccount: Map<number, ConsumedRow[]>;
  /** Charges no invoice holds yet, due or not, by account. */
  pendingByAccount: Map<number, LoadedCharge[]>;
  /** What each draft of these accounts holds (its charges themselves are read only for a rebuild: `loadDraftCharges`). */
  heldByDraft: Map<number, HeldChargesSummary>;
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
 * Everything about `accountIds` an invoice build reads, but the charges their drafts already
 * hold: those are the bulk of a re-run's reading, and a draft whose inputs did not change is
 * not rebuilt (run-invoices.ts), so they are read apart, for the drafts being rebuilt.
 */
export async function loadBatchInputs(db: DbOrTx, accountIds: number[], plansById: Map<number, PlanWithParts>): Promise<BatchInputs> {
  const headers = await inChunks(accountIds, (chunk) =>
    db
      .select({
        id: invoices.id,
        accountId: invoices.accountId,
        kind: invoices.kind,
        status: invoices.status,
        periodStart: invoices.periodStart,
        contentHash: invoices.contentHash,
        inputsDigest: invoices.inputsDigest,
      })
      .from(invoices)
      .where(inArray(invoices.accountId, chunk)),
  );
  const invoicesByAccount = groupBy(headers, (row) => row.accountId);

  const subscriptionRows = await inChunks(accountIds, (chunk) =>
    db.select().from(subscriptions).where(inArray(subscriptions.accountId, chunk)),
  );
  const subscriptionIds = subscriptionRows.map((row) => row.id);
  const termRows = await inChunks(subscriptionIds, (chunk) =>
    db.select().from(subscriptionTerms).where(inArray(subscriptionTerms.subscriptionId, chunk)),
  );
  const termsBySubscription = groupBy(termRows, (row) => row.subscriptionId);

  const toBillable = (row: (typeof subscriptionRows)[number]): BillableSubscription => ({
    id: row.id,
    rootSubscriptionId: row.rootSubscriptionId ?? row.id,
    startDate: row.startDate,
    endDate: row.endDate,
    serviceIdentifier: row.serviceIdentifier,
    terms: (termsBySubscription.get(row.id) ?? []).map(({ effectiveFrom, quantityMilli, unitPriceOverrideCents }) => ({
      effectiveFrom,
      quantityMilli,
      unitPriceOverrideCents,
    })),
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
  const accountOfSubscription = new Map(subscriptionRows.map((row) => [row.id, row.accountId]));
  const billedRows: BilledRow[] = (
    await inChunks(subscriptionIds, (chunk) =>
      db
        .select({
          invoiceId: invoiceLines.invoiceId,
          subscriptionId: invoiceLines.subscriptionId,
          feePeriodStart: invoiceLines.feePeriodStart,
          cents: sum(invoiceLines.amountCents),
        })
        .from(invoiceLines)
        .where(and(inArray(invoiceLines.subscriptionId, chunk), isNotNull(invoiceLines.feePeriodStart)))
        .groupBy(invoiceLines.invoiceId, invoiceLines.subscriptionId, invoiceLines.feePeriodStart),
    )
  )
    // Credit notes are final corrections: they never re-open a period's fee.
    .filter((row) => isInvoice.has(row.invoiceId))
    .map((row) => ({
      invoiceId: row.invoiceId,
      subscriptionId: row.subscriptionId!,
      feePeriodStart: row.feePeriodStart!,
      cents: Number(row.cents),
    }));

  const hasInclusions = [...treesByAccount.values()].some((trees) => trees.some((tree) => tree.inclusions.length > 0));
  const accountOfInvoice = new Map(headers.map((header) => [header.id, header.accountId]));
  const consumedRows: ConsumedRow[] = !hasInclusions
    ? []
    : (
        await inChunks(invoiceIds, (chunk) =>
          db
            .select({
              invoiceId: invoiceLines.invoiceId,
              inclusionKey: invoiceLines.inclusionKey,
              inclusionPeriodStart: invoiceLines.inclusionPeriodStart,
              milli: sum(invoiceLines.includedQuantityMilli),
            })
            .from(invoiceLines)
            .where(and(inArray(invoiceLines.invoiceId, chunk), isNotNull(invoiceLines.inclusionKey)))
            .groupBy(invoiceLines.invoiceId, invoiceLines.inclusionKey, invoiceLines.inclusionPeriodStart),
        )
      ).map((row) => ({
        invoiceId: row.invoiceId,
        inclusionKey: row.inclusionKey!,
        inclusionPeriodStart: row.inclusionPeriodStart!,
        milli: Number(row.milli),
      }));

  // The pending charges, read packed (db/select-rows.ts): a first run reads hundreds of thousands.
  const pending = await inChunks(accountIds, (chunk) =>
    selectRows(
      db,
      db
        .select(chargeColumns)
        .from(charges)
        .where(and(inArray(charges.accountId, chunk), isNull(charges.invoiceId))),
    ),
  );

  // What each draft holds, in brief: served by the (account_id, invoice_id) index alone.
  const drafts = headers.filter((header) => header.status === 'draft');
  const heldByDraft = new Map<number, HeldChargesSummary>();
  const held = await inChunks(drafts, (chunk) =>
    db
      .select({ invoiceId: charges.invoiceId, count: count(), sum: sum(charges.id), min: min(charges.id), max: max(charges.id) })
      .from(charges)
      .where(
        and(
          inArray(charges.accountId, [...new Set(chunk.map((draft) => draft.accountId))]),
          inArray(
            charges.invoiceId,
            chunk.map((draft) => draft.id),
          ),
        ),
      )
      .groupBy(charges.invoiceId),
  );
  for (const row of held) heldByDraft.set(row.invoiceId!, { count: row.count, sum: Number(row.sum), min: row.min, max: row.max });

  return {
    invoicesByAccount,
    treesByAccount,
    billedByAccount: groupBy(billedRows, (row) => accountOfSubscription.get(row.subscriptionId)!),
    consumedByAccount: groupBy(consumedRows, (row) => accountOfInvoice.get(row.invoiceId)!),
    pendingByAccount: groupBy(pending, (row) => row.accountId),
    heldByDraft,
  };
}

/** The charges that `drafts` (invoice id → account id) hold, by draft id. */
export async function loadDraftCharges(db: DbOrTx, drafts: ReadonlyMap<number, number>): Promise<Map<number, LoadedCharge[]>> {
  const draftIds = [...drafts.keys()];
  const rows = await inChunks(draftIds, (chunk) =>
    selectRows(
      db,
      db
        .select(chargeColumns)
        .from(charges)
        .where(and(inArray(charges.accountId, [...new Set(chunk.map((id) => drafts.get(id)!))]), inArray(charges.invoiceId, chunk))),
    ),
  );
  return groupBy(rows, (row) => row.invoiceId!);
}

/** What a summary says `chargeIds` are (the charges an invoice will hold). */
export function summarizeCharges(chargeIds: readonly number[]): HeldChargesSummary {
  let sum = 0;
  let least: number | null = null;
  let greatest: number | null = null;
  for (const id of chargeIds) {
    sum += id;
    if (least === null || id < least) least = id;
    if (greatest === null || id > greatest) greatest = id;
  }
  return { count: chargeIds.length, sum, min: least, max: greatest };
}
