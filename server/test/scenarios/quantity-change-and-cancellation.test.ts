import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { subscribe } from '../../src/billing/subscribe.js';
import { changeSubscriptionTerms } from '../../src/billing/change-subscription-terms.js';
import { cancelSubscription } from '../../src/billing/cancel-subscription.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { getInvoice, listInvoices } from '../../src/billing/get-invoice.js';
import { summarize } from './summarize.js';

/**
 * Ten seats billed in advance for January; five more from 16 January (16 of 31 days), then
 * a cancellation from 15 February (14 of 28 days served). Each change is settled on the
 * next invoice as "owed now − billed before" for the period it touched.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-01T08:00:00Z');
});
afterEach(() => t.dispose());

async function invoiceFor(accountId: number, periodStart: string) {
  const [invoice] = await listInvoices(t.db, { accountId, periodStart, limit: 1 });
  return invoice ? getInvoice(t.db, invoice.id) : undefined;
}

describe('a quantity change and a cancellation mid-period', () => {
  it('settles both on the next invoices, to the cent', async () => {
    const account = await createAccount(t.ctx(), { name: 'Seats Ltd', billingDay: 1 });
    const m365 = await createPlan(t.ctx(), {
      code: 'M365BP',
      name: 'Microsoft 365 Business Premium',
      kind: 'service',
      periodPriceCents: 3300,
    });
    const subscription = await subscribe(t.ctx(), {
      accountId: account.id,
      planId: m365.id,
      startDate: '2026-01-01',
      quantityMilli: 10_000,
    });

    await runInvoices(t.ctx(), { billingDate: '2026-01-01' });
    const january = (await invoiceFor(account.id, '2026-01-01'))!;
    expect(summarize(january)).toEqual({
      lines: [['Microsoft 365 Business Premium', '2026-01-01', '2026-02-01', 33000, 3300]],
      netCents: 33000,
      taxCents: 3300,
      totalCents: 36300,
    });
    await approveInvoice(t.ctx(), { invoiceId: january.id });

    t.setNow('2026-01-16');
    await changeSubscriptionTerms(t.ctx(), { subscriptionId: subscription.id, effectiveFrom: '2026-01-16', quantityMilli: 15_000 });

    t.setNow('2026-02-01');
    await runInvoices(t.ctx(), { billingDate: '2026-02-01' });
    // January now owes 10 seats × 15/31 (15967.742) + 15 seats × 16/31 (25548.387) = 41516.129, rounded
    // once: 41516; 33000 was billed, so 8516 more. GST on it: 851.6 → 852.
    expect(summarize((await invoiceFor(account.id, '2026-02-01'))!)).toEqual({
      lines: [
        ['Microsoft 365 Business Premium', '2026-02-01', '2026-03-01', 49500, 4950],
        ['Adjustment: Microsoft 365 Business Premium', '2026-01-01', '2026-02-01', 8516, 852],
      ],
      netCents: 58016,
      taxCents: 5802,
      totalCents: 63818,
    });
    await approveInvoice(t.ctx(), { invoiceId: (await invoiceFor(account.id, '2026-02-01'))!.id });

    t.setNow('2026-02-14');
    await cancelSubscription(t.ctx(), { subscriptionId: subscription.id, endDate: '2026-02-15' });

    t.setNow('2026-03-01');
    await runInvoices(t.ctx(), { billingDate: '2026-03-01' });
    // February owes 15 seats × 14/28 = 24750 of the 49500 billed: a credit of 24750 (GST −2475).
    expect(summarize((await invoiceFor(account.id, '2026-03-01'))!)).toEqual({
      lines: [['Adjustment: Microsoft 365 Business Premium', '2026-02-01', '2026-03-01', -24750, -2475]],
      netCents: -24750,
      taxCents: -2475,
      totalCents: -27225,
    });
    await approveInvoice(t.ctx(), { invoiceId: (await invoiceFor(account.id, '2026-03-01'))!.id });

    t.setNow('2026-04-01');
    await runInvoices(t.ctx(), { billingDate: '2026-04-01' });
    expect(await invoiceFor(account.id, '2026-04-01')).toBeUndefined(); // nothing left to bill
  });
});
