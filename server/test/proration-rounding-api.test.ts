import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/test-app.js';

/**
 * Pro-rated fees through the REST API, to the cent: rounded once, half away from zero
 * (server/src/billing/proration.ts), and a cancellation's credit paired with what was billed.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
afterEach(() => t.dispose());

async function call(method: string, path: string, body?: unknown) {
  const response = await t.request(method, path, body);
  const json = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

async function accountWithNinetyNineDollarPlan(name: string, code: string) {
  const account = await call('POST', '/api/v1/accounts', { name, billingDay: 1 });
  const plan = await call('POST', '/api/v1/plans', { code, name: 'Managed firewall', kind: 'service', periodPriceCents: 9900 });
  return { account, plan };
}

async function invoiceLines(accountId: number, billingDate: string) {
  await call('POST', '/api/v1/invoice-runs', { billingDate });
  // The listing is in id order: the run's invoice is the newest.
  const { items } = await call('GET', `/api/v1/invoices?accountId=${accountId}`);
  const invoice = await call('GET', `/api/v1/invoices/${items.at(-1).id}`);
  return invoice as {
    id: number;
    netCents: number;
    lines: Array<{ amountCents: number; servicePeriodStart: string; servicePeriodEnd: string }>;
  };
}

describe('pro-rated recurring fees over the API', () => {
  it('bills $99.00 for 12 of 28 days as 4243 cents (4242.86, half away from zero)', async () => {
    t = await createTestApp({ now: new Date('2027-02-17T09:00:00Z') });
    const { account, plan } = await accountWithNinetyNineDollarPlan('Harbour Freight', 'FW-FEB');
    await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: plan.id, startDate: '2027-02-17' });
    const invoice = await invoiceLines(account.id, '2027-02-17');
    expect(invoice.lines.map((line) => [line.servicePeriodStart, line.servicePeriodEnd, line.amountCents])).toEqual([
      ['2027-02-17', '2027-03-01', 4243],
    ]);
    expect(invoice.netCents).toBe(4243);
  });

  it('credits a cancellation after 5 of 31 days so that the customer pays 1597 cents (1596.77) for them', async () => {
    t = await createTestApp({ now: new Date('2027-03-01T09:00:00Z') });
    const { account, plan } = await accountWithNinetyNineDollarPlan('Coastal Dental', 'FW-MAR');
    const subscription = await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: plan.id, startDate: '2027-03-01' });
    const march = await invoiceLines(account.id, '2027-03-01');
    expect(march.lines.map((line) => line.amountCents)).toEqual([9900]);
    await call('POST', `/api/v1/invoices/${march.id}/approve`);

    t.setNow(new Date('2027-03-04T09:00:00Z'));
    await call('POST', `/api/v1/subscriptions/${subscription.id}/cancel`, { endDate: '2027-03-06' });

    t.setNow(new Date('2027-04-01T09:00:00Z'));
    const april = await invoiceLines(account.id, '2027-04-01');
    // March owes 9900 × 5 / 31 = 1596.77 → 1597; 9900 was billed, so the credit is 8303.
    expect(april.lines.map((line) => [line.servicePeriodStart, line.servicePeriodEnd, line.amountCents])).toEqual([
      ['2027-03-01', '2027-04-01', -8303],
    ]);
    expect(9900 + april.netCents).toBe(1597);
  });
});
