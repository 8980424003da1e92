import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, authHeader, type TestSystem } from '../../test/helpers/start-test-system.js';
import type { TicketBilling } from '../../shared/schemas/ticket-billing.js';

/**
 * The first vertical slice: the server reads a ticket's time entries from the
 * simulator over HTTP, as from a real Manage site, and says how each bills.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.close());

const get = (path: string, token = system.adminToken) => fetch(system.serverUrl + path, { headers: authHeader(token) });

describe('GET /api/v1/tickets/:id/billing', () => {
  it('lists every time entry of the ticket with its billing state and exact amount', async () => {
    const response = await get('/api/v1/tickets/1001/billing');
    expect(response.status).toBe(200);
    const billing = (await response.json()) as TicketBilling;
    const raw = system.simulator!.store.all('timeEntries').filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === 1001);
    expect(raw.length).toBeGreaterThanOrEqual(4);
    expect(billing.ticket.id).toBe(1001);
    expect(billing.timeEntries.map((e) => e.id)).toEqual(raw.map((e) => e.id));
    for (const entry of billing.timeEntries) {
      const source = raw.find((r) => r.id === entry.id)!;
      expect(entry.billableOption).toBe(source.billableOption);
      expect(entry.state).toBe(
        { Billable: 'billable', NoCharge: 'no-charge', DoNotBill: 'not-billable', NoDefault: 'not-billable' }[
          source.billableOption as string
        ],
      );
      // Independent arithmetic: rate in cents × hours in hundredths, rounded half up once.
      const rateCents = Math.round(Number(source.hourlyRate) * 100);
      const hoursHundredths = Math.round(Number(source.invoiceHours ?? source.hoursBilled ?? source.actualHours) * 100);
      const expected = entry.state === 'billable' ? Math.floor((rateCents * hoursHundredths + 50) / 100) : 0;
      expect(entry.amountCents).toBe(expected);
    }
    expect(billing.totals.billableCents).toBe(billing.timeEntries.reduce((s, e) => s + e.amountCents, 0));
    expect(new Set(billing.timeEntries.map((e) => e.state)).size).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 in the error envelope for a ticket ConnectWise does not have', async () => {
    const response = await get('/api/v1/tickets/999999/billing');
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'not_found' });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('rejects a malformed ticket id with 400, never a 500', async () => {
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999']) {
      const response = await get(`/api/v1/tickets/${bad}/billing`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });
});

describe('member sessions (Hosted API sign-in)', () => {
  const signIn = (body: unknown) =>
    fetch(`${system.serverUrl}/api/v1/sessions/member`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('opens a session for a member whose hash ConnectWise confirms', async () => {
    const memberHash = system.simulator!.identity.memberHashFor('admin');
    const response = await signIn({ memberid: 'admin', memberHash, memberContext: 'web' });
    expect(response.status).toBe(201);
    const session = await response.json();
    expect(session.member.identifier.toLowerCase()).toBe('admin');
    const billing = await get('/api/v1/tickets/1001/billing', session.token);
    expect(billing.status).toBe(200);
  });

  it('refuses a tampered member hash', async () => {
    const memberHash = system.simulator!.identity.memberHashFor('admin');
    const tampered = (memberHash[0] === 'A' ? 'B' : 'A') + memberHash.slice(1);
    const response = await signIn({ memberid: 'admin', memberHash: tampered });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthorized' });
  });

  it("refuses one member's hash presented as another member", async () => {
    const response = await signIn({ memberid: 'jsmith', memberHash: system.simulator!.identity.memberHashFor('admin') });
    expect(response.status).toBe(401);
  });

  it('rejects a malformed body with 400', async () => {
    for (const body of [{}, { memberid: '' }, { memberid: 'a', memberHash: 5 }, 'nope']) {
      expect((await signIn(body)).status).toBe(400);
    }
    const raw = await fetch(`${system.serverUrl}/api/v1/sessions/member`, { method: 'POST', body: '{not json' });
    expect(raw.status).toBe(400);
  });
});

describe('POST /api/v1/time-entries/preview', () => {
  const preview = (body: unknown) =>
    fetch(`${system.serverUrl}/api/v1/time-entries/preview`, {
      method: 'POST',
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it("says what an entry will bill with ConnectWise's own defaults, and warns about an unmapped combination", async () => {
    // Senior Engineer (3, $175/h) × After Hours (2: ×1.5, minimum 0.5 h, rounded up to 0.25 h): 0.6 h → 0.75 h × $262.50 = $196.88.
    const response = await preview({ ticketId: 1001, workRoleId: 3, workTypeId: 2, hours: '0.6' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ billedHours: '0.75', hourlyRateCents: 26250, amountCents: 19688, mapped: false });
    expect(body.warning).toMatch(/Senior Engineer × After Hours/);
  });

  it('rejects bad input with 400', async () => {
    for (const bad of [{}, { workRoleId: 1, workTypeId: 1, hours: 'lots' }, { workRoleId: -1, workTypeId: 1, hours: '1' }]) {
      expect((await preview(bad)).status).toBe(400);
    }
  });
});

describe('products and expenses on a ticket', () => {
  it('lists what was sold and spent on the ticket with exact amounts', async () => {
    const billing = (await (await get('/api/v1/tickets/1003/billing')).json()) as TicketBilling;
    const store = system.simulator!.store;
    const products = store.all('products').filter((p) => (p.ticket as { id?: number } | undefined)?.id === 1003);
    const expenses = store.all('expenseEntries').filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === 1003);
    expect(billing.products.map((p) => p.id)).toEqual(products.map((p) => p.id));
    expect(billing.expenses.map((e) => e.id)).toEqual(expenses.map((e) => e.id));
    for (const product of billing.products) {
      const source = products.find((p) => p.id === product.id)!;
      // Independent arithmetic: price in cents × whole quantity.
      expect(product.amountCents).toBe(Math.round(Number(source.price) * 100) * Number(source.quantity));
    }
    for (const expense of billing.expenses) {
      const source = expenses.find((e) => e.id === expense.id)!;
      expect(expense.amountCents).toBe(Math.round(Number(source.invoiceAmount ?? source.amount) * 100));
    }
  });
});

describe('a connection saved in Settings', () => {
  const put = (body: unknown) =>
    fetch(`${system.serverUrl}/api/v1/connectwise/connection`, {
      method: 'PUT',
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const connection = () => ({ site: system.simulator!.apiUrl, companyId: 'demo', publicKey: 'demo-public', clientId: 'test-client' });

  it('is used at once by the whole server, without a restart', async () => {
    expect((await put({ ...connection(), privateKey: 'not-the-key' })).status).toBe(200);
    const refused = await get('/api/v1/tickets/1001/billing');
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ code: 'upstream_rejected' });
    expect((await put({ ...connection(), privateKey: 'demo-private' })).status).toBe(200);
    expect((await get('/api/v1/tickets/1001/billing')).status).toBe(200);
  });
});
