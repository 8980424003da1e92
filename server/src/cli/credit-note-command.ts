import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { InvoiceRow } from '../billing/approve-invoice.js';
import { issueCreditNote } from '../billing/issue-credit-note.js';
import { issueCreditNoteForAmount } from '../billing/issue-credit-note-for-amount.js';
import { invoices } from '../db/schema/index.js';
import { rowId, UsageError, wholeNumber } from './cli-args.js';
import { billingContext, type CliContext, type Command, printJson } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { moneyText } from './money-text.js';

/**
 * `credit-note <invoiceId> (--full | --amount-cents N) --reason "..." [--json]`: a credit note
 * for an approved invoice, for all that is left to credit or for N net cents (before tax,
 * shared over the lines: billing/issue-credit-note-for-amount.ts).
 * Safe to retry: the invoice and the reason are its key. When the invoice already has a
 * credit note with this reason, nothing is issued and that one is printed (exit 0), so a
 * scheduler's retry never credits twice; a second credit needs a reason of its own.
 */
export const creditNoteCommand: Command = async (cli, args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      full: { type: 'boolean', default: false },
      'amount-cents': { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('credit-note takes one invoice id');
  const invoiceId = rowId('invoiceId', positionals[0]);
  if (values.full === (values['amount-cents'] !== undefined))
    throw new UsageError('credit-note takes --full or --amount-cents N (one of them)');
  const amountCents =
    values['amount-cents'] === undefined ? null : wholeNumber('--amount-cents', values['amount-cents'], 1, Number.MAX_SAFE_INTEGER);
  const reason = values.reason?.trim() ?? '';
  if (reason === '' || reason.length > 500) throw new UsageError('credit-note needs --reason "…" (1 to 500 characters)');

  const earlier = await creditNoteWithReason(cli, invoiceId, reason);
  const creditNote =
    earlier ??
    (amountCents === null
      ? await issueCreditNote(billingContext(cli), { invoiceId, reason })
      : await issueCreditNoteForAmount(billingContext(cli), { invoiceId, amountCents, reason }));
  const issued = earlier === null;
  if (values.json) {
    const { id, number, creditedInvoiceId, issuedOn, currency, netCents, taxCents, totalCents } = creditNote;
    printJson(cli, { issued, creditNote: { id, number, creditedInvoiceId, reason, issuedOn, currency, netCents, taxCents, totalCents } });
  } else {
    const { currency } = creditNote;
    cli.out(
      `${issued ? 'issued' : 'already issued (same invoice and reason), nothing new:'} credit note ${creditNote.number} (id ${creditNote.id}) for invoice ${invoiceId} on ${creditNote.issuedOn}: ` +
        `net ${moneyText(creditNote.netCents, currency)}, tax ${moneyText(creditNote.taxCents, currency)}, total ${moneyText(creditNote.totalCents, currency)}`,
    );
  }
  return EXIT.ok;
};

async function creditNoteWithReason(cli: CliContext, invoiceId: number, reason: string): Promise<InvoiceRow | null> {
  const [row] = await cli.database.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.kind, 'credit_note'), eq(invoices.creditedInvoiceId, invoiceId), eq(invoices.reason, reason)))
    .limit(1);
  return row ?? null;
}
