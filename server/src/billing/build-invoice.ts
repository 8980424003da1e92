// One account's invoice, computed from what is owed (pure: no database).
//
// What goes on the invoice for period P (`invoicePeriod`):
// - recurring fees in advance for P, and the settlement of earlier periods (recurring-fees.ts);
// - labour, usage, product and expense charges in arrears: those dated before P starts;
// - one-off (setup fees) and adjustment charges dated before P ends (they are due with P);
// - the charges a draft already holds, whatever their date (a draft never drops a charge).
// An immediate invoice (no period) takes every pending charge and no recurring fee.
// Inclusions are applied to charges (apply-inclusions.ts), then tax per line (tax.ts), and
// the totals are exact sums of the lines.

import { createHash } from 'node:crypto';
import { lineAmountCents, sumCents } from '../../../shared/money.js';
import type { InvoiceSection } from '../db/schema/index.js';
import type { AccountCycle, AccountPeriod } from './account-periods.js';
import { type Absorption, applyInclusions, type InclusionTree } from './apply-inclusions.js';
import { recurringLinesForInvoice } from './recurring-fees.js';
import { taxForLine, type TaxRate } from './tax.js';

export type BillingAccount = AccountCycle & { id: number; taxExempt: boolean; taxRateBasisPoints: number };

export type PendingCharge = {
  id: number;
  kind: 'labour' | 'product' | 'expense' | 'usage' | 'adjustment' | 'one-off';
  productId: number | null;
  description: string;
  chargeDate: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  taxCode: string | null;
  glCode: string | null;
  /** Set when the charge already sits on the draft being refreshed. */
  invoiceId: number | null;
};

export type DraftLine = {
  position: number;
  section: InvoiceSection;
  lineKind: 'recurring' | 'discount' | 'adjustment' | 'charge';
  description: string;
  groupLabel: string | null;
  subscriptionId: number | null;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
  feePeriodStart: string | null;
  chargeId: number | null;
  quantityMilli: number;
  includedQuantityMilli: number;
  inclusionKey: string | null;
  inclusionPeriodStart: string | null;
  unitPriceCents: number;
  amountCents: number;
  taxCode: string;
  taxRateBasisPoints: number | null;
  taxCents: number;
  glCode: string | null;
};

export type BuiltInvoice = {
  lines: DraftLine[];
  netCents: number;
  taxCents: number;
  totalCents: number;
  contentHash: string;
  chargeIds: number[];
};

export type BuildInvoiceInput = {
  account: BillingAccount;
  /** Absent for an immediate invoice. */
  invoicePeriod: AccountPeriod | null;
  trees: readonly InclusionTree[];
  /** Cents billed on other invoices by `${subscriptionId}|${feePeriodStart}`. */
  billed: ReadonlyMap<string, number>;
  /** Pending charges of the account, and those already on this draft. */
  charges: readonly PendingCharge[];
  /** Inclusion thousandths consumed on other invoices by `${inclusionKey}|${periodStart}`. */
  consumed: ReadonlyMap<string, number>;
  /** Rates of tax codes that have one (null = exempt); other codes take the account's rate. */
  taxRates: ReadonlyMap<string, number | null>;
};

/** Kinds billed in arrears; the others are due with the period they fall in. */
export const ARREARS_KINDS: ReadonlySet<PendingCharge['kind']> = new Set(['labour', 'usage', 'product', 'expense']);
const SECTION_OF_KIND: Record<PendingCharge['kind'], InvoiceSection> = {
  labour: 'labour',
  product: 'products',
  expense: 'expenses',
  usage: 'services',
  'one-off': 'services',
  adjustment: 'other',
};
const SECTION_RANK: Record<InvoiceSection, number> = { services: 0, labour: 1, products: 2, expenses: 3, other: 4 };

/** Whether a pending charge is billed on the invoice for `period` (see the rule above). */
export function isChargeDue(
  charge: Pick<PendingCharge, 'kind' | 'chargeDate' | 'invoiceId'>,
  period: AccountPeriod | null,
  draftId: number | null,
): boolean {
  if (draftId !== null && charge.invoiceId === draftId) return true;
  if (charge.invoiceId !== null) return false;
  if (period === null) return true;
  return charge.chargeDate < (ARREARS_KINDS.has(charge.kind) ? period.start : period.end);
}

export function buildInvoice(input: BuildInvoiceInput): BuiltInvoice {
  const { account, invoicePeriod } = input;
  const rateOf = (taxCode: string): TaxRate => {
    if (account.taxExempt) return 'exempt';
    const rate = input.taxRates.get(taxCode);
    return rate === undefined ? account.taxRateBasisPoints : rate === null ? 'exempt' : rate;
  };

  // Services first: each bundle's current fees (access fee, parts, discount last), then its
  // settlements of earlier periods; charges follow, by section, then by date (then id).
  // A run builds hundreds of thousands of charge lines: each is made once, in its final
  // shape, and sorted by a comparison of its fields rather than of a built string.
  const feeLines =
    invoicePeriod === null
      ? []
      : input.trees.flatMap((tree, treeIndex) =>
          recurringLinesForInvoice(account, tree, invoicePeriod, input.billed).map((line) => ({ line, treeIndex })),
        );
  const absorbed = applyInclusions(account, input.trees, input.charges, input.consumed);

  const fees = feeLines
    .map(({ line, treeIndex }, index) => ({
      line: {
        ...line,
        section: 'services' as const,
        chargeId: null,
        includedQuantityMilli: 0,
        inclusionKey: null,
        inclusionPeriodStart: null,
        position: 0,
        taxRateBasisPoints: null as number | null,
        taxCents: 0,
      },
      sortKey: [
        pad(treeIndex),
        line.feePeriodStart === invoicePeriod!.start ? '0' : '1',
        line.lineKind === 'discount' ? '1' : '0',
        pad(line.subscriptionId),
        line.servicePeriodStart,
        pad(index),
      ].join('|'),
    }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ line }) => line);
  const charges = [...input.charges].sort((a, b) => {
    const bySection = SECTION_RANK[SECTION_OF_KIND[a.kind]] - SECTION_RANK[SECTION_OF_KIND[b.kind]];
    if (bySection !== 0) return bySection;
    if (a.chargeDate !== b.chargeDate) return a.chargeDate < b.chargeDate ? -1 : 1;
    return a.id - b.id;
  });

  const lines: DraftLine[] = [...fees, ...charges.map((charge) => chargeLine(charge, absorbed.get(charge.id)))];
  const amounts: number[] = [];
  const taxes: number[] = [];
  for (let position = 0; position < lines.length; position++) {
    const line = lines[position];
    const rate = rateOf(line.taxCode);
    line.position = position;
    line.taxRateBasisPoints = rate === 'exempt' ? null : rate;
    line.taxCents = taxForLine(line.amountCents, rate);
    amounts.push(line.amountCents);
    taxes.push(line.taxCents);
  }
  const netCents = sumCents(amounts);
  const taxCents = sumCents(taxes);
  return {
    lines,
    netCents,
    taxCents,
    totalCents: sumCents([netCents, taxCents]),
    contentHash: createHash('sha256')
      .update(JSON.stringify({ period: invoicePeriod, lines }))
      .digest('hex'),
    chargeIds: input.charges.map((charge) => charge.id),
  };
}

/** A charge's line; `position` and tax are set once the lines are in order (the hash depends on this key order). */
function chargeLine(charge: PendingCharge, absorption: Absorption | undefined): DraftLine {
  const included = absorption?.includedQuantityMilli ?? 0;
  return {
    section: SECTION_OF_KIND[charge.kind],
    lineKind: 'charge',
    description: charge.description,
    groupLabel: charge.kind === 'usage' ? 'Usage' : charge.kind === 'one-off' ? 'One-off charges' : null,
    subscriptionId: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    feePeriodStart: null,
    chargeId: charge.id,
    quantityMilli: charge.quantityMilli,
    includedQuantityMilli: included,
    inclusionKey: absorption?.inclusionKey ?? null,
    inclusionPeriodStart: absorption?.inclusionPeriodStart ?? null,
    unitPriceCents: charge.unitPriceCents,
    // Only the part beyond the inclusion is charged, rounded once.
    amountCents: included === 0 ? charge.amountCents : lineAmountCents(charge.unitPriceCents, charge.quantityMilli - included),
    taxCode: charge.taxCode ?? 'GST',
    glCode: charge.glCode,
    position: 0,
    taxRateBasisPoints: null,
    taxCents: 0,
  };
}

function pad(value: number): string {
  return String(value).padStart(12, '0');
}
