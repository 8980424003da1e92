import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoices } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, NotFoundError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { nextDocumentNumber } from './next-document-number.js';
import { recordBillingEvent } from './record-billing-event.js';

export const ApproveInvoiceInput = z.object({ invoiceId: IdSchema });
export type ApproveInvoiceInput = z.input<typeof ApproveInvoiceInput>;
export type InvoiceRow = typeof invoices.$inferSelect;

/**
 * Makes a draft final: numbered (gaplessly), immutable from then on (runs skip it; changes
 * go through credit notes), announced by an `invoice.approved` event in the same transaction.
 * Conditional on the invoice still being a draft: approving twice is a 409.
 */
export async function approveInvoice(ctx: BillingContext, input: ApproveInvoiceInput): Promise<InvoiceRow> {
  const { invoiceId } = parseInput(ApproveInvoiceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).limit(1);
    if (!invoice) throw new NotFoundError(`No invoice ${invoiceId}.`);
    if (invoice.status !== 'draft') throw new ConflictError(`Invoice ${invoiceId} is already ${invoice.status}.`);
    const number = await nextDocumentNumber(tx, 'invoice');
    const [approved] = await tx
      .update(invoices)
      .set({ status: 'approved', number, approvedAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() })
      .where(and(eq(invoices.id, invoiceId), eq(invoices.status, 'draft')))
      .returning();
    if (!approved) throw new ConflictError(`Invoice ${invoiceId} was approved meanwhile.`);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'invoice.approve',
      entity: 'invoice',
      entityId: String(invoiceId),
      details: { number },
      requestId: ctx.requestId,
    });
    await recordBillingEvent(tx, {
      type: 'invoice.approved',
      entityId: invoiceId,
      payload: {
        invoiceId,
        number,
        accountId: approved.accountId,
        currency: approved.currency,
        netCents: approved.netCents,
        taxCents: approved.taxCents,
        totalCents: approved.totalCents,
      },
      at: ctx.now,
    });
    return approved;
  });
}
