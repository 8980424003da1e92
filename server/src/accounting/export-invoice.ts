// The invoice as the accounting export sees it: read from the billing core's approved
// invoices (load-export-invoices.ts), written to journals and CSV shapes by pure functions.
// Credit notes are negative invoices: every amount on a credit note is negative.

export type ExportLine = {
  readonly position: number;
  readonly description: string;
  /** services | labour | products | expenses | other (the billing core's invoice sections). */
  readonly section: string;
  readonly quantityMilli: number;
  /** Part of the quantity an inclusion absorbed (not charged). */
  readonly includedQuantityMilli: number;
  readonly unitPriceCents: number;
  /** Net amount of the line, rounded once where the line was made. */
  readonly amountCents: number;
  readonly taxCode: string;
  /** null = exempt (outside the tax). */
  readonly taxRateBasisPoints: number | null;
  readonly taxCents: number;
  /** Revenue account; null = the export's default revenue account. */
  readonly glCode: string | null;
};

export type ExportInvoice = {
  readonly invoiceId: number;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string;
  /** For a credit note, the number of the invoice it credits. */
  readonly creditedInvoiceNumber: string | null;
  readonly accountName: string;
  readonly accountEmail: string | null;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly currency: string;
  readonly netCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
  readonly lines: readonly ExportLine[];
};

/** Ledger accounts and the tax names the target system knows (docs/accounting-export.md). */
export type AccountingSettings = {
  readonly receivableAccountCode: string;
  readonly taxPayableAccountCode: string;
  readonly defaultRevenueAccountCode: string;
  /** Our tax code → the target's tax rate name (Xero: 'GST on Income'; QBO: 'GST'). Missing codes pass through. */
  readonly xeroTaxTypes: Readonly<Record<string, string>>;
  readonly qboTaxCodes: Readonly<Record<string, string>>;
  /** QuickBooks needs a product/service per line: by GL code, else by invoice section. */
  readonly qboItemByGlCode: Readonly<Record<string, string>>;
  readonly qboItemBySection: Readonly<Record<string, string>>;
  readonly dateFormat: 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYY-MM-DD';
  readonly paymentTermsDays: number;
};

export const DEFAULT_ACCOUNTING_SETTINGS: AccountingSettings = {
  receivableAccountCode: '610',
  taxPayableAccountCode: '820',
  defaultRevenueAccountCode: '200',
  xeroTaxTypes: { GST: 'GST on Income', FRE: 'GST Free Income', EXEMPT: 'BAS Excluded' },
  qboTaxCodes: { GST: 'GST', FRE: 'GST free', EXEMPT: 'Out of scope' },
  qboItemByGlCode: {},
  qboItemBySection: { services: 'Services', labour: 'Labour', products: 'Products', expenses: 'Expenses', other: 'Other' },
  dateFormat: 'DD/MM/YYYY',
  paymentTermsDays: 14,
};

export function formatExportDate(isoDate: string, format: AccountingSettings['dateFormat']): string {
  const [year, month, day] = isoDate.split('-');
  if (format === 'YYYY-MM-DD') return isoDate;
  return format === 'DD/MM/YYYY' ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}
