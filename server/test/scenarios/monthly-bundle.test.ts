import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { subscribe } from '../../src/billing/subscribe.js';
import { addCharges, type ChargeInput } from '../../src/billing/add-charges.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { getInvoice, listInvoices } from '../../src/billing/get-invoice.js';
import { summarize } from './summarize.js';

/**
 * A bundle with an access fee, five managed seats, a setup fee, a 10% bundle discount and
 * 10 included support hours a month: January's 12.5 hours use the 10 first, and only the
 * overage is charged; February's hours are absorbed by February's own allowance.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-01T08:00:00Z');
});
afterEach(() => t.dispose());

const labour = (accountId: number, id: number, date: string, hours: number, rateCents: number): ChargeInput => ({
  source: `connectwise:time:${id}`,
  accountId,
  kind: 'labour',
  description: `Ticket #${1000 + id}`,
  chargeDate: date,
  quantityMilli: hours * 1000,
  unitPriceCents: rateCents,
  ticketNumber: String(1000 + id),
});

describe('a monthly bundle with included hours', () => {
  it('absorbs labour with the included hours and charges the overage', async () => {
    const account = await createAccount(t.ctx(), { name: 'Managed Co', billingDay: 1 });
    const seat = await createPlan(t.ctx(), { code: 'SEAT', name: 'Managed seat', kind: 'service', periodPriceCents: 2500 });
    const backup = await createPlan(t.ctx(), { code: 'BACKUP', name: 'Cloud backup', kind: 'service', periodPriceCents: 3000 });
    const bundle = await createPlan(t.ctx(), {
      code: 'OFFICE',
      name: 'Managed Office',
      kind: 'package',
      periodPriceCents: 50000,
      setupFeeCents: 20000,
      discountBasisPoints: 1000,
      parts: [
        { servicePlanId: seat.id, mandatory: true, quantityMilli: 5000 },
        { servicePlanId: backup.id, mandatory: false },
      ],
      inclusions: [{ description: '10 support hours a month', appliesToKind: 'labour', quantityMilli: 10_000 }],
    });
    await subscribe(t.ctx(), { accountId: account.id, planId: bundle.id, startDate: '2026-01-01' });

    await runInvoices(t.ctx(), { billingDate: '2026-01-01' });
    const [january] = await listInvoices(t.db, { accountId: account.id, limit: 1 });
    expect(summarize(await getInvoice(t.db, january.id))).toEqual({
      lines: [
        ['Managed Office', '2026-01-01', '2026-02-01', 50000, 5000],
        ['Managed seat', '2026-01-01', '2026-02-01', 12500, 1250], // 5 × 25.00
        ['Bundle discount 10%', '2026-01-01', '2026-02-01', -6250, -625], // 10% of 625.00
        ['Setup fee: Managed Office', null, null, 20000, 2000],
      ],
      netCents: 76250,
      taxCents: 7625,
      totalCents: 83875,
    });
    await approveInvoice(t.ctx(), { invoiceId: january.id });

    await addCharges(t.ctx(), {
      charges: [
        labour(account.id, 1, '2026-01-10', 4, 15000),
        labour(account.id, 2, '2026-01-20', 5, 15000),
        labour(account.id, 3, '2026-01-28', 3.5, 18000), // 1 h left in the allowance, 2.5 h charged
        labour(account.id, 4, '2026-02-05', 2, 15000), // February's: billed in arrears in March
      ],
    });

    t.setNow('2026-02-01');
    await runInvoices(t.ctx(), { billingDate: '2026-02-01' });
    const [february] = await listInvoices(t.db, { accountId: account.id, periodStart: '2026-02-01', limit: 1 });
    const febInvoice = await getInvoice(t.db, february.id);
    expect(summarize(febInvoice)).toEqual({
      lines: [
        ['Managed Office', '2026-02-01', '2026-03-01', 50000, 5000],
        ['Managed seat', '2026-02-01', '2026-03-01', 12500, 1250],
        ['Bundle discount 10%', '2026-02-01', '2026-03-01', -6250, -625],
        ['Ticket #1001', null, null, 0, 0],
        ['Ticket #1002', null, null, 0, 0],
        ['Ticket #1003', null, null, 45000, 4500], // 2.5 h × 180.00
      ],
      netCents: 101250,
      taxCents: 10125,
      totalCents: 111375,
    });
    expect(
      febInvoice.lines.filter((line) => line.section === 'labour').map((line) => [line.quantityMilli, line.includedQuantityMilli]),
    ).toEqual([
      [4000, 4000],
      [5000, 5000],
      [3500, 1000],
    ]);
    await approveInvoice(t.ctx(), { invoiceId: february.id });

    t.setNow('2026-03-01');
    await runInvoices(t.ctx(), { billingDate: '2026-03-01' });
    const [march] = await listInvoices(t.db, { accountId: account.id, periodStart: '2026-03-01', limit: 1 });
    const marchInvoice = await getInvoice(t.db, march.id);
    // February's 2 hours come out of February's own 10: nothing to charge.
    expect(
      marchInvoice.lines
        .filter((line) => line.section === 'labour')
        .map((line) => [line.description, line.includedQuantityMilli, line.amountCents]),
    ).toEqual([['Ticket #1004', 2000, 0]]);
    expect(marchInvoice.netCents).toBe(56250);
  });
});
