import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, authHeader, type TestSystem } from '../../test/helpers/start-test-system.js';
import { testClock } from '../../test/helpers/test-clock.js';
import { registerCallbacks } from '../src/connectwise/register-callbacks.js';
import { SYNCED_TICKET_MAX_AGE_MS } from '../src/tickets/synced-ticket-age.js';
import type { TicketBilling } from '../../shared/schemas/ticket-billing.js';

/**
 * The ticket billing view is served from the records the server holds, and Manage is read
 * only when it must be: the first view of a ticket, a view of records older than the bound,
 * or a Refresh. Every request the server makes to the simulator is counted at its client.
 */
let system: TestSystem;
let manageRequests = 0;
// The system's clock, moved on by hand to make what the view holds old.
let skewMs = 0;
const base = testClock();
const clock = () => new Date(base().getTime() + skewMs);

beforeAll(async () => {
  system = await startTestSystem({}, { clock, onConnectWiseRequest: () => void manageRequests++ });
});
afterAll(async () => system?.close());

const store = () => system.simulator!.store;

/** One view over HTTP, with the Manage requests it made. */
async function view(ticketId: number, query = ''): Promise<{ status: number; billing: TicketBilling; requests: number }> {
  const before = manageRequests;
  const response = await fetch(`${system.serverUrl}/api/v1/tickets/${ticketId}/billing${query}`, {
    headers: authHeader(system.adminToken),
  });
  return { status: response.status, billing: (await response.json()) as TicketBilling, requests: manageRequests - before };
}

const content = (billing: TicketBilling): Omit<TicketBilling, 'source' | 'syncedAt'> => {
  const { source: _source, syncedAt: _syncedAt, ...rest } = billing;
  return rest;
};

describe('a ticket viewed again', () => {
  it('is read live the first time (four requests) and served from what the server holds the second time (none)', async () => {
    const first = await view(1001);
    expect(first.status).toBe(200);
    expect(first.billing.source).toBe('live');
    expect(first.requests).toBe(4);
    expect(Math.abs(Date.parse(first.billing.syncedAt) - clock().getTime())).toBeLessThan(60_000);

    const second = await view(1001);
    expect(second.status).toBe(200);
    expect(second.requests).toBe(0);
    expect(second.billing.source).toBe('synced');
    expect(second.billing.syncedAt).toBe(first.billing.syncedAt);
    expect(content(second.billing)).toEqual(content(first.billing));
  });

  it('shows products and expenses from what it holds as the live read did', async () => {
    const first = await view(1003);
    const second = await view(1003);
    expect(first.billing.products.length).toBeGreaterThan(0);
    expect(first.billing.expenses.length).toBeGreaterThan(0);
    expect(second.requests).toBe(0);
    expect(content(second.billing)).toEqual(content(first.billing));
  });

  it('makes one live read for views of an unread ticket that arrive together', async () => {
    const before = manageRequests;
    const views = await Promise.all(Array.from({ length: 10 }, () => view(1004)));
    expect(views.every((v) => v.status === 200 && v.billing.ticket.id === 1004)).toBe(true);
    expect(manageRequests - before).toBe(4);
  });

  it('still answers 404 for a ticket Manage does not have, and 400 for a bad refresh', async () => {
    const missing = await view(999_999);
    expect(missing.status).toBe(404);
    expect((await view(999_999)).requests).toBe(1);
    for (const bad of ['?refresh=yes', '?refresh=1', '?refresh=']) {
      const response = await view(1001, bad);
      expect(response.status).toBe(400);
      expect(response.billing).toMatchObject({ code: 'validation_failed' });
    }
  });
});

describe('our own writes', () => {
  it('show at once: a flag set through the API is in the next view, which asks Manage nothing', async () => {
    // No callback is registered yet: only the flag's own write can bring the change.
    expect(await system.cw.listAll('/system/callbacks')).toEqual([]);
    const first = await view(1005);
    const entry = first.billing.timeEntries.find((e) => e.billableOption === 'Billable' && e.cwStatus !== 'Billed')!;
    const flagged = await fetch(`${system.serverUrl}/api/v1/time-entries/${entry.id}/billable-option`, {
      method: 'PUT',
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ billableOption: 'DoNotBill' }),
    });
    expect(flagged.status).toBe(200);
    const after = await view(1005);
    expect(after.requests).toBe(0);
    expect(after.billing.source).toBe('synced');
    expect(after.billing.timeEntries.find((e) => e.id === entry.id)).toMatchObject({ billableOption: 'DoNotBill', state: 'not-billable' });
  });
});

describe('what changes in Manage', () => {
  it('is read again on a Refresh (refresh=true), and then held', async () => {
    // Products have no callback: a change shows on a Refresh, a sync or once what is held is old.
    const [sale] = store()
      .all('products')
      .filter((p) => (p.ticket as { id?: number } | undefined)?.id === 1003);
    store().replace('products', { ...sale, description: 'Refurbished toner, boxed' }, 'tkowalski');
    expect((await view(1003)).billing.products.find((p) => p.id === sale.id)!.description).not.toBe('Refurbished toner, boxed');

    const refreshed = await view(1003, '?refresh=true');
    expect(refreshed.requests).toBe(4);
    expect(refreshed.billing.source).toBe('live');
    expect(refreshed.billing.products.find((p) => p.id === sale.id)!.description).toBe('Refurbished toner, boxed');
    const after = await view(1003);
    expect(after.requests).toBe(0);
    expect(after.billing.products.find((p) => p.id === sale.id)!.description).toBe('Refurbished toner, boxed');
  });

  it('reaches the held records through a sync run, with no live read', async () => {
    const [sale] = store()
      .all('products')
      .filter((p) => (p.ticket as { id?: number } | undefined)?.id === 1003);
    store().replace('products', { ...sale, description: 'Toner, sold after the sync' }, 'tkowalski');
    const sync = await fetch(`${system.serverUrl}/api/v1/connectwise/sync`, {
      method: 'POST',
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'incremental' }),
    });
    expect(sync.status).toBe(201);
    const after = await view(1003);
    expect(after.requests).toBe(0);
    expect(after.billing.source).toBe('synced');
    expect(after.billing.products.find((p) => p.id === sale.id)!.description).toBe('Toner, sold after the sync');
  });

  it('reaches the view through the callback of a changed time entry', async () => {
    await registerCallbacks(system.cw, `${system.serverUrl}/api/v1/connectwise/callbacks?id=`);
    await view(1002);
    const entry = store()
      .all('timeEntries')
      .find((e) => e.chargeToId === 1002 && e.chargeToType === 'ServiceTicket')!;
    store().replace('timeEntries', { ...entry, notes: 'Replaced the fuser, tested twice.', actualHours: 2, invoiceHours: 2 }, 'jsmith');
    await system.simulator!.callbacks.settled();
    expect(system.simulator!.callbacks.attempts.at(-1)).toMatchObject({ recordId: entry.id, status: 200 });

    const after = await view(1002);
    expect(after.requests).toBe(0);
    expect(after.billing.source).toBe('synced');
    expect(after.billing.timeEntries.find((e) => e.id === entry.id)).toMatchObject({
      notes: 'Replaced the fuser, tested twice.',
      billedHours: '2.00',
    });
  });

  it('leaves the view through the callback of a deleted time entry', async () => {
    const entry = store()
      .all('timeEntries')
      .filter((e) => e.chargeToId === 1002 && e.chargeToType === 'ServiceTicket')
      .at(-1)!;
    expect((await view(1002)).billing.timeEntries.map((e) => e.id)).toContain(entry.id);
    store().remove('timeEntries', entry.id, 'jsmith');
    await system.simulator!.callbacks.settled();
    const after = await view(1002);
    expect(after.requests).toBe(0);
    expect(after.billing.timeEntries.map((e) => e.id)).not.toContain(entry.id);
  });

  it('is read live once when what the server holds is older than the bound', async () => {
    const held = await view(1001);
    expect(held.requests).toBe(0);
    skewMs += SYNCED_TICKET_MAX_AGE_MS + 60_000;
    const stale = await view(1001);
    expect(stale.requests).toBe(4);
    expect(stale.billing.source).toBe('live');
    expect(Date.parse(stale.billing.syncedAt)).toBeGreaterThan(Date.parse(held.billing.syncedAt) + SYNCED_TICKET_MAX_AGE_MS);
    const again = await view(1001);
    expect(again.requests).toBe(0);
    expect(again.billing.source).toBe('synced');
    expect(again.billing.syncedAt).toBe(stale.billing.syncedAt);
  });
});

describe('a connection saved in Settings', () => {
  it('drops what was read through the old one', async () => {
    expect((await view(1001)).requests).toBe(0);
    const put = await fetch(`${system.serverUrl}/api/v1/connectwise/connection`, {
      method: 'PUT',
      headers: { ...authHeader(system.adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        site: system.simulator!.apiUrl,
        companyId: 'demo',
        publicKey: 'demo-public',
        privateKey: 'demo-private',
        clientId: 'test-client',
      }),
    });
    expect(put.status).toBe(200);
    const after = await view(1001);
    expect(after.billing.source).toBe('live');
    expect(after.requests).toBeGreaterThanOrEqual(4);
  });
});
