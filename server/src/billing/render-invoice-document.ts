import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { invoices } from '../db/schema/index.js';
import { getAccount } from './get-account.js';
import { getInvoice } from './get-invoice.js';
import { renderInvoiceHtml } from './invoice-document-html.js';

/** The print-ready HTML of an invoice or credit note (404 when there is none). */
export async function renderInvoiceDocument(db: DbOrTx, invoiceId: number): Promise<string> {
  const invoice = await getInvoice(db, invoiceId);
  const account = await getAccount(db, invoice.accountId);
  const [credited] =
    invoice.creditedInvoiceId === null
      ? []
      : await db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, invoice.creditedInvoiceId)).limit(1);
  return renderInvoiceHtml({
    ...invoice,
    creditedInvoiceNumber: credited?.number ?? null,
    account: { name: account.name, externalKey: account.externalKey },
  });
}
