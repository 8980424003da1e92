import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/test-app.js';

/**
 * POST /api/v1/accounts/:id/subscriptions/preview: the pro-rating of a subscribe, terms change
 * or cancellation before it is saved. What it answers must be what the invoice run then bills,
 * to the cent, and asking must write nothing.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
afterEach(() => t.dispose());

async function call(method: string, path: string, body?: unknown) {
  const response = await t.request(method, path, body);
  const json = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

type Line = { description: string; servicePeriodStart: string; servicePeriodEnd: string; amountCents: number; lineKind: string };

async function draftLines(accountId: number, billingDate: string): Promise<{ id: number; lines: Line[] }> {
  await call('POST', '/api/v1/invoice-runs', { billingDate });
  const listing = await call('GET', `/api/v1/invoices?accountId=${accountId}&status=draft`);
  const invoices = listing.items ?? listing.invoices;
  return (await call('GET', `/api/v1/invoices/${invoices[0].id}`)) as { id: number; lines: Line[] };
}

/** The exact fee of `served` of `days` days, rounded once half away from zero (prices here are positive). */
const prorated = (cents: number, served: number, days: number) => Math.floor((cents * served * 2 + days) / (days * 2));

async function officeBundle() {
  const account = await call('POST', '/api/v1/accounts', { name: 'Harbour Freight', billingDay: 1 });
  const line = await call('POST', '/api/v1/plans', { code: 'MOB', name: 'Mobile line', kind: 'service', periodPriceCents: 4500 });
  const backup = await call('POST', '/api/v1/plans', { code: 'BAK', name: 'Cloud backup', kind: 'service', periodPriceCents: 3333 });
  const bundle = await call('POST', '/api/v1/plans', {
    code: 'OFFICE',
    name: 'Office bundle',
    kind: 'package',
    periodPriceCents: 9900,
    setupFeeCents: 15000,
    discountBasisPoints: 500,
    parts: [
      { servicePlanId: line.id, mandatory: true, quantityMilli: 2000 },
      { servicePlanId: backup.id, mandatory: false },
    ],
  });
  return { account, line, backup, bundle };
}

describe('the subscription preview', () => {
  it('shows a bundle subscription pro-rated exactly as the invoice run then bills it, and writes nothing', async () => {
    t = await createTestApp({ now: new Date('2027-02-17T09:00:00Z') });
    const { account, backup, bundle } = await officeBundle();
    const body = { planId: bundle.id, startDate: '2027-02-17', optionalPartPlanIds: [backup.id] };
    const preview = await call('POST', `/api/v1/accounts/${account.id}/subscriptions/preview`, { change: 'subscribe', ...body });

    // The account opened today: its first period is the tail of February, 12 of its 28 days.
    const fees = [prorated(9900, 12, 28), prorated(9000, 12, 28), prorated(3333, 12, 28)];
    const discount = -Math.floor(((fees[0] + fees[1] + fees[2]) * 500 * 2 + 10_000) / 20_000);
    expect(preview.period).toEqual({
      start: '2027-02-17',
      end: '2027-03-01',
      regularStart: '2027-02-01',
      regularEnd: '2027-03-01',
      regularDays: 28,
    });
    expect(preview.after.map((l: any) => [l.description, l.servedDays, l.periodDays, l.prorated, l.amountCents])).toEqual([
      ['Office bundle', 12, 28, true, fees[0]],
      ['Mobile line', 12, 28, true, fees[1]],
      ['Cloud backup', 12, 28, true, fees[2]],
      ['Bundle discount 5%', 12, 28, false, discount],
    ]);
    expect(preview.after.every((l: any) => l.subscriptionId === null)).toBe(true);
    expect(preview).toMatchObject({
      change: 'subscribe',
      currency: 'AUD',
      before: [],
      beforeCents: 0,
      afterCents: fees[0] + fees[1] + fees[2] + discount,
      differenceCents: fees[0] + fees[1] + fees[2] + discount,
      setupFeeCents: 15000,
      alreadyInvoicedCents: 0,
    });
    // March in full: 99.00 + 2 × 45.00 + 33.33, less 5% (1111.65 → 1112 cents).
    expect(preview.nextPeriod).toEqual({ start: '2027-03-01', end: '2027-04-01', amountCents: 9900 + 9000 + 3333 - 1112 });
    expect((await call('GET', `/api/v1/accounts/${account.id}/subscriptions`)).subscriptions).toEqual([]);

    await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, body);
    const draft = await draftLines(account.id, '2027-02-17');
    const recurring = draft.lines.filter((l) => l.lineKind === 'recurring' || l.lineKind === 'discount');
    expect(recurring.map((l) => [l.description, l.amountCents])).toEqual(preview.after.map((l: any) => [l.description, l.amountCents]));
    expect(draft.lines.find((l) => l.description === 'Setup fee: Office bundle')?.amountCents).toBe(preview.setupFeeCents);
  });

  it('shows a quantity change in an invoiced period as the adjustment the next invoice carries', async () => {
    t = await createTestApp({ now: new Date('2027-03-01T09:00:00Z') });
    const { account, line } = await officeBundle();
    const subscription = await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: line.id, startDate: '2027-03-01' });
    const march = await draftLines(account.id, '2027-03-01');
    await call('POST', `/api/v1/invoices/${march.id}/approve`);

    const change = { effectiveFrom: '2027-03-11', quantityMilli: 3000 };
    const preview = await call('POST', `/api/v1/accounts/${account.id}/subscriptions/preview`, {
      change: 'terms',
      subscriptionId: subscription.id,
      ...change,
    });
    // 10 days at 1 and 21 at 3 of March's 31: 4500 × (10 + 63) / 31 = 10596.77 → 10597, shared out.
    expect(preview.before.map((l: any) => l.amountCents)).toEqual([4500]);
    expect(preview.after.map((l: any) => [l.from, l.to, l.quantityMilli, l.servedDays])).toEqual([
      ['2027-03-01', '2027-03-11', 1000, 10],
      ['2027-03-11', '2027-04-01', 3000, 21],
    ]);
    expect(preview.afterCents).toBe(10597);
    expect(preview.differenceCents).toBe(10597 - 4500);
    expect(preview.alreadyInvoicedCents).toBe(4500);
    expect(preview.after.every((l: any) => l.subscriptionId === subscription.id)).toBe(true);

    await call('POST', `/api/v1/subscriptions/${subscription.id}/terms`, change);
    t.setNow(new Date('2027-04-01T09:00:00Z'));
    const april = await draftLines(account.id, '2027-04-01');
    expect(april.lines.filter((l) => l.lineKind === 'adjustment').map((l) => l.amountCents)).toEqual([preview.differenceCents]);
  });

  it('shows a cancellation as the credit of the days no longer served', async () => {
    t = await createTestApp({ now: new Date('2027-03-01T09:00:00Z') });
    const { account, line } = await officeBundle();
    const subscription = await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: line.id, startDate: '2027-03-01' });
    await call('POST', `/api/v1/invoices/${(await draftLines(account.id, '2027-03-01')).id}/approve`);

    const preview = await call('POST', `/api/v1/accounts/${account.id}/subscriptions/preview`, {
      change: 'cancel',
      subscriptionId: subscription.id,
      endDate: '2027-03-06',
    });
    expect(preview.afterCents).toBe(prorated(4500, 5, 31));
    expect(preview.differenceCents).toBe(prorated(4500, 5, 31) - 4500);
    expect(preview.nextPeriod).toBeNull();

    await call('POST', `/api/v1/subscriptions/${subscription.id}/cancel`, { endDate: '2027-03-06' });
    t.setNow(new Date('2027-04-01T09:00:00Z'));
    const april = await draftLines(account.id, '2027-04-01');
    expect(april.lines.map((l) => l.amountCents)).toEqual([preview.differenceCents]);
  });

  it('refuses what the change itself would refuse, with the error envelope', async () => {
    t = await createTestApp({ now: new Date('2027-03-01T09:00:00Z') });
    const { account, line, bundle } = await officeBundle();
    const other = await call('POST', '/api/v1/accounts', { name: 'Coastal Dental', billingDay: 1 });
    const subscription = await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: line.id, startDate: '2027-03-01' });
    const preview = (body: unknown, accountId = account.id) =>
      t.request('POST', `/api/v1/accounts/${accountId}/subscriptions/preview`, body);
    const answer = async (body: unknown, accountId?: number) => {
      const response = await preview(body, accountId);
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };

    expect(await answer({ change: 'rename' })).toEqual({ status: 400, code: 'validation_failed' });
    expect(await answer({ change: 'subscribe', planId: bundle.id, startDate: '2027-02-30' })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    // Only optional parts of the bundle can be chosen.
    expect(await answer({ change: 'subscribe', planId: bundle.id, startDate: '2027-03-01', optionalPartPlanIds: [9999] })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await answer({ change: 'terms', subscriptionId: subscription.id, effectiveFrom: '2027-03-05' })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await answer({ change: 'terms', subscriptionId: subscription.id, effectiveFrom: '2027-02-01', quantityMilli: 2000 })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await answer({ change: 'cancel', subscriptionId: subscription.id, endDate: '2027-03-09' }, other.id)).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await answer({ change: 'subscribe', planId: 9999, startDate: '2027-03-01' })).toEqual({ status: 404, code: 'not_found' });
    await call('POST', `/api/v1/subscriptions/${subscription.id}/cancel`, { endDate: '2027-03-09' });
    expect(await answer({ change: 'cancel', subscriptionId: subscription.id, endDate: '2027-03-09' })).toEqual({
      status: 409,
      code: 'conflict',
    });
  });
});
