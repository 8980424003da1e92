import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { taxForLine } from '../billing/tax.js';
import { april, dockCredit } from './accounting-fixtures.js';
import { DEFAULT_ACCOUNTING_SETTINGS, type ExportInvoice } from './export-invoice.js';
import { invoiceJournal, UnbalancedInvoiceError } from './invoice-journal.js';
import { jsonExport } from './json-export.js';
import { qboInvoicesCsv } from './qbo-invoices-csv.js';
import { xeroInvoicesCsv } from './xero-invoices-csv.js';

const settings = DEFAULT_ACCOUNTING_SETTINGS;
const csv = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;

describe('golden CSVs for one run (an invoice and its credit note)', () => {
  it('writes the Xero sales invoice import', () => {
    const acme = 'Acme Pty Ltd,accounts@acme.example,,,,,,,,';
    expect(xeroInvoicesCsv([april, dockCredit], settings)).toBe(
      csv(
        '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme',
        `${acme},INV-0001,Period 2026-04-01 to 2026-05-01,01/04/2026,15/04/2026,,Business NBN 100 (Apr 2026),1,89.00,,4000,GST on Income,8.90,,,,,AUD,`,
        `${acme},INV-0001,Period 2026-04-01 to 2026-05-01,01/04/2026,15/04/2026,,"Calls 0298765432 (Mar 2026): 42 calls, 312.5 min, 300 min included",1,12.65,,4100,GST on Income,1.27,,,,,AUD,`,
        `${acme},INV-0001,Period 2026-04-01 to 2026-05-01,01/04/2026,15/04/2026,,"Remote support, ticket #1001",0.5,165.00,,200,GST on Income,8.25,,,,,AUD,`,
        `${acme},INV-0001,Period 2026-04-01 to 2026-05-01,01/04/2026,15/04/2026,,"USB-C dock, ""Pro"" model",2,189.99,,4300,GST on Income,38.00,,,,,AUD,`,
        `${acme},INV-0001,Period 2026-04-01 to 2026-05-01,01/04/2026,15/04/2026,,'=Parking (GST free),1,12.50,,4400,GST Free Income,0.00,,,,,AUD,`,
        `${acme},CN-0001,Credit for INV-0001,10/04/2026,10/04/2026,,Credit: USB-C dock returned,1,-189.99,,4300,GST on Income,-19.00,,,,,AUD,`,
      ),
    );
  });

  it('writes the QuickBooks Online invoice import', () => {
    const head = 'INV-0001,Acme Pty Ltd,01/04/2026,15/04/2026,Net 14,,';
    expect(qboInvoicesCsv([april, dockCredit], settings)).toBe(
      csv(
        'InvoiceNo,Customer,InvoiceDate,DueDate,Terms,Location,Memo,Item(Product/Service),ItemDescription,ItemQuantity,ItemRate,ItemAmount,ItemTaxCode,ItemTaxAmount,Currency,Service Date',
        `${head},Services,Business NBN 100 (Apr 2026),1,89.00,89.00,GST,8.90,AUD,01/04/2026`,
        `${head},Services,"Calls 0298765432 (Mar 2026): 42 calls, 312.5 min, 300 min included",1,12.65,12.65,GST,1.27,AUD,01/04/2026`,
        `${head},Labour,"Remote support, ticket #1001",0.5,165.00,82.50,GST,8.25,AUD,01/04/2026`,
        `${head},Products,"USB-C dock, ""Pro"" model",2,189.99,379.98,GST,38.00,AUD,01/04/2026`,
        `${head},Expenses,'=Parking (GST free),1,12.50,12.50,GST free,0.00,AUD,01/04/2026`,
        'CN-0001,Acme Pty Ltd,10/04/2026,10/04/2026,Net 0,,Credit note for INV-0001,Products,Credit: USB-C dock returned,1,-189.99,-189.99,GST,-19.00,AUD,',
      ),
    );
  });
});

describe('invoiceJournal', () => {
  it('debits receivable with the gross and credits revenue by GL code and tax by code', () => {
    const journal = invoiceJournal(april, settings);
    expect(journal.lines.map((l) => [l.accountCode, l.description, l.debitCents, l.creditCents])).toEqual([
      ['610', 'Receivable Acme Pty Ltd', 63_305, 0],
      ['4000', 'Revenue 4000', 0, 8_900],
      ['4100', 'Revenue 4100', 0, 1_265],
      ['200', 'Revenue 200', 0, 8_250],
      ['4300', 'Revenue 4300', 0, 37_998],
      ['4400', 'Revenue 4400', 0, 1_250],
      ['820', 'Tax GST', 0, 5_642],
    ]);
    expect([journal.totalDebitCents, journal.totalCreditCents]).toEqual([63_305, 63_305]);
  });

  it('posts a credit note as the mirror image', () => {
    expect(invoiceJournal(dockCredit, settings).lines.map((l) => [l.accountCode, l.debitCents, l.creditCents])).toEqual([
      ['610', 0, 20_899],
      ['4300', 18_999, 0],
      ['820', 1_900, 0],
    ]);
  });

  it('refuses an invoice whose totals are not the sums of its lines', () => {
    expect(() => invoiceJournal({ ...april, totalCents: april.totalCents + 1 }, settings)).toThrow(UnbalancedInvoiceError);
  });

  it('balances for every invoice and credit note (property)', () => {
    const lineArb = fc.record({
      amountCents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
      rate: fc.constantFrom<[string, number | null]>(['GST', 1000], ['FRE', 0], ['EXEMPT', null], ['VAT', 2000], ['RED', 1250]),
      glCode: fc.constantFrom(null, '4000', '4100', '4300'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (drawn, credit) => {
        const lines = drawn.map((d, i) => {
          const amountCents = credit ? -Math.abs(d.amountCents) : d.amountCents;
          return {
            ...april.lines[0],
            position: i + 1,
            amountCents,
            unitPriceCents: amountCents,
            taxCode: d.rate[0],
            taxRateBasisPoints: d.rate[1],
            taxCents: taxForLine(amountCents, d.rate[1] ?? 'exempt'),
            glCode: d.glCode,
          };
        });
        const netCents = lines.reduce((s, l) => s + l.amountCents, 0);
        const taxCents = lines.reduce((s, l) => s + l.taxCents, 0);
        const invoice: ExportInvoice = {
          ...april,
          kind: credit ? 'credit_note' : 'invoice',
          lines,
          netCents,
          taxCents,
          totalCents: netCents + taxCents,
        };
        const journal = invoiceJournal(invoice, settings);
        expect(journal.totalDebitCents).toBe(journal.totalCreditCents);
        for (const l of journal.lines) expect(l.debitCents > 0 !== l.creditCents > 0).toBe(true);
        const receivable = journal.lines.find((l) => l.accountCode === '610');
        expect(receivable ? receivable.debitCents - receivable.creditCents : 0).toBe(invoice.totalCents);
      }),
    );
  });

  it('carries the journal of each invoice in the JSON export', () => {
    const exported = jsonExport([april, dockCredit], settings);
    expect(exported.invoices.map((i) => [i.number, i.journal.totalDebitCents, i.journal.totalCreditCents])).toEqual([
      ['INV-0001', 63_305, 63_305],
      ['CN-0001', 20_899, 20_899],
    ]);
  });
});
