// One invoice run (an invoice and the credit note against it) for the accounting tests.

import type { ExportInvoice, ExportLine } from './export-invoice.js';

const line = (
  position: number,
  extra: Partial<ExportLine> & Pick<ExportLine, 'description' | 'unitPriceCents' | 'amountCents' | 'taxCents'>,
): ExportLine => ({
  position,
  section: 'services',
  quantityMilli: 1000,
  includedQuantityMilli: 0,
  taxCode: 'GST',
  taxRateBasisPoints: 1000,
  glCode: null,
  ...extra,
});

export const april: ExportInvoice = {
  invoiceId: 1,
  kind: 'invoice',
  number: 'INV-0001',
  creditedInvoiceNumber: null,
  accountName: 'Acme Pty Ltd',
  accountEmail: 'accounts@acme.example',
  issuedOn: '2026-04-01',
  dueOn: '2026-04-15',
  periodStart: '2026-04-01',
  periodEnd: '2026-05-01',
  currency: 'AUD',
  netCents: 57_663,
  taxCents: 5_642,
  totalCents: 63_305,
  lines: [
    line(1, { description: 'Business NBN 100 (Apr 2026)', unitPriceCents: 8_900, amountCents: 8_900, taxCents: 890, glCode: '4000' }),
    line(2, {
      description: 'Calls 0298765432 (Mar 2026): 42 calls, 312.5 min, 300 min included',
      unitPriceCents: 1_265,
      amountCents: 1_265,
      taxCents: 127,
      glCode: '4100',
    }),
    line(3, {
      section: 'labour',
      description: 'Remote support, ticket #1001',
      quantityMilli: 1_500,
      includedQuantityMilli: 1_000,
      unitPriceCents: 16_500,
      amountCents: 8_250,
      taxCents: 825,
    }),
    line(4, {
      section: 'products',
      description: 'USB-C dock, "Pro" model',
      quantityMilli: 2_000,
      unitPriceCents: 18_999,
      amountCents: 37_998,
      taxCents: 3_800,
      glCode: '4300',
    }),
    line(5, {
      section: 'expenses',
      description: '=Parking (GST free)',
      unitPriceCents: 1_250,
      amountCents: 1_250,
      taxCode: 'FRE',
      taxRateBasisPoints: 0,
      taxCents: 0,
      glCode: '4400',
    }),
  ],
};

export const dockCredit: ExportInvoice = {
  invoiceId: 2,
  kind: 'credit_note',
  number: 'CN-0001',
  creditedInvoiceNumber: 'INV-0001',
  accountName: 'Acme Pty Ltd',
  accountEmail: 'accounts@acme.example',
  issuedOn: '2026-04-10',
  dueOn: '2026-04-10',
  periodStart: null,
  periodEnd: null,
  currency: 'AUD',
  netCents: -18_999,
  taxCents: -1_900,
  totalCents: -20_899,
  lines: [
    line(1, {
      section: 'products',
      description: 'Credit: USB-C dock returned',
      unitPriceCents: -18_999,
      amountCents: -18_999,
      taxCents: -1_900,
      glCode: '4300',
    }),
  ],
};
