// QuickBooks Online's invoice import CSV (Settings › Import data › Invoices), non-US edition
// (tax per line by tax code). QuickBooks rejects an invoice with a negative total, so credit
// notes are written with their negative amounts for the bookkeeper to enter as credit memos
// (docs/accounting-export.md says how); they are in the file so nothing is silently left out.

import { centsToDecimalString, minorUnitDigits } from '../../../shared/money.js';
import { csvField, csvRows, csvText } from './csv-text.js';
import { formatExportDate, type AccountingSettings, type ExportInvoice } from './export-invoice.js';
import { targetQuantity } from './line-quantity.js';
import { taxName } from './xero-invoices-csv.js';

export const QBO_INVOICE_COLUMNS = [
  'InvoiceNo',
  'Customer',
  'InvoiceDate',
  'DueDate',
  'Terms',
  'Location',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
  'Service Date',
] as const;

export function qboInvoicesCsv(invoices: readonly ExportInvoice[], settings: AccountingSettings): string {
  const rows: string[][] = [];
  for (const invoice of invoices) {
    const digits = minorUnitDigits(invoice.currency);
    const memo = invoice.kind === 'credit_note' ? `Credit note for ${invoice.creditedInvoiceNumber ?? 'an invoice'}` : '';
    for (const line of invoice.lines) {
      const { quantity, unitAmount } = targetQuantity(line, digits);
      const item =
        (line.glCode !== null ? settings.qboItemByGlCode[line.glCode] : undefined) ?? settings.qboItemBySection[line.section] ?? 'Services';
      const row: Record<(typeof QBO_INVOICE_COLUMNS)[number], string> = {
        InvoiceNo: csvText(invoice.number),
        Customer: csvText(invoice.accountName),
        InvoiceDate: formatExportDate(invoice.issuedOn, settings.dateFormat),
        DueDate: formatExportDate(invoice.dueOn, settings.dateFormat),
        Terms: `Net ${daysBetweenIso(invoice.issuedOn, invoice.dueOn)}`,
        Location: '',
        Memo: csvText(memo),
        'Item(Product/Service)': csvText(item),
        ItemDescription: csvText(line.description),
        ItemQuantity: quantity,
        ItemRate: unitAmount,
        ItemAmount: centsToDecimalString(line.amountCents, digits),
        ItemTaxCode: csvText(taxName(line.taxCode, line.taxRateBasisPoints, settings.qboTaxCodes)),
        ItemTaxAmount: centsToDecimalString(line.taxCents, digits),
        Currency: csvField(invoice.currency),
        'Service Date': invoice.periodStart ? formatExportDate(invoice.periodStart, settings.dateFormat) : '',
      };
      rows.push(QBO_INVOICE_COLUMNS.map((column) => row[column]));
    }
  }
  return csvRows(QBO_INVOICE_COLUMNS, rows);
}

function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
