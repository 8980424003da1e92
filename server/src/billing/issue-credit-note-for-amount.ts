// A credit note for an amount rather than for named lines: "credit $50.00 off invoice 12".
import { asc, eq, inArray, sum } from 'drizzle-orm';
import { z } from 'zod';
import { allocate, sumCents } from '../../../shared/money.js';
import { invoiceLines, invoices } from '../db/schema/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { InvoiceRow } from './approve-invoice.js';
import type { BillingContext } from './billing-context.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { IssueCreditNoteInput, issueCreditNote } from './issue-credit-note.js';

export const IssueCreditNoteForAmountInput = z.object({
  invoiceId: IdSchema,
  /** Net (before tax) minor units to credit; each line's tax follows from its share. */
  amountCents: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: IssueCreditNoteInput.shape.reason,
});
export type IssueCreditNoteForAmountInput = z.input<typeof IssueCreditNoteForAmountInput>;

export type CreditableLine = { id: number; leftCents: number };

/**
 * Shares `amountCents` over the lines that have something left to credit, in proportion to
 * what each has left, by largest remainder (shared/money.ts `allocate`): the shares add up to
 * exactly the amount, none exceeds its line's remainder, and each line keeps its own GL and
 * tax code. Lines with nothing (or a negative amount, a discount) left take no share. The
 * amount may not exceed the invoice's net left to credit, discounts included.
 */
export function shareCreditOverLines(
  lines: readonly CreditableLine[],
  amountCents: number,
): { invoiceLineId: number; amountCents: number }[] {
  const netLeft = sumCents(lines.map((line) => line.leftCents));
  if (netLeft <= 0) throw new ConflictError('The invoice has nothing left to credit.');
  if (amountCents > netLeft)
    throw new ValidationError(`The invoice has ${netLeft} cents (net) left to credit; ${amountCents} is not possible.`);
  const positive = lines.filter((line) => line.leftCents > 0);
  const shares = allocate(
    amountCents,
    positive.map((line) => line.leftCents),
  );
  return positive.flatMap((line, index) => (shares[index] === 0 ? [] : [{ invoiceLineId: line.id, amountCents: shares[index] }]));
}

/**
 * Issues a credit note for a net amount off an approved invoice, shared over its lines
 * (`shareCreditOverLines`), through `issueCreditNote`, which checks every share again in its
 * own transaction: a credit issued in between makes this one fail whole, never over-credit.
 */
export async function issueCreditNoteForAmount(ctx: BillingContext, input: IssueCreditNoteForAmountInput): Promise<InvoiceRow> {
  const { invoiceId, amountCents, reason } = parseInput(IssueCreditNoteForAmountInput, input);
  const [invoice] = await ctx.db.select().from(invoices).where(eq(invoices.id, invoiceId)).limit(1);
  if (invoice?.kind !== 'invoice') throw new NotFoundError(`No invoice ${invoiceId}.`);
  if (invoice.status !== 'approved')
    throw new ConflictError('Only an approved invoice is corrected by a credit note; a draft is simply re-run.');
  const lines = await ctx.db
    .select({ id: invoiceLines.id, amountCents: invoiceLines.amountCents })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
  const credited =
    lines.length === 0
      ? []
      : await ctx.db
          .select({ creditedLineId: invoiceLines.creditedLineId, cents: sum(invoiceLines.amountCents) })
          .from(invoiceLines)
          .where(
            inArray(
              invoiceLines.creditedLineId,
              lines.map((line) => line.id),
            ),
          )
          .groupBy(invoiceLines.creditedLineId);
  // Credits are negative on positive lines: what is left is the line plus its credits.
  const creditedCents = new Map(credited.map((row) => [row.creditedLineId!, Number(row.cents)]));
  const shares = shareCreditOverLines(
    lines.map((line) => ({ id: line.id, leftCents: line.amountCents + (creditedCents.get(line.id) ?? 0) })),
    amountCents,
  );
  return issueCreditNote(ctx, { invoiceId, reason, lines: shares });
}
