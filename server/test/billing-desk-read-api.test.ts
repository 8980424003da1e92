import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/test-app.js';

/**
 * The read routes the pod's billing desk lists from: the latest usage imports and rating runs
 * (GET /api/v1/usage/imports, /rating-runs) and which invoices of a range were already
 * exported (GET /api/v1/accounting/export-status).
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
afterEach(() => t.dispose());

async function call(method: string, path: string, body?: unknown) {
  const response = await t.request(method, path, body);
  const text = await response.text();
  expect(response.status, text).toBeLessThan(300);
  return text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : text;
}

async function status(path: string): Promise<{ status: number; code?: string }> {
  const response = await t.request('GET', path);
  const body = (await response.json()) as { code?: string };
  return { status: response.status, code: body.code };
}

describe('recent usage imports and rating runs', () => {
  it('lists them newest first, at most `limit`', async () => {
    t = await createTestApp({ now: new Date('2027-03-10T09:00:00Z') });
    const csv = (name: string, rows: string) =>
      t.app.request(`/api/v1/usage/imports?fileName=${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
        body: `service_identifier,start_time,quantity,unit\n${rows}`,
      });
    expect((await csv('first.csv', '0400000001,2027-03-04T10:15:00Z,60,seconds\n')).status).toBe(201);
    expect((await csv('second.csv', '0400000001,2027-03-05T10:15:00Z,60,seconds\nbad,line\n')).status).toBe(201);
    await call('POST', '/api/v1/usage/rating-runs');

    const imports = (await call('GET', '/api/v1/usage/imports')) as { items: any[] };
    expect(imports.items.map((i) => [i.fileName, i.status, i.recordsAdded, i.invalid])).toEqual([
      ['second.csv', 'completed', 1, 1],
      ['first.csv', 'completed', 1, 0],
    ]);
    expect(((await call('GET', '/api/v1/usage/imports?limit=1')) as { items: any[] }).items).toHaveLength(1);
    const runs = (await call('GET', '/api/v1/usage/rating-runs')) as { items: any[] };
    // Nobody subscribes 0400000001: both records wait in the quarantine.
    expect(runs.items.map((r) => [r.status, r.recordsRated, r.recordsQuarantined])).toEqual([['completed', 0, 2]]);
    expect(await status('/api/v1/usage/rating-runs?limit=0')).toEqual({ status: 400, code: 'validation_failed' });
    expect(await status('/api/v1/usage/imports?limit=101')).toEqual({ status: 400, code: 'validation_failed' });
  });
});

describe('the export status of a range', () => {
  it('lists approved invoices of the range with the formats they were exported in', async () => {
    t = await createTestApp({ now: new Date('2027-03-01T09:00:00Z') });
    const account = (await call('POST', '/api/v1/accounts', { name: 'Harbour Freight', billingDay: 1 })) as { id: number };
    const plan = (await call('POST', '/api/v1/plans', { code: 'FW', name: 'Firewall', kind: 'service', periodPriceCents: 9900 })) as {
      id: number;
    };
    await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, { planId: plan.id, startDate: '2027-03-01' });
    await call('POST', '/api/v1/invoice-runs', { billingDate: '2027-03-01' });
    const listing = (await call('GET', `/api/v1/invoices?accountId=${account.id}`)) as Record<string, any>;
    const invoice = (listing.items ?? listing.invoices)[0] as { id: number };

    const range = 'from=2027-03-01&to=2027-03-31';
    // A draft is not exportable: nothing listed yet.
    expect(((await call('GET', `/api/v1/accounting/export-status?${range}`)) as { invoices: unknown[] }).invoices).toEqual([]);
    await call('POST', `/api/v1/invoices/${invoice.id}/approve`);
    const before = (await call('GET', `/api/v1/accounting/export-status?${range}`)) as Record<string, any>;
    expect(before.invoices).toEqual([
      expect.objectContaining({ invoiceId: invoice.id, kind: 'invoice', accountName: 'Harbour Freight', totalCents: 10890, exported: [] }),
    ]);
    expect(before.exports).toEqual([]);

    await call('GET', `/api/v1/accounting/exports?format=xero&${range}`);
    const after = (await call('GET', `/api/v1/accounting/export-status?${range}`)) as Record<string, any>;
    expect(after.invoices[0].exported).toEqual([{ format: 'xero', exportId: expect.any(Number), exportedAt: expect.any(String) }]);
    expect(after.exports.map((e: any) => [e.format, e.fromDate, e.toDate, e.invoiceCount])).toEqual([
      ['xero', '2027-03-01', '2027-03-31', 1],
    ]);
    // Another range that does not hold the invoice or overlap the export.
    expect(await call('GET', '/api/v1/accounting/export-status?from=2027-04-01&to=2027-04-30')).toEqual({
      from: '2027-04-01',
      to: '2027-04-30',
      invoices: [],
      exports: [],
    });

    expect(await status('/api/v1/accounting/export-status?from=2027-03-31&to=2027-03-01')).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await status('/api/v1/accounting/export-status?from=2027-02-30&to=2027-03-01')).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await status('/api/v1/accounting/export-status')).toEqual({ status: 400, code: 'validation_failed' });
  });
});
