// Usage billing end to end, through the API: import → rate → quarantine → invoice → export,
// moving the clock across billing periods and asserting exact cents.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createAccount } from '../../src/billing/create-account.js';
import { createPlan } from '../../src/billing/create-plan.js';
import { subscribe } from '../../src/billing/subscribe.js';
import { runInvoices } from '../../src/billing/run-invoices.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { charges, invoiceLines, invoices, syncQuarantine, usageRecords } from '../../src/db/schema/index.js';
import { dataPlan, phonePlan } from '../../src/usage/rating/rating-fixtures.js';
import { createUsageTestApp } from './usage-test-app.js';

type App = Awaited<ReturnType<typeof createUsageTestApp>>;
let t: App;
let accountId: number;
let phonePlanId: number;

const HEADER = 'service_identifier,start_time,quantity,unit,class,carrier_record_id';
const MARCH_FILE = [
  HEADER,
  '0298765432,2026-03-20T09:00:00Z,95,seconds,local,', // overage: 120 s → 40c
  '0298765432,2026-03-02T09:00:00Z,17400,seconds,local,', // 290 min: included
  '0298765432,2026-03-05T09:00:00Z,700,seconds,mobile,', // 600 s included, 120 s → 40c
  '0298765432,2026-03-06T09:00:00Z,10,seconds,mobile,', // 30 s → 10c, minimum 25c
  'nbn-777,2026-03-02T00:00:00Z,6000000000,bytes,data,s-1',
  'nbn-777,2026-03-03T00:00:00Z,3500000000,bytes,data,s-2',
  'nbn-777,2026-03-04T00:00:00Z,1234567800,bytes,data,s-3', // 0.5 GB included, 735 MB → 735c
  '0299990000,2026-03-10T00:00:00Z,120,seconds,local,', // nobody has this number yet
  '0298765432,not-a-time,60,seconds,local,', // invalid line 10
].join('\r\n');

const usageCharges = async () =>
  (await t.db.select().from(charges).where(eq(charges.kind, 'usage')).orderBy(charges.id)).map((c) => ({
    amountCents: c.amountCents,
    chargeDate: c.chargeDate,
    description: c.description,
  }));
const openItems = async () =>
  (
    await t.db
      .select()
      .from(syncQuarantine)
      .where(and(eq(syncQuarantine.kind, 'usage'), eq(syncQuarantine.status, 'open')))
      .orderBy(syncQuarantine.id)
  ).map((q) => [q.entity, q.reason, q.details.title]);

beforeAll(async () => {
  t = await createUsageTestApp({ now: new Date('2026-03-01T00:00:00Z') });
  const account = await createAccount(t.ctx(), { name: 'Acme Pty Ltd', billingDay: 1, openedOn: '2026-03-01', currency: 'AUD' });
  accountId = account.id;
  const phone = await createPlan(t.ctx(), {
    code: 'PHONE',
    name: 'Business line',
    kind: 'service',
    periodPriceCents: 2000,
    glCode: '4100',
  });
  const data = await createPlan(t.ctx(), { code: 'NBN', name: 'NBN 100', kind: 'service', periodPriceCents: 8900, glCode: '4200' });
  phonePlanId = phone.id;
  expect((await t.request('PUT', `/api/v1/usage/rating-plans/${phone.id}`, phonePlan)).status).toBe(200);
  expect((await t.request('PUT', `/api/v1/usage/rating-plans/${data.id}`, dataPlan)).status).toBe(200);
  await subscribe(t.ctx(), { accountId, planId: phone.id, startDate: '2026-03-01', serviceIdentifier: '0298765432' });
  await subscribe(t.ctx(), { accountId, planId: data.id, startDate: '2026-03-01', serviceIdentifier: 'nbn-777' });
});
afterAll(() => t?.dispose());

describe('usage rating through a billing period', () => {
  it('imports the March file, reporting the invalid line by number', async () => {
    t.setNow(new Date('2026-03-31T12:00:00Z'));
    const response = await t.request('POST', '/api/v1/usage/imports?fileName=march.csv', MARCH_FILE, 'text/csv');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: 'completed',
      linesRead: 9,
      recordsAdded: 8,
      duplicates: 0,
      invalid: 1,
      invalidLines: [{ line: 10, errors: [expect.stringContaining('start_time')] }],
    });
  });

  it('imports the same file twice without adding anything', async () => {
    const before = await t.db.select({ n: count() }).from(usageRecords);
    const response = await t.request('POST', '/api/v1/usage/imports?fileName=march.csv', MARCH_FILE, 'text/csv');
    expect(await response.json()).toMatchObject({ recordsAdded: 0, duplicates: 8, invalid: 1 });
    expect(await t.db.select({ n: count() }).from(usageRecords)).toEqual(before);
    expect(await openItems()).toEqual([['usage_line', 'invalid_record', 'Invalid Record']]);
  });

  it('rates in time order against the allowances, quarantines the unknown number, and adds usage charges once', async () => {
    const run = await t.request('POST', '/api/v1/usage/rating-runs', {});
    expect(await run.json()).toMatchObject({ recordsRated: 7, recordsQuarantined: 1, chargesAdded: 2 });
    expect(await usageCharges()).toEqual([
      {
        amountCents: 40 + 40 + 25,
        chargeDate: '2026-03-20',
        description: 'Calls 0298765432, 2026-03-01 to 2026-04-01: 4 records, 303.42 min, 300 min included',
      },
      {
        amountCents: 735,
        chargeDate: '2026-03-04',
        description: 'Data nbn-777, 2026-03-01 to 2026-04-01: 3 records, 10.735 GB, 10 GB included',
      },
    ]);
    expect(await openItems()).toEqual([
      ['usage_line', 'invalid_record', 'Invalid Record'],
      ['usage_record', 'not_identified', 'Missing Service Subscription'],
    ]);
    const again = await t.request('POST', '/api/v1/usage/rating-runs', {});
    expect(await again.json()).toMatchObject({ recordsRated: 0, recordsQuarantined: 0, chargesAdded: 0 });
  });

  it('bills March usage in arrears on the April invoice, with a usage summary', async () => {
    t.setNow(new Date('2026-04-01T06:00:00Z'));
    await runInvoices(t.ctx(), { billingDate: '2026-04-01' });
    const [invoice] = await t.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.accountId, accountId), eq(invoices.periodStart, '2026-04-01')));
    const lines = await t.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    expect(
      lines
        .filter((l) => l.description.startsWith('Calls') || l.description.startsWith('Data'))
        .map((l) => [l.amountCents, l.glCode])
        .sort(),
    ).toEqual([
      [105, '4100'],
      [735, '4200'],
    ]);
    await approveInvoice(t.ctx(), { invoiceId: invoice.id });

    const summary = await (await t.request('GET', `/api/v1/usage/summary?invoiceId=${invoice.id}`)).json();
    expect(
      summary.lines.map(
        (l: { serviceIdentifier: string; records: number; includedQuantityMilli: number; amountCents: number; text: string }) => [
          l.serviceIdentifier,
          l.records,
          l.amountCents,
          l.text,
        ],
      ),
    ).toEqual([
      ['0298765432', 4, 105, '303.42 min, 300 min included'],
      ['nbn-777', 3, 735, '10.735 GB, 10 GB included'],
    ]);
  });

  it("rolls usage arriving after its period closed into the open period, against that period's allowance", async () => {
    t.setNow(new Date('2026-04-03T00:00:00Z'));
    const late = [
      HEADER,
      '0298765432,2026-03-25T10:00:00Z,61,seconds,local,late-1',
      '0298765432,2026-02-10T10:00:00Z,61,seconds,local,late-2',
    ].join('\n');
    await t.request('POST', '/api/v1/usage/imports', late, 'text/csv');
    expect(await (await t.request('POST', '/api/v1/usage/rating-runs', {})).json()).toMatchObject({
      recordsRated: 1,
      recordsQuarantined: 1,
    });
    const [rolled] = (await usageCharges()).slice(2);
    expect(rolled).toEqual({
      amountCents: 0,
      chargeDate: '2026-04-01',
      description: 'Calls 0298765432, 2026-04-01 to 2026-05-01: 1 record, 1.02 min, 1.5 min included, 1 late from an earlier period',
    });
    // Before the line was connected: nobody owned the number then (identify fails before bucket).
    expect((await openItems()).at(-1)).toEqual(['usage_record', 'not_identified', 'Missing Service Subscription']);
  });

  it('quarantines late usage instead when the rule says so', async () => {
    await t.request(
      'POST',
      '/api/v1/usage/imports',
      [HEADER, '0298765432,2026-03-26T10:00:00Z,61,seconds,local,late-3'].join('\n'),
      'text/csv',
    );
    const run = await t.request('POST', '/api/v1/usage/rating-runs', { lateUsage: { mode: 'quarantine', maxLatePeriods: 0 } });
    expect(await run.json()).toMatchObject({ recordsRated: 0, recordsQuarantined: 1 });
    const item = (await (await t.request('GET', '/api/v1/usage/quarantine?reason=not_bucketed')).json()).items.at(-1);
    expect(item.details).toMatchObject({
      title: 'Invalid Package Period',
      serviceIdentifier: '0298765432',
      startTime: '2026-03-26T10:00:00.000Z',
    });
  });

  it('re-processes the unknown number after its subscription is added', async () => {
    await subscribe(t.ctx(), { accountId, planId: phonePlanId, startDate: '2026-03-01', serviceIdentifier: '0299990000' });
    const response = await t.request('POST', '/api/v1/usage/quarantine/reprocess', { reason: 'not_identified' });
    // The February call still has no owner and stays; the March one on the new line rates.
    expect(await response.json()).toMatchObject({ items: 2, rating: { recordsRated: 1, recordsQuarantined: 1, chargesAdded: 1 } });
    expect((await usageCharges()).at(-1)).toMatchObject({
      chargeDate: '2026-04-01',
      description: 'Calls 0299990000, 2026-04-01 to 2026-05-01: 1 record, 2 min, 2 min included, 1 late from an earlier period',
    });
    expect((await openItems()).map((i) => i[1])).toEqual(['invalid_record', 'not_identified', 'not_bucketed']);
  });

  it('writes off in bulk: the items close and the records are never rated', async () => {
    const open = (await (await t.request('GET', '/api/v1/usage/quarantine')).json()).items as { id: number }[];
    const response = await t.request('POST', '/api/v1/usage/quarantine/write-off', { ids: open.map((i) => i.id) });
    expect(await response.json()).toEqual({ items: 3 });
    expect(await openItems()).toEqual([]);
    expect(await t.db.select({ n: count() }).from(usageRecords).where(eq(usageRecords.status, 'written_off'))).toEqual([{ n: 2 }]);
  });

  it('exports the approved invoice once for Xero, again only when asked', async () => {
    const first = await t.request('GET', '/api/v1/accounting/exports?format=xero&from=2026-04-01&to=2026-04-30');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-exported-invoices')).toBe('1');
    const text = await first.text();
    expect(text.split('\r\n')[0]).toMatch(/^\*ContactName,/);
    expect(text).toContain(
      '"Calls 0298765432, 2026-03-01 to 2026-04-01: 4 records, 303.42 min, 300 min included",1,1.05,,4100,GST on Income,0.11',
    );

    const second = await t.request('GET', '/api/v1/accounting/exports?format=xero&from=2026-04-01&to=2026-04-30');
    expect(second.headers.get('x-exported-invoices')).toBe('0');
    expect((await second.text()).trim().split('\r\n')).toHaveLength(1);

    const again = await t.request('GET', '/api/v1/accounting/exports?format=xero&from=2026-04-01&to=2026-04-30&again=true');
    expect(again.headers.get('x-exported-invoices')).toBe('1');
  });

  it('exports JSON with a balanced journal per invoice', async () => {
    const response = await t.request('GET', '/api/v1/accounting/exports?format=json&from=2026-04-01&to=2026-04-30');
    const body = await response.json();
    expect(body.invoices).toHaveLength(1);
    const { journal, totalCents } = body.invoices[0];
    expect(journal.totalDebitCents).toBe(totalCents);
    expect(journal.totalCreditCents).toBe(totalCents);
  });
});
