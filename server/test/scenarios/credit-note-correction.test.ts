import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { billingEvents } from '../../src/db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { addCharges } from '../../src/billing/add-charges.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { issueCreditNote } from '../../src/billing/issue-credit-note.js';
import { getInvoice, listInvoices } from '../../src/billing/get-invoice.js';
import { summarize } from './summarize.js';

/**
 * An approved invoice is final: a wrongly billed product and an overcharged labour line are
 * corrected by a credit note whose lines negate them, tax included; the invoice itself never changes.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-05T08:00:00Z');
});
afterEach(() => t.dispose());

describe('an approved invoice corrected by a credit note', () => {
  it('credits a whole line and part of another, and refuses to credit more than was billed', async () => {
    const account = await createAccount(t.ctx(), { name: 'Fixit', billingDay: 1, openedOn: '2026-01-01' });
    await addCharges(t.ctx(), {
      charges: [
        {
          source: 'connectwise:time:7',
          accountId: account.id,
          kind: 'labour',
          description: 'Server patching',
          chargeDate: '2026-01-05',
          quantityMilli: 2000,
          unitPriceCents: 16500,
        },
        {
          source: 'connectwise:product:8',
          accountId: account.id,
          kind: 'product',
          description: 'Patch lead',
          chargeDate: '2026-01-06',
          quantityMilli: 1000,
          unitPriceCents: 1005,
        },
      ],
    });
    t.setNow('2026-02-01');
    await runInvoices(t.ctx(), { billingDate: '2026-02-01' });
    const [draft] = await listInvoices(t.db, { accountId: account.id, limit: 1 });
    const invoice = await approveInvoice(t.ctx(), { invoiceId: draft.id });
    const approved = await getInvoice(t.db, invoice.id);
    expect(summarize(approved)).toEqual({
      lines: [
        ['Server patching', null, null, 33000, 3300],
        ['Patch lead', null, null, 1005, 101], // 100.5 → 101
      ],
      netCents: 34005,
      taxCents: 3401,
      totalCents: 37406,
    });

    t.setNow('2026-02-03');
    const [labourLine, productLine] = approved.lines;
    const creditNote = await issueCreditNote(t.ctx(), {
      invoiceId: invoice.id,
      reason: 'Lead returned; half an hour charged twice',
      lines: [{ invoiceLineId: productLine.id }, { invoiceLineId: labourLine.id, amountCents: 8250 }],
    });
    expect(creditNote).toMatchObject({ kind: 'credit_note', status: 'approved', number: 'CN-000001', creditedInvoiceId: invoice.id });
    expect(summarize(await getInvoice(t.db, creditNote.id))).toEqual({
      lines: [
        ['Credit: Patch lead', null, null, -1005, -101], // exactly the negation
        ['Credit: Server patching', null, null, -8250, -825],
      ],
      netCents: -9255,
      taxCents: -926,
      totalCents: -10181,
    });
    expect(await getInvoice(t.db, invoice.id)).toEqual(approved);

    await expect(
      issueCreditNote(t.ctx(), { invoiceId: invoice.id, reason: 'again', lines: [{ invoiceLineId: productLine.id }] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      issueCreditNote(t.ctx(), {
        invoiceId: invoice.id,
        reason: 'too much',
        lines: [{ invoiceLineId: labourLine.id, amountCents: 24751 }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    // The rest of the invoice: 33000 − 8250 = 24750 of labour.
    const rest = await issueCreditNote(t.ctx(), { invoiceId: invoice.id, reason: 'write off the rest' });
    expect(rest).toMatchObject({ number: 'CN-000002', netCents: -24750, taxCents: -2475 });
    await expect(issueCreditNote(t.ctx(), { invoiceId: invoice.id, reason: 'nothing left' })).rejects.toMatchObject({ code: 'conflict' });

    const events = await t.db.select().from(billingEvents).where(eq(billingEvents.type, 'credit_note.issued'));
    expect(events.map((event) => event.payload.number)).toEqual(['CN-000001', 'CN-000002']);
  });
});
