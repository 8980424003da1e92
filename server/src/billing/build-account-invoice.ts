// Glue between the batch reads (load-invoice-inputs.ts) and the pure build (build-invoice.ts),
// and the digest of a build's inputs that lets a re-run skip drafts whose inputs did not change.
import { createHash } from 'node:crypto';
import type { AccountRow } from './account-fields.js';
import type { AccountPeriod } from './account-periods.js';
import type { InclusionTree } from './apply-inclusions.js';
import { buildInvoice, type BuiltInvoice, isChargeDue } from './build-invoice.js';
import type { BatchInputs, HeldChargesSummary, LoadedCharge } from './load-invoice-inputs.js';
import { ledgerKey } from './recurring-fees.js';

/**
 * Raise when the build's rules change (build-invoice.ts and the files it calls), so that
 * drafts built by the old rules are rebuilt by the next run instead of skipped as unchanged.
 */
const BUILD_RULES_VERSION = 1;

/** One account's inputs for the invoice of `period` (null = immediate), leaving out `ownInvoiceId`'s own lines from the ledgers. */
export type AccountInvoiceInputs = {
  trees: readonly InclusionTree[];
  billed: Map<string, number>;
  consumed: Map<string, number>;
  /** Pending charges due on this invoice (those it already holds come apart: `buildAccountInvoice`). */
  dueCharges: LoadedCharge[];
};

export function accountInvoiceInputs(
  account: AccountRow,
  period: AccountPeriod | null,
  inputs: BatchInputs,
  ownInvoiceId: number | null,
): AccountInvoiceInputs {
  const trees = inputs.treesByAccount.get(account.id) ?? [];
  const subscriptionIds = new Set(trees.flatMap((tree) => [tree.root.id, ...tree.parts.map((part) => part.id)]));
  const billed = new Map<string, number>();
  for (const row of inputs.billedByAccount.get(account.id) ?? []) {
    if (row.invoiceId === ownInvoiceId || !subscriptionIds.has(row.subscriptionId)) continue;
    const key = ledgerKey(row.subscriptionId, row.feePeriodStart);
    billed.set(key, (billed.get(key) ?? 0) + row.cents);
  }
  const consumed = new Map<string, number>();
  for (const row of inputs.consumedByAccount.get(account.id) ?? []) {
    if (row.invoiceId === ownInvoiceId) continue;
    const key = `${row.inclusionKey}|${row.inclusionPeriodStart}`;
    consumed.set(key, (consumed.get(key) ?? 0) + row.milli);
  }
  const dueCharges = (inputs.pendingByAccount.get(account.id) ?? []).filter((charge) => isChargeDue(charge, period, ownInvoiceId));
  return { trees, billed, consumed, dueCharges };
}

/** Builds one account's invoice from its inputs and the charges its draft already holds. */
export function buildAccountInvoice(
  account: AccountRow,
  period: AccountPeriod | null,
  inputs: AccountInvoiceInputs,
  taxRates: ReadonlyMap<string, number | null>,
  heldCharges: readonly LoadedCharge[],
): BuiltInvoice {
  const charges = heldCharges.length === 0 ? inputs.dueCharges : [...heldCharges, ...inputs.dueCharges];
  return buildInvoice({
    account,
    invoicePeriod: period,
    trees: inputs.trees,
    billed: inputs.billed,
    charges,
    consumed: inputs.consumed,
    taxRates,
  });
}

/**
 * A digest of everything a draft's build reads but its charges' content: the period, the
 * account's cycle and tax profile, its subscriptions (terms, plans, inclusions), what other
 * invoices billed and consumed, the tax rates, and which charges the draft holds (`held`).
 * A charge never changes once an invoice holds it (replace-pending-charge.ts refuses), so
 * the same digest and no new charge due means the same invoice: a re-run skips the build.
 */
export function invoiceInputsDigest(
  account: AccountRow,
  period: AccountPeriod | null,
  inputs: AccountInvoiceInputs,
  taxRates: ReadonlyMap<string, number | null>,
  held: HeldChargesSummary,
): string {
  const sorted = (map: ReadonlyMap<string, number | null>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { id, openedOn, billingDay, periodMonths, anchor, currency, taxExempt, taxRateBasisPoints } = account;
  return createHash('sha256')
    .update(
      JSON.stringify({
        rules: BUILD_RULES_VERSION,
        period,
        account: { id, openedOn, billingDay, periodMonths, anchor, currency, taxExempt, taxRateBasisPoints },
        trees: inputs.trees,
        billed: sorted(inputs.billed),
        consumed: sorted(inputs.consumed),
        taxRates: sorted(taxRates),
        held,
      }),
    )
    .digest('hex');
}
