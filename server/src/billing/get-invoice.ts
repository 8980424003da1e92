import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
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

export async function listInvoices(
  db: DbOrTx,
  filter: { accountId?: number; status?: 'draft' | 'approved'; periodStart?: string; limit: number },
): Promise<InvoiceRow[]> {
  const conditions: SQL[] = [];
  if (filter.accountId !== undefined) conditions.push(eq(invoices.accountId, filter.accountId));
  if (filter.status !== undefined) conditions.push(eq(invoices.status, filter.status));
  if (filter.periodStart !== undefined) conditions.push(eq(invoices.periodStart, filter.periodStart));
  return db
    .select()
    .from(invoices)
    .where(and(...conditions))
    .orderBy(desc(invoices.id))
    .limit(filter.limit);
}
