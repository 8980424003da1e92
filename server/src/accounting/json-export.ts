// The JSON export: each invoice with its lines and the journal it posts, for an accounting
// system reached through its API instead of a CSV import.

import type { AccountingSettings, ExportInvoice } from './export-invoice.js';
import { invoiceJournal, type InvoiceJournal } from './invoice-journal.js';

export type JsonExport = { readonly format: 'json'; readonly invoices: readonly (ExportInvoice & { readonly journal: InvoiceJournal })[] };

export function jsonExport(invoices: readonly ExportInvoice[], settings: AccountingSettings): JsonExport {
  return { format: 'json', invoices: invoices.map((invoice) => ({ ...invoice, journal: invoiceJournal(invoice, settings) })) };
}
