// Glue between the batch reads (load-invoice-inputs.ts) and the pure build (build-invoice.ts).
import type { AccountRow } from './account-fields.js';
import type { AccountPeriod } from './account-periods.js';
import { buildInvoice, type BuiltInvoice, isChargeDue } from './build-invoice.js';
import type { BatchInputs } from './load-invoice-inputs.js';
import { ledgerKey } from './recurring-fees.js';

/** Builds one account's invoice for `period` (null = immediate), leaving out `ownInvoiceId`'s own lines from the ledgers. */
export function buildAccountInvoice(account: AccountRow, period: AccountPeriod | null, inputs: BatchInputs, taxRates: ReadonlyMap<string, number | null>, ownInvoiceId: number | null): BuiltInvoice {
  const trees = inputs.treesByAccount.get(account.id) ?? [];
  const subscriptionIds = new Set(trees.flatMap((tree) => [tree.root.id, ...tree.parts.map((part) => part.id)]));
  const accountInvoiceIds = new Set((inputs.invoicesByAccount.get(account.id) ?? []).map((header) => header.id));
  const billed = new Map<string, number>();
  for (const row of inputs.billedRows) {
    if (row.invoiceId === ownInvoiceId || !subscriptionIds.has(row.subscriptionId)) continue;
    const key = ledgerKey(row.subscriptionId, row.feePeriodStart);
    billed.set(key, (billed.get(key) ?? 0) + row.cents);
  }
  const consumed = new Map<string, number>();
  for (const row of inputs.consumedRows) {
    if (row.invoiceId === ownInvoiceId || !accountInvoiceIds.has(row.invoiceId)) continue;
    const key = `${row.inclusionKey}|${row.inclusionPeriodStart}`;
    consumed.set(key, (consumed.get(key) ?? 0) + row.milli);
  }
  const due = (inputs.chargesByAccount.get(account.id) ?? []).filter((charge) => isChargeDue(charge, period, ownInvoiceId));
  return buildInvoice({ account, invoicePeriod: period, trees, billed, charges: due, consumed, taxRates });
}
