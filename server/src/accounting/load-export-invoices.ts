// Reads approved invoices and credit notes from the billing core into the export's shape.

import { and, asc, eq, gte, inArray, lte, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accountingExportedInvoices, accounts, contacts, invoiceLines, invoices } from '../db/schema/index.js';
import { addDays } from '../billing/periods.js';
import type { ExportFormat } from './export-invoices.js';
import type { AccountingSettings, ExportInvoice } from './export-invoice.js';

export async function loadExportInvoices(
  db: DbOrTx,
  input: { from: string; to: string; format: ExportFormat; again: boolean; settings: AccountingSettings },
): Promise<ExportInvoice[]> {
  const exported = db
    .select({ id: accountingExportedInvoices.invoiceId })
    .from(accountingExportedInvoices)
    .where(eq(accountingExportedInvoices.format, input.format));
  const headers = await db
    .select({ invoice: invoices, accountName: accounts.name })
    .from(invoices)
    .innerJoin(accounts, eq(accounts.id, invoices.accountId))
    .where(
      and(
        eq(invoices.status, 'approved'),
        gte(invoices.issuedOn, input.from),
        lte(invoices.issuedOn, input.to),
        ...(input.again ? [] : [notInArray(invoices.id, exported)]),
      ),
    )
    .orderBy(asc(invoices.issuedOn), asc(invoices.kind), asc(invoices.number));
  if (headers.length === 0) return [];

  const ids = headers.map((h) => h.invoice.id);
  const lines: (typeof invoiceLines.$inferSelect)[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    lines.push(
      ...(await db
        .select()
        .from(invoiceLines)
        .where(inArray(invoiceLines.invoiceId, ids.slice(i, i + 1000)))
        .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position))),
    );
  }
  const creditedIds = [...new Set(headers.flatMap((h) => (h.invoice.creditedInvoiceId === null ? [] : [h.invoice.creditedInvoiceId])))];
  const creditedNumbers = new Map(
    creditedIds.length === 0
      ? []
      : (await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, creditedIds))).map((r) => [
          r.id,
          r.number,
        ]),
  );
  const accountIds = [...new Set(headers.map((h) => h.invoice.accountId))];
  const emails = new Map<number, string>();
  for (const contact of await db
    .select({ accountId: contacts.accountId, email: contacts.email })
    .from(contacts)
    .where(inArray(contacts.accountId, accountIds))
    .orderBy(asc(contacts.id))) {
    if (contact.email && !emails.has(contact.accountId)) emails.set(contact.accountId, contact.email);
  }

  return headers.map(({ invoice, accountName }) => ({
    invoiceId: invoice.id,
    kind: invoice.kind,
    number: invoice.number ?? `DRAFT-${invoice.id}`,
    creditedInvoiceNumber: invoice.creditedInvoiceId === null ? null : (creditedNumbers.get(invoice.creditedInvoiceId) ?? null),
    accountName,
    accountEmail: emails.get(invoice.accountId) ?? null,
    issuedOn: invoice.issuedOn,
    // A credit note is due at once; an invoice after the payment terms.
    dueOn: invoice.kind === 'credit_note' ? invoice.issuedOn : addDays(invoice.issuedOn, input.settings.paymentTermsDays),
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    currency: invoice.currency,
    netCents: invoice.netCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    lines: lines
      .filter((line) => line.invoiceId === invoice.id)
      .map((line) => ({
        position: line.position,
        description: line.description,
        section: line.section,
        quantityMilli: line.quantityMilli,
        includedQuantityMilli: line.includedQuantityMilli,
        unitPriceCents: line.unitPriceCents,
        amountCents: line.amountCents,
        taxCode: line.taxCode,
        taxRateBasisPoints: line.taxRateBasisPoints,
        taxCents: line.taxCents,
        glCode: line.glCode,
      })),
  }));
}
