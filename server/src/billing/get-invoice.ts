import { and, asc, eq, getTableColumns, gt, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges, invoiceLines, invoices } from '../db/schema/index.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { InvoiceRow } from './approve-invoice.js';

export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
/** A line with what the document shows of the charge it bills (the labour grid's columns). */
export type InvoiceLineView = InvoiceLineRow & {
  charge: {
    chargeDate: string;
    ticketNumber: string | null;
    memberName: string | null;
    workRole: string | null;
    workType: string | null;
    source: string;
  } | null;
};
export type InvoiceWithLines = InvoiceRow & { lines: InvoiceLineView[] };

/** Fetch-or-throw: the invoice (or credit note) with its lines in document order. */
export async function getInvoice(db: DbOrTx, invoiceId: number): Promise<InvoiceWithLines> {
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId)).limit(1);
  if (!invoice) throw new NotFoundError(`No invoice ${invoiceId}.`);
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
  const chargeIds = lines.flatMap((line) => (line.chargeId === null ? [] : [line.chargeId]));
  const chargeRows = [];
  for (let i = 0; i < chargeIds.length; i += 500) {
    chargeRows.push(
      ...(await db
        .select({
          id: charges.id,
          chargeDate: charges.chargeDate,
          ticketNumber: charges.ticketNumber,
          memberName: charges.memberName,
          workRole: charges.workRole,
          workType: charges.workType,
          source: charges.source,
        })
        .from(charges)
        .where(inArray(charges.id, chargeIds.slice(i, i + 500)))),
    );
  }
  const chargeById = new Map(chargeRows.map(({ id, ...charge }) => [id, charge]));
  return {
    ...invoice,
    lines: lines.map((line) => ({ ...line, charge: line.chargeId === null ? null : (chargeById.get(line.chargeId) ?? null) })),
  };
}

export interface InvoiceFilter {
  accountId?: number;
  kind?: 'invoice' | 'credit_note';
  status?: 'draft' | 'approved';
  /** The period an invoice bills, by its first day (immediate invoices and credit notes have none). */
  periodStart?: string;
  /** Issue dates, both inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/**
 * Invoices and credit notes after `afterId` (default: from the first) in id order, at most
 * `limit`, without their lines (`getInvoice` has them). Pages walk the primary key.
 */
export async function listInvoices(db: DbOrTx, page: { afterId?: number; limit: number } & InvoiceFilter): Promise<InvoiceListItem[]> {
  const conditions: SQL[] = [gt(invoices.id, page.afterId ?? 0)];
  if (page.accountId !== undefined) conditions.push(eq(invoices.accountId, page.accountId));
  if (page.kind !== undefined) conditions.push(eq(invoices.kind, page.kind));
  if (page.status !== undefined) conditions.push(eq(invoices.status, page.status));
  if (page.periodStart !== undefined) conditions.push(eq(invoices.periodStart, page.periodStart));
  if (page.from !== undefined) conditions.push(gte(invoices.issuedOn, page.from));
  if (page.to !== undefined) conditions.push(lte(invoices.issuedOn, page.to));
  return db
    .select(INVOICE_LIST_COLUMNS)
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.id))
    .limit(page.limit);
}

/** What a listing shows of an invoice: all but `inputsDigest`, the invoice run's own bookkeeping. */
const { inputsDigest: _inputsDigest, ...INVOICE_LIST_COLUMNS } = getTableColumns(invoices);
export type InvoiceListItem = Omit<InvoiceRow, 'inputsDigest'>;
