// Xero's "Import sales invoices" CSV (Business › Invoices › Import), columns in the order of
// Xero's template; import it with "Amounts are: Tax exclusive". TaxAmount carries our per-line
// rounded tax so Xero does not recompute it. A negative invoice total imports as a credit note.
// Mapping: docs/accounting-export.md.

import { centsToDecimalString, minorUnitDigits } from '../../../shared/money.js';
import { csvField, csvRows, csvText } from './csv-text.js';
import { formatExportDate, type AccountingSettings, type ExportInvoice } from './export-invoice.js';
import { targetQuantity } from './line-quantity.js';

export const XERO_INVOICE_COLUMNS = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;

export function xeroInvoicesCsv(invoices: readonly ExportInvoice[], settings: AccountingSettings): string {
  const rows: string[][] = [];
  for (const invoice of invoices) {
    const digits = minorUnitDigits(invoice.currency);
    const reference =
      invoice.kind === 'credit_note'
        ? `Credit for ${invoice.creditedInvoiceNumber ?? 'invoice'}`
        : invoice.periodStart
          ? `Period ${invoice.periodStart} to ${invoice.periodEnd}`
          : '';
    for (const line of invoice.lines) {
      const { quantity, unitAmount } = targetQuantity(line, digits);
      const row: Record<(typeof XERO_INVOICE_COLUMNS)[number], string> = {
        '*ContactName': csvText(invoice.accountName),
        EmailAddress: csvText(invoice.accountEmail ?? ''),
        POAddressLine1: '',
        POAddressLine2: '',
        POAddressLine3: '',
        POAddressLine4: '',
        POCity: '',
        PORegion: '',
        POPostalCode: '',
        POCountry: '',
        '*InvoiceNumber': csvText(invoice.number),
        Reference: csvText(reference),
        '*InvoiceDate': formatExportDate(invoice.issuedOn, settings.dateFormat),
        '*DueDate': formatExportDate(invoice.dueOn, settings.dateFormat),
        InventoryItemCode: '',
        '*Description': csvText(line.description),
        '*Quantity': quantity,
        '*UnitAmount': unitAmount,
        Discount: '',
        '*AccountCode': csvText(line.glCode ?? settings.defaultRevenueAccountCode),
        '*TaxType': csvText(taxName(line.taxCode, line.taxRateBasisPoints, settings.xeroTaxTypes)),
        TaxAmount: centsToDecimalString(line.taxCents, digits),
        TrackingName1: '',
        TrackingOption1: '',
        TrackingName2: '',
        TrackingOption2: '',
        Currency: csvField(invoice.currency),
        BrandingTheme: '',
      };
      rows.push(XERO_INVOICE_COLUMNS.map((column) => row[column]));
    }
  }
  return csvRows(XERO_INVOICE_COLUMNS, rows);
}

/** The target's name for a tax code; an exempt line without a mapping uses the EXEMPT entry. */
export function taxName(taxCode: string, rateBasisPoints: number | null, names: Readonly<Record<string, string>>): string {
  return names[taxCode] ?? (rateBasisPoints === null ? names.EXEMPT : undefined) ?? taxCode;
}
