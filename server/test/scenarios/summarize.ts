import type { InvoiceWithLines } from '../../src/billing/get-invoice.js';

/** An invoice as a scenario test asserts it: [description, service from, to, amount, tax] per line and the totals. */
export function summarize(invoice: InvoiceWithLines) {
  return {
    lines: invoice.lines.map((line) => [line.description, line.servicePeriodStart, line.servicePeriodEnd, line.amountCents, line.taxCents]),
    netCents: invoice.netCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
  };
}
