import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { subscribe } from '../../src/billing/subscribe.js';
import { addCharges } from '../../src/billing/add-charges.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { listInvoices, getInvoice } from '../../src/billing/get-invoice.js';
import { summarize } from './summarize.js';

/**
 * An account opened on 17 March, billed on the 1st: its first invoice is pro-rated to the
 * billing day (15 of March's 31 days), and from April on it pays whole months in advance,
 * with labour in arrears.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-03-17T09:00:00Z');
});
afterEach(() => t.dispose());

describe('an account opened mid-month', () => {
  it('is pro-rated to its billing day, then billed whole months', async () => {
    const account = await createAccount(t.ctx(), { name: 'Acme', billingDay: 1 });
    const nbn = await createPlan(t.ctx(), { code: 'NBN100', name: 'Business NBN 100', kind: 'service', periodPriceCents: 9900 });
    await subscribe(t.ctx(), { accountId: account.id, planId: nbn.id, startDate: '2026-03-17', serviceIdentifier: 'AVC000123456789' });

    await runInvoices(t.ctx(), { billingDate: '2026-03-17' });
    const [march] = await listInvoices(t.db, { accountId: account.id, limit: 10 });
    expect(march).toMatchObject({ periodStart: '2026-03-17', periodEnd: '2026-04-01', status: 'draft' });
    // 99.00 × 15/31 = 47.9032… → 47.90 (partial periods round toward zero); GST 4.79.
    expect(summarize(await getInvoice(t.db, march.id))).toEqual({
      lines: [['Business NBN 100 (AVC000123456789)', '2026-03-17', '2026-04-01', 4790, 479]],
      netCents: 4790,
      taxCents: 479,
      totalCents: 5269,
    });
    expect((await approveInvoice(t.ctx(), { invoiceId: march.id })).number).toBe('INV-000001');

    t.setNow('2026-03-20');
    await addCharges(t.ctx(), {
      charges: [
        {
          source: 'connectwise:time:1',
          accountId: account.id,
          kind: 'labour',
          description: 'Router install',
          chargeDate: '2026-03-20',
          quantityMilli: 1500,
          unitPriceCents: 16500,
          ticketNumber: '1001',
        },
      ],
    });

    t.setNow('2026-04-01');
    const run = await runInvoices(t.ctx(), { billingDate: '2026-04-01' });
    expect(run).toMatchObject({ status: 'completed', invoicesCreated: 1 });
    const [april] = await listInvoices(t.db, { accountId: account.id, periodStart: '2026-04-01', limit: 1 });
    // April in advance (99.00, GST 9.90) and March's labour in arrears (1.5 h × 165.00 = 247.50, GST 24.75).
    expect(summarize(await getInvoice(t.db, april.id))).toEqual({
      lines: [
        ['Business NBN 100 (AVC000123456789)', '2026-04-01', '2026-05-01', 9900, 990],
        ['Router install', null, null, 24750, 2475],
      ],
      netCents: 34650,
      taxCents: 3465,
      totalCents: 38115,
    });

    // Running the same billing date again changes nothing.
    const again = await runInvoices(t.ctx(), { billingDate: '2026-04-01' });
    expect(again).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0, invoicesUnchanged: 1 });
  });
});
