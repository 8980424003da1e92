import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { subscribe } from '../../src/billing/subscribe.js';
import { addCharges } from '../../src/billing/add-charges.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { getInvoice, listInvoices } from '../../src/billing/get-invoice.js';
import { summarize } from './summarize.js';

/**
 * A quarterly account opened on 10 February, billed on the 1st: its first period runs to
 * 1 March, pro-rated against the quarter Dec–Feb (19 of 90 days); then whole quarters
 * March–May and June–August, labour following in arrears.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-02-10T08:00:00Z');
});
afterEach(() => t.dispose());

async function invoiceFor(accountId: number, periodStart: string) {
  const [invoice] = await listInvoices(t.db, { accountId, periodStart, limit: 1 });
  return getInvoice(t.db, invoice.id);
}

describe('a quarterly account', () => {
  it('bills a pro-rated first period, then whole quarters in advance', async () => {
    const account = await createAccount(t.ctx(), { name: 'Quarterly Pty', billingDay: 1, periodMonths: 3 });
    expect(account.anchor).toBe('2026-03-01');
    const firewall = await createPlan(t.ctx(), { code: 'FW', name: 'Managed firewall', kind: 'service', periodPriceCents: 45000 });
    await subscribe(t.ctx(), { accountId: account.id, planId: firewall.id, startDate: '2026-02-10' });

    await runInvoices(t.ctx(), { billingDate: '2026-02-10' });
    // 450.00 × 19/90 = 95.00 exactly.
    expect(summarize(await invoiceFor(account.id, '2026-02-10'))).toEqual({
      lines: [['Managed firewall', '2026-02-10', '2026-03-01', 9500, 950]],
      netCents: 9500,
      taxCents: 950,
      totalCents: 10450,
    });
    await approveInvoice(t.ctx(), { invoiceId: (await invoiceFor(account.id, '2026-02-10')).id });

    t.setNow('2026-03-01');
    await runInvoices(t.ctx(), { billingDate: '2026-03-01' });
    const spring = await invoiceFor(account.id, '2026-03-01');
    expect(summarize(spring)).toEqual({
      lines: [['Managed firewall', '2026-03-01', '2026-06-01', 45000, 4500]],
      netCents: 45000,
      taxCents: 4500,
      totalCents: 49500,
    });

    // Labour in April belongs to the quarter's arrears: a run mid-quarter leaves the draft as it was.
    t.setNow('2026-04-15');
    await addCharges(t.ctx(), {
      charges: [
        {
          source: 'connectwise:time:40',
          accountId: account.id,
          kind: 'labour',
          description: 'Firewall rules',
          chargeDate: '2026-04-10',
          quantityMilli: 750,
          unitPriceCents: 16000,
        },
      ],
    });
    expect(await runInvoices(t.ctx(), { billingDate: '2026-04-15' })).toMatchObject({
      invoicesUnchanged: 1,
      invoicesUpdated: 0,
      invoicesCreated: 0,
    });
    await approveInvoice(t.ctx(), { invoiceId: spring.id });

    t.setNow('2026-06-01');
    await runInvoices(t.ctx(), { billingDate: '2026-06-01' });
    expect(summarize(await invoiceFor(account.id, '2026-06-01'))).toEqual({
      lines: [
        ['Managed firewall', '2026-06-01', '2026-09-01', 45000, 4500],
        ['Firewall rules', null, null, 12000, 1200], // 0.75 h × 160.00
      ],
      netCents: 57000,
      taxCents: 5700,
      totalCents: 62700,
    });
  });
});
