// The journal an invoice posts: debit receivable with the gross, credit revenue by GL code,
// credit tax payable by tax code. A credit note (negative amounts) posts the mirror image.
// Amounts come from the lines as rounded when the invoice was made, never recomputed, so the
// journal, the invoice and the CSVs agree to the cent; the invoice's own totals must agree too.

import { sumCents } from '../../../shared/money.js';
import type { AccountingSettings, ExportInvoice } from './export-invoice.js';

export type JournalLine = {
  readonly accountCode: string;
  readonly description: string;
  /** Both non-negative; exactly one is positive. */
  readonly debitCents: number;
  readonly creditCents: number;
};

export type InvoiceJournal = {
  readonly invoiceNumber: string;
  readonly date: string;
  readonly currency: string;
  readonly lines: readonly JournalLine[];
  readonly totalDebitCents: number;
  readonly totalCreditCents: number;
};

export class UnbalancedInvoiceError extends Error {
  override readonly name = 'UnbalancedInvoiceError';
}

export function invoiceJournal(
  invoice: ExportInvoice,
  settings: Pick<AccountingSettings, 'receivableAccountCode' | 'taxPayableAccountCode' | 'defaultRevenueAccountCode'>,
): InvoiceJournal {
  const net = sumCents(invoice.lines.map((line) => line.amountCents));
  const tax = sumCents(invoice.lines.map((line) => line.taxCents));
  const gross = sumCents([net, tax]);
  if (net !== invoice.netCents || tax !== invoice.taxCents || gross !== invoice.totalCents) {
    throw new UnbalancedInvoiceError(
      `Invoice ${invoice.number}: its totals (net ${invoice.netCents}, tax ${invoice.taxCents}, total ${invoice.totalCents}) are not the sums of its lines (${net}, ${tax}, ${gross}); it is not exported.`,
    );
  }

  const revenue = new Map<string, number[]>();
  const taxes = new Map<string, number[]>();
  for (const line of invoice.lines) {
    const account = line.glCode ?? settings.defaultRevenueAccountCode;
    revenue.set(account, [...(revenue.get(account) ?? []), line.amountCents]);
    taxes.set(line.taxCode, [...(taxes.get(line.taxCode) ?? []), line.taxCents]);
  }

  const lines: JournalLine[] = [];
  // A positive amount on the "debit side" is a debit; a negative one (a credit note) is a credit.
  const post = (accountCode: string, description: string, debitSideCents: number) => {
    if (debitSideCents === 0) return;
    lines.push({ accountCode, description, debitCents: Math.max(debitSideCents, 0), creditCents: Math.max(-debitSideCents, 0) });
  };
  post(settings.receivableAccountCode, `Receivable ${invoice.accountName}`, gross);
  for (const [account, amounts] of revenue) post(account, `Revenue ${account}`, -sumCents(amounts));
  for (const [taxCode, amounts] of taxes) post(settings.taxPayableAccountCode, `Tax ${taxCode}`, -sumCents(amounts));

  return {
    invoiceNumber: invoice.number,
    date: invoice.issuedOn,
    currency: invoice.currency,
    lines,
    totalDebitCents: sumCents(lines.map((line) => line.debitCents)),
    totalCreditCents: sumCents(lines.map((line) => line.creditCents)),
  };
}
