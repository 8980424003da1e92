// The dry run of an invoice run: what `runInvoices` would bill for a billing date, account by
// account and section by section, computed by the same reads, the same choice of period and
// draft (invoice-run-target.ts) and the same build (build-account-invoice.ts), and written
// nowhere: no invoice, no charge claimed, no run row, no audit row.
import { and, asc, count, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { sumCents } from '../../../shared/money.js';
import { accounts, INVOICE_SECTIONS, type InvoiceSection } from '../db/schema/index.js';
import type { BillingContext } from './billing-context.js';
import { accountInvoiceInputs, buildAccountInvoice } from './build-account-invoice.js';
import { listPlans } from './get-plan.js';
import { IsoDateSchema, parseInput } from './input-schemas.js';
import { invoiceRunTarget } from './invoice-run-target.js';
import { loadBatchInputs, loadDraftCharges, loadTaxRates } from './load-invoice-inputs.js';

export const PreviewInvoiceRunInput = z.object({
  billingDate: IsoDateSchema,
  batchSize: z.number().int().min(1).max(5000).default(250),
});
export type PreviewInvoiceRunInput = z.input<typeof PreviewInvoiceRunInput>;

/** What the run would do with the account's invoice: write a new draft, rewrite its draft, or leave the draft as it is. */
export type InvoicePreviewOutcome = 'create' | 'update' | 'unchanged';

export type SectionPreview = { section: InvoiceSection; lines: number; netCents: number; taxCents: number };

export type AccountInvoicePreview = {
  accountId: number;
  accountName: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  outcome: InvoicePreviewOutcome;
  /** The draft the run would refresh, if the account has one for the period. */
  draftId: number | null;
  lines: number;
  /** Only the sections that have lines, in the invoice's order. */
  sections: SectionPreview[];
  netCents: number;
  taxCents: number;
  totalCents: number;
};

export type CurrencyTotals = { currency: string; invoices: number; netCents: number; taxCents: number; totalCents: number };

export type InvoiceRunPreview = {
  billingDate: string;
  /** Accounts opened by the billing date: the ones the run goes through. */
  accounts: number;
  invoices: AccountInvoicePreview[];
  /** Accounts with no draft for the period and nothing to bill: the run writes no invoice for them. */
  nothingToBill: number;
  /** Accounts the run leaves alone (invoice-run-target.ts). */
  skipped: { approved: number; laterPeriodInvoiced: number };
  /** Per currency (amounts in different currencies never add up), by currency code. */
  totals: CurrencyTotals[];
};

/**
 * Builds, without writing, every invoice the run for `billingDate` would write or refresh.
 * A preview, not a reservation: charges added between it and the run are billed by the run.
 * `onProgress` hears after each batch of accounts how many are done out of how many.
 */
export async function previewInvoiceRun(
  ctx: Pick<BillingContext, 'db'>,
  input: PreviewInvoiceRunInput,
  onProgress?: (done: number, total: number) => void,
): Promise<InvoiceRunPreview> {
  const { billingDate, batchSize } = parseInput(PreviewInvoiceRunInput, input);
  const opened = lte(accounts.openedOn, billingDate);
  const [{ total }] = await ctx.db.select({ total: count() }).from(accounts).where(opened);
  const plansById = new Map((await listPlans(ctx.db)).map((plan) => [plan.id, plan]));
  const taxRates = await loadTaxRates(ctx.db);
  const preview: InvoiceRunPreview = {
    billingDate,
    accounts: 0,
    invoices: [],
    nothingToBill: 0,
    skipped: { approved: 0, laterPeriodInvoiced: 0 },
    totals: [],
  };

  let cursor = 0;
  for (;;) {
    const batch = await ctx.db
      .select()
      .from(accounts)
      .where(and(gt(accounts.id, cursor), opened))
      .orderBy(asc(accounts.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    const inputs = await loadBatchInputs(
      ctx.db,
      batch.map((account) => account.id),
      plansById,
    );
    const targets = batch.map((account) => ({
      account,
      target: invoiceRunTarget(account, billingDate, inputs.invoicesByAccount.get(account.id) ?? []),
    }));
    const drafts = new Map<number, number>();
    for (const { account, target } of targets) if (target.skipped === false && target.own) drafts.set(target.own.id, account.id);
    const held = await loadDraftCharges(ctx.db, drafts);

    for (const { account, target } of targets) {
      if (target.skipped === 'approved') preview.skipped.approved += 1;
      if (target.skipped === 'later-period-invoiced') preview.skipped.laterPeriodInvoiced += 1;
      if (target.skipped !== false) continue;
      const { period, own } = target;
      const accountInputs = accountInvoiceInputs(account, period, inputs, own?.id ?? null);
      const built = buildAccountInvoice(account, period, accountInputs, taxRates, own ? (held.get(own.id) ?? []) : []);
      if (!own && built.lines.length === 0) {
        preview.nothingToBill += 1;
        continue;
      }
      preview.invoices.push({
        accountId: account.id,
        accountName: account.name,
        currency: account.currency,
        periodStart: period.start,
        periodEnd: period.end,
        outcome: !own ? 'create' : own.contentHash === built.contentHash ? 'unchanged' : 'update',
        draftId: own?.id ?? null,
        lines: built.lines.length,
        sections: INVOICE_SECTIONS.flatMap((section) => {
          const lines = built.lines.filter((line) => line.section === section);
          if (lines.length === 0) return [];
          const netCents = sumCents(lines.map((line) => line.amountCents));
          return [{ section, lines: lines.length, netCents, taxCents: sumCents(lines.map((line) => line.taxCents)) }];
        }),
        netCents: built.netCents,
        taxCents: built.taxCents,
        totalCents: built.totalCents,
      });
    }
    preview.accounts += batch.length;
    cursor = batch[batch.length - 1].id;
    onProgress?.(preview.accounts, Math.max(total, preview.accounts));
    if (batch.length < batchSize) break;
  }
  preview.totals = totalsByCurrency(preview.invoices);
  return preview;
}

function totalsByCurrency(invoices: readonly AccountInvoicePreview[]): CurrencyTotals[] {
  const currencies = [...new Set(invoices.map((invoice) => invoice.currency))].sort();
  return currencies.map((currency) => {
    const of = invoices.filter((invoice) => invoice.currency === currency);
    return {
      currency,
      invoices: of.length,
      netCents: sumCents(of.map((invoice) => invoice.netCents)),
      taxCents: sumCents(of.map((invoice) => invoice.taxCents)),
      totalCents: sumCents(of.map((invoice) => invoice.totalCents)),
    };
  });
}
