import { asc, eq, inArray, sum } from 'drizzle-orm';
import { z } from 'zod';
import { sumCents } from '../../../shared/money.js';
import { invoiceLines, invoices } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { todayOf } from './billing-context.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { nextDocumentNumber } from './next-document-number.js';
import { recordBillingEvent } from './record-billing-event.js';
import { taxForLine } from './tax.js';
import type { InvoiceRow } from './approve-invoice.js';

export const IssueCreditNoteInput = z.object({
  invoiceId: IdSchema,
  reason: z.string().trim().min(1).max(500),
  /** Lines to credit; absent = everything not credited yet. `amountCents` (default: the rest) has the line's sign. */
  lines: z
    .array(
      z.object({
        invoiceLineId: IdSchema,
        amountCents: z
          .number()
          .int()
          .refine((n) => n !== 0, 'not zero')
          .optional(),
      }),
    )
    .min(1)
    .max(10_000)
    .optional(),
});
export type IssueCreditNoteInput = z.input<typeof IssueCreditNoteInput>;

/**
 * Corrects an approved invoice with a credit note: a numbered, approved document whose lines
 * negate (all or part of) the invoice's lines, tax included; the tax rule is symmetric, so a
 * fully credited line's tax is exactly the negation of the original's. A line can never be
 * credited beyond its amount. A credit note is final: it does not re-open a period's fee
 * (to bill the right amount, add an adjustment charge). Emits `credit_note.issued`.
 */
export async function issueCreditNote(ctx: BillingContext, input: IssueCreditNoteInput): Promise<InvoiceRow> {
  const parsed = parseInput(IssueCreditNoteInput, input);
  return ctx.db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, parsed.invoiceId)).limit(1);
    if (invoice?.kind !== 'invoice') throw new NotFoundError(`No invoice ${parsed.invoiceId}.`);
    if (invoice.status !== 'approved')
      throw new ConflictError('Only an approved invoice is corrected by a credit note; a draft is simply re-run.');

    const original = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
    const creditedRows =
      original.length === 0
        ? []
        : await tx
            .select({ creditedLineId: invoiceLines.creditedLineId, cents: sum(invoiceLines.amountCents) })
            .from(invoiceLines)
            .where(
              inArray(
                invoiceLines.creditedLineId,
                original.map((line) => line.id),
              ),
            )
            .groupBy(invoiceLines.creditedLineId);
    const alreadyCredited = new Map(creditedRows.map((row) => [row.creditedLineId!, Number(row.cents)]));
    const requests = parsed.lines ?? original.map((line) => ({ invoiceLineId: line.id, amountCents: undefined }));

    const creditLines = requests.flatMap((request, position) => {
      const line = original.find((candidate) => candidate.id === request.invoiceLineId);
      if (!line) throw new ValidationError(`Line ${request.invoiceLineId} is not on invoice ${invoice.id}.`);
      // Credits are negative on positive lines: what is left is the line plus its credits.
      const leftCents = line.amountCents + (alreadyCredited.get(line.id) ?? 0);
      const creditCents = request.amountCents ?? leftCents;
      // Crediting "everything" skips lines already credited; naming one is a mistake to report.
      if (creditCents === 0 && parsed.lines === undefined) return [];
      if (Math.sign(creditCents) !== Math.sign(line.amountCents) || Math.abs(creditCents) > Math.abs(leftCents)) {
        throw new ValidationError(`Line ${line.id} has ${leftCents} cents left to credit; ${creditCents} is not possible.`);
      }
      const amountCents = -creditCents;
      const rate = line.taxRateBasisPoints ?? 'exempt';
      const { id: _id, invoiceId: _invoiceId, ...copy } = line;
      return [
        {
          ...copy,
          position,
          lineKind: 'credit' as const,
          description: `Credit: ${line.description}`,
          includedQuantityMilli: 0,
          inclusionKey: null,
          inclusionPeriodStart: null,
          feePeriodStart: null,
          chargeId: null,
          unitPriceCents: amountCents,
          quantityMilli: 1000,
          amountCents,
          taxCents: taxForLine(amountCents, rate),
          creditedLineId: line.id,
        },
      ];
    });
    if (creditLines.length === 0) throw new ConflictError(`Invoice ${invoice.id} is fully credited already.`);

    const netCents = sumCents(creditLines.map((line) => line.amountCents));
    const taxCents = sumCents(creditLines.map((line) => line.taxCents));
    const number = await nextDocumentNumber(tx, 'credit_note');
    const at = ctx.now.toISOString();
    const [creditNote] = await tx
      .insert(invoices)
      .values({
        accountId: invoice.accountId,
        kind: 'credit_note',
        status: 'approved',
        number,
        issuedOn: todayOf(ctx.now),
        currency: invoice.currency,
        netCents,
        taxCents,
        totalCents: netCents + taxCents,
        contentHash: '',
        creditedInvoiceId: invoice.id,
        reason: parsed.reason,
        approvedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await tx.insert(invoiceLines).values(creditLines.map((line) => ({ ...line, invoiceId: creditNote.id })));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'credit-note.issue',
      entity: 'invoice',
      entityId: String(creditNote.id),
      details: { number, creditedInvoiceId: invoice.id, reason: parsed.reason },
      requestId: ctx.requestId,
    });
    await recordBillingEvent(tx, {
      type: 'credit_note.issued',
      entityId: creditNote.id,
      payload: {
        creditNoteId: creditNote.id,
        number,
        creditedInvoiceId: invoice.id,
        creditedInvoiceNumber: invoice.number,
        accountId: invoice.accountId,
        currency: invoice.currency,
        netCents,
        taxCents,
        totalCents: netCents + taxCents,
      },
      at: ctx.now,
    });
    return creditNote;
  });
}
