import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POWERS } from '../../shared/powers.js';
import { createTestApp } from '../../test/helpers/test-app.js';
import { upsertAccountFromSource } from '../src/billing/upsert-account-from-source.js';
import { upsertContactFromSource } from '../src/billing/upsert-contact-from-source.js';

/** The billing REST API end to end through app.request, on a throwaway database. */
let t: Awaited<ReturnType<typeof createTestApp>>;
const NOW = new Date('2026-01-05T09:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ now: NOW });
});
afterEach(() => t.dispose());

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, any> });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('accounts and contacts', () => {
  it('creates, reads and updates an account', async () => {
    const created = await json(
      await t.request('POST', '/api/v1/accounts', { name: 'Acme', billingDay: 15, externalKey: 'connectwise:company:250' }),
    );
    expect(created).toMatchObject({
      status: 201,
      body: { name: 'Acme', billingDay: 15, currency: 'AUD', openedOn: '2026-01-05', anchor: '2026-01-15' },
    });
    const id = created.body.id;
    expect(await json(await t.request('GET', `/api/v1/accounts/${id}`))).toMatchObject({ status: 200, body: { id } });
    expect(await json(await t.request('PATCH', `/api/v1/accounts/${id}`, { taxExempt: true }))).toMatchObject({
      status: 200,
      body: { taxExempt: true },
    });
    expect((await json(await t.request('GET', '/api/v1/accounts?limit=10'))).body.items).toHaveLength(1);
    expect((await t.request('POST', '/api/v1/accounts', { name: 'Twin', externalKey: 'connectwise:company:250' })).status).toBe(409);
  });

  it("sets an account's tax code only to a defined one (400 otherwise), and clears it with null", async () => {
    const undefinedCode = await json(
      await t.request('POST', '/api/v1/accounts', { name: 'Harbourview Medical Centre', taxCode: 'GST-FREE' }),
    );
    expect(undefinedCode).toMatchObject({ status: 400, body: { code: 'validation_failed', details: { taxCode: 'GST-FREE' } } });
    expect((await t.request('PUT', '/api/v1/tax-codes/GST-FREE', { rate: 0, description: 'GST free' })).status).toBe(200);
    const created = await json(await t.request('POST', '/api/v1/accounts', { name: 'Harbourview Medical Centre', taxCode: 'GST-FREE' }));
    expect(created).toMatchObject({ status: 201, body: { taxCode: 'GST-FREE' } });
    const id = created.body.id;
    expect(await json(await t.request('PATCH', `/api/v1/accounts/${id}`, { taxCode: 'NOPE' }))).toMatchObject({
      status: 400,
      body: { code: 'validation_failed' },
    });
    expect(await json(await t.request('PATCH', `/api/v1/accounts/${id}`, { taxCode: null }))).toMatchObject({
      status: 200,
      body: { taxCode: null },
    });
    expect(await json(await t.request('PATCH', `/api/v1/accounts/${id}`, { taxCode: '' }))).toMatchObject({ status: 400 });
    expect((await json(await t.request('GET', `/api/v1/accounts/${id}`))).body).toMatchObject({ taxCode: null });
    // The default code needs no row: it is taxed at the account's own rate.
    expect(await json(await t.request('PATCH', `/api/v1/accounts/${id}`, { taxCode: 'GST' }))).toMatchObject({
      status: 200,
      body: { taxCode: 'GST' },
    });
  });

  it('holds plans and products to the same rule: GST or a defined tax code, a 400 that changes nothing otherwise', async () => {
    const plan = { code: 'NBN-100', name: 'NBN 100', kind: 'service', periodPriceCents: 8900 };
    expect(await json(await t.request('POST', '/api/v1/plans', { ...plan, taxCode: 'GST-FREE' }))).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', details: { taxCode: 'GST-FREE' } },
    });
    expect(
      await json(
        await t.request('POST', '/api/v1/products', {
          name: 'Laptop',
          kind: 'one-off',
          unitPriceCents: 150000,
          unit: 'each',
          taxCode: 'GST-FREE',
        }),
      ),
    ).toMatchObject({ status: 400, body: { details: { taxCode: 'GST-FREE' } } });
    expect((await json(await t.request('GET', '/api/v1/plans'))).body.plans).toEqual([]);
    expect((await json(await t.request('GET', '/api/v1/products'))).body.products).toEqual([]);
    const product = await json(
      await t.request('POST', '/api/v1/products', { name: 'Laptop', kind: 'one-off', unitPriceCents: 150000, unit: 'each' }),
    );
    expect(product).toMatchObject({ status: 201, body: { taxCode: 'GST' } });
    expect(await json(await t.request('PATCH', `/api/v1/products/${product.body.id}`, { taxCode: 'GST-FREE' }))).toMatchObject({
      status: 400,
    });
    expect((await t.request('PUT', '/api/v1/tax-codes/GST-FREE', { rate: 0, description: 'GST free' })).status).toBe(200);
    expect(await json(await t.request('PATCH', `/api/v1/products/${product.body.id}`, { taxCode: 'GST-FREE' }))).toMatchObject({
      status: 200,
      body: { taxCode: 'GST-FREE' },
    });
    expect(await json(await t.request('POST', '/api/v1/plans', { ...plan, taxCode: 'GST-FREE' }))).toMatchObject({
      status: 201,
      body: { taxCode: 'GST-FREE' },
    });
  });

  it('refuses to edit a ConnectWise-locked contact without "Allow Contact Editing"', async () => {
    const ctx = { db: t.db, now: NOW, actor: 'sync', defaultCurrency: 'AUD' };
    await upsertAccountFromSource(ctx, { externalKey: 'connectwise:company:1', name: 'Acme' });
    const { contact } = await upsertContactFromSource(ctx, {
      externalKey: 'connectwise:contact:2',
      accountExternalKey: 'connectwise:company:1',
      firstName: 'Ada',
    });
    const withoutOverride = await t.tokenWith([POWERS.integration]);
    const refused = await json(await t.request('PATCH', `/api/v1/contacts/${contact.id}`, { firstName: 'Eve' }, withoutOverride));
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', details: { missing: [POWERS.contactEditing] } } });
    const withOverride = await t.tokenWith([POWERS.integration, POWERS.contactEditing]);
    expect(await json(await t.request('PATCH', `/api/v1/contacts/${contact.id}`, { firstName: 'Eve' }, withOverride))).toMatchObject({
      status: 200,
      body: { firstName: 'Eve', locked: true },
    });
    // A local contact needs no override.
    const local = await json(await t.request('POST', `/api/v1/accounts/1/contacts`, { firstName: 'Bob' }, withoutOverride));
    expect((await t.request('PATCH', `/api/v1/contacts/${local.body.id}`, { lastName: 'Builder' }, withoutOverride)).status).toBe(200);
  });
});

describe('plans', () => {
  it("edits a plan's name, GL code and tax code, and refuses a price change with a 400 envelope", async () => {
    const plan = await json(
      await t.request('POST', '/api/v1/plans', { code: 'NBN', name: 'NBN 100', kind: 'service', periodPriceCents: 9900 }),
    );
    const id = plan.body.id;
    const edited = await json(await t.request('PATCH', `/api/v1/plans/${id}`, { name: 'NBN 100/40', glCode: '4200' }));
    expect(edited).toMatchObject({
      status: 200,
      body: { id, name: 'NBN 100/40', glCode: '4200', taxCode: 'GST', periodPriceCents: 9900, parts: [], inclusions: [] },
    });
    const repriced = await json(await t.request('PATCH', `/api/v1/plans/${id}`, { periodPriceCents: 10900 }));
    expect(repriced).toMatchObject({
      status: 400,
      body: {
        code: 'validation_failed',
        requestId: expect.any(String),
        details: { issues: [{ message: expect.stringContaining('/api/v1/subscriptions/:id/terms') }] },
      },
    });
    expect(await json(await t.request('PATCH', `/api/v1/plans/${id}`, { taxCode: 'NOPE' }))).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', requestId: expect.any(String) },
    });
    expect(await json(await t.request('PATCH', '/api/v1/plans/999', { name: 'Ghost' }))).toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    });
    expect((await json(await t.request('GET', `/api/v1/plans/${id}`))).body).toMatchObject({
      name: 'NBN 100/40',
      glCode: '4200',
      periodPriceCents: 9900,
    });
  });
});

describe('charges and the Idempotency-Key header', () => {
  const charge = (id: number) => ({
    source: `connectwise:time:${id}`,
    accountId: 1,
    kind: 'labour',
    description: 'Patching',
    chargeDate: '2026-01-05',
    quantityMilli: 1250,
    unitPriceCents: 16500,
  });

  beforeEach(async () => {
    await t.request('POST', '/api/v1/accounts', { name: 'Acme' });
  });

  it('adds one charge, and reports the same source as already present', async () => {
    expect(await json(await post('/api/v1/charges', charge(1)))).toMatchObject({
      status: 201,
      body: { charge: { amountCents: 20625 }, alreadyPresent: false },
    });
    expect(await json(await post('/api/v1/charges', charge(1)))).toMatchObject({
      status: 200,
      body: { alreadyPresent: true, source: 'connectwise:time:1' },
    });
  });

  it('replays the same key and body, and refuses the same key with another body', async () => {
    const batch = { charges: [charge(1), charge(2)] };
    const first = await post('/api/v1/charges/batch', batch, { 'idempotency-key': 'batch-0001' });
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(firstBody).added).toHaveLength(2);
    const replay = await post('/api/v1/charges/batch', batch, { 'idempotency-key': 'batch-0001' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.text()).toBe(firstBody);
    const other = await json(await post('/api/v1/charges/batch', { charges: [charge(3)] }, { 'idempotency-key': 'batch-0001' }));
    expect(other).toMatchObject({ status: 409, body: { code: 'idempotency_mismatch' } });
    // Without the key, the batch is still idempotent by source: nothing added twice.
    expect((await json(await post('/api/v1/charges/batch', batch))).body).toMatchObject({
      added: [],
      alreadyPresent: [{ differs: false }, { differs: false }],
    });
  });

  it('answers bad input with a 4xx envelope, never a 500', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v1/charges', { ...charge(1), chargeDate: '2026-02-30' }],
      ['POST', '/api/v1/charges', { ...charge(1), quantityMilli: 1.5 }],
      ['POST', '/api/v1/charges', { ...charge(1), accountId: 999 }],
      ['POST', '/api/v1/charges/batch', { charges: [] }],
      ['POST', '/api/v1/accounts', { name: 'X', billingDay: 31 }],
      ['POST', '/api/v1/accounts', { name: 'X', periodMonths: 0 }],
      ['POST', '/api/v1/accounts', { name: 'X', currency: 'aud' }],
      ['GET', '/api/v1/accounts/abc', undefined],
      ['GET', '/api/v1/accounts/99999999999999999999', undefined],
      ['GET', '/api/v1/invoices/5', undefined],
      ['POST', '/api/v1/invoice-runs', { billingDate: 'yesterday' }],
      ['POST', '/api/v1/invoices/5/approve', {}],
      [
        'POST',
        '/api/v1/plans',
        { code: 'P', name: 'P', kind: 'service', periodPriceCents: 100, parts: [{ servicePlanId: 1, mandatory: true }] },
      ],
      ['PATCH', '/api/v1/accounts/1', { billingDay: 3 }],
    ];
    for (const [method, path, body] of cases) {
      const { status, body: answer } = await json(await t.request(method, path, body));
      expect({ path, status, envelope: typeof answer.code === 'string' && typeof answer.requestId === 'string' }).toMatchObject({
        path,
        envelope: true,
      });
      expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(status, `${method} ${path}`).toBeLessThan(500);
    }
    const notJson = await t.app.request('/api/v1/charges', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
  });
});

describe('invoices over REST', () => {
  it('runs, approves, credits and renders an invoice with every text escaped', async () => {
    await t.request('POST', '/api/v1/accounts', { name: 'Acme <script>alert(1)</script>', openedOn: '2026-01-01' });
    const plan = await json(
      await t.request('POST', '/api/v1/plans', { code: 'NBN', name: 'NBN 100', kind: 'service', periodPriceCents: 9900 }),
    );
    await t.request('POST', '/api/v1/accounts/1/subscriptions', { planId: plan.body.id, startDate: '2026-01-01' });
    await post('/api/v1/charges', {
      source: 'connectwise:time:9',
      accountId: 1,
      kind: 'labour',
      description: '<img src=x onerror=alert(1)>',
      chargeDate: '2026-01-02',
      quantityMilli: 1000,
      unitPriceCents: 16500,
      ticketNumber: '77',
      memberName: 'jsmith',
      workRole: 'Engineer',
      workType: 'Remote',
    });

    t.setNow(new Date('2026-02-01T09:00:00Z'));
    const run = await json(await t.request('POST', '/api/v1/invoice-runs', { billingDate: '2026-02-01' }));
    expect(run.body).toMatchObject({ status: 'completed', invoicesCreated: 1 });
    const [invoice] = (await json(await t.request('GET', '/api/v1/invoices?accountId=1'))).body.items;
    expect(invoice).toMatchObject({ status: 'draft', netCents: 9900 + 9900 + 16500 }); // Jan (never billed) + Feb + labour
    const approved = await json(await t.request('POST', `/api/v1/invoices/${invoice.id}/approve`, {}));
    expect(approved.body).toMatchObject({ status: 'approved', number: 'INV-000001' });
    expect((await t.request('POST', `/api/v1/invoices/${invoice.id}/approve`, {})).status).toBe(409);
    const credit = await json(await t.request('POST', `/api/v1/invoices/${invoice.id}/credit-notes`, { reason: 'Goodwill' }));
    expect(credit).toMatchObject({ status: 201, body: { number: 'CN-000001', totalCents: -invoice.totalCents } });

    const document = await t.request('GET', `/api/v1/invoices/${invoice.id}/document`);
    expect(document.headers.get('content-type')).toMatch(/text\/html/);
    const html = await document.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Labour Charges');
    expect(html).toContain('Engineer × Remote');

    const events = (await json(await t.request('GET', '/api/v1/billing-events'))).body.events.map((event: { type: string }) => event.type);
    expect(events).toEqual(['account.created', 'invoice.approved', 'credit_note.issued']);
    expect((await t.request('POST', '/api/v1/accounts/1/immediate-invoice', {})).status).toBe(409); // nothing pending
  });
});
