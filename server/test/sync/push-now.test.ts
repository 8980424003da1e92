import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, charges, syncQuarantine, syncRecords } from '../../src/db/schema/index.js';
import { invoiceAccountNow } from '../../src/billing/invoice-account-now.js';
import { approveInvoice } from '../../src/billing/approve-invoice.js';
import { runSync } from '../../src/sync/run-sync.js';
import { startTestSystem, authHeader, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';

/**
 * "Push to billing now" (the ticket pod's button) and "a pending charge follows its
 * ConnectWise record", against the whole product with the simulator over HTTP.
 */
let system: TestSystem;
const post = async (path: string) => {
  const response = await fetch(system.serverUrl + path, { method: 'POST', headers: authHeader(system.adminToken) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { timeEntries: Record<string, unknown>[] } };
};
const chargeOf = async (id: number) =>
  (
    await system.database.db
      .select()
      .from(charges)
      .where(eq(charges.source, `connectwise:time:${id}`))
  )[0];
const store = () => system.simulator!.store;
const editEntry = (id: number, changes: Record<string, unknown>) =>
  store().replace('timeEntries', { ...store().get('timeEntries', id)!, ...changes }, 'test');

beforeAll(async () => {
  system = await startTestSystem();
  await mapDemo(system.database.db);
  // Accounts first (as the sync's first stream makes them); no time entry is charged yet.
  await runSync(
    { db: system.database.db, cw: system.cw, clock: system.clock, currency: 'AUD' },
    { mode: 'full', trigger: 'test', streams: ['companies'] },
  );
});
afterAll(async () => system?.close());

describe('POST /api/v1/connectwise/time-entries/:id/push', () => {
  it('adds the charge once: pushing again finds it already present', async () => {
    const first = await post('/api/v1/connectwise/time-entries/1/push');
    expect(first.status).toBe(200);
    const charge = await chargeOf(1);
    // 0.75 h × $175.00 (ConnectWise's rate) = $131.25.
    expect(charge).toMatchObject({ quantityMilli: 750, unitPriceCents: 17500, amountCents: 13125, invoiceId: null });
    expect(first.body).toEqual({
      timeEntryId: 1,
      outcome: 'charge_added',
      chargeSource: 'connectwise:time:1',
      chargeId: charge.id,
      invoiceId: null,
      explanation: expect.stringContaining('$131.25'),
    });
    const second = await post('/api/v1/connectwise/time-entries/1/push');
    expect(second.body).toMatchObject({ timeEntryId: 1, outcome: 'already_present', chargeId: charge.id });
    expect(await system.database.db.select().from(charges).where(eq(charges.source, 'connectwise:time:1'))).toHaveLength(1);
  });

  it('answers 404 for an entry ConnectWise does not have', async () => {
    expect((await post('/api/v1/connectwise/time-entries/999999/push')).status).toBe(404);
  });
});

describe('POST /api/v1/connectwise/tickets/:id/push', () => {
  it('says per entry what happened: added, already present, skipped (not billable / not approved)', async () => {
    const { status, body } = await post('/api/v1/connectwise/tickets/1001/push');
    expect(status).toBe(200);
    expect(body.ticketId).toBe(1001);
    expect(body.timeEntries.map((e) => [e.timeEntryId, e.outcome, e.why ?? null])).toEqual([
      [1, 'already_present', null],
      [2, 'charge_added', null], // No Charge: shown at $0
      [3, 'charge_added', null],
      [4, 'skipped', 'status PendingApproval is not approved to bill'],
      [5, 'skipped', 'billable option DoNotBill is not let through'],
    ]);
    expect((await chargeOf(2)).amountCents).toBe(0);
    // Idempotent: the whole ticket again adds nothing.
    const again = await post('/api/v1/connectwise/tickets/1001/push');
    expect(again.body.timeEntries.map((e) => e.outcome)).toEqual([
      'already_present',
      'already_present',
      'already_present',
      'skipped',
      'skipped',
    ]);
  });

  it('reports quarantined entries with their reason', async () => {
    // Ticket 1009 belongs to company 254, whose type is not mapped: no account to bill.
    const { body } = await post('/api/v1/connectwise/tickets/1009/push');
    expect(body.timeEntries.find((e) => e.timeEntryId === 29)).toMatchObject({ outcome: 'quarantined', reason: 'unknown_company' });
    const [item] = await system.database.db.select().from(syncQuarantine).where(eq(syncQuarantine.externalId, '29'));
    expect(item).toMatchObject({ entity: 'time_entry', reason: 'unknown_company', status: 'open' });
  });

  it('answers 404 for a ticket ConnectWise does not have', async () => {
    expect((await post('/api/v1/connectwise/tickets/999999/push')).status).toBe(404);
  });
});

describe('a record that changes before it is billed', () => {
  it('brings its pending charge up to date (audited) instead of quarantining it', async () => {
    await post('/api/v1/connectwise/time-entries/3/push');
    const before = await chargeOf(3);
    editEntry(3, { invoiceHours: 2, actualHours: 2, notes: 'Longer than planned' });
    const pushed = await post('/api/v1/connectwise/time-entries/3/push');
    expect(pushed.body).toMatchObject({ outcome: 'charge_updated', chargeId: before.id });
    // 2 h × $140.00 = $280.00, same charge row.
    expect(await chargeOf(3)).toMatchObject({ id: before.id, quantityMilli: 2000, amountCents: 28000, invoiceId: null });
    const audits = await system.database.db.select().from(auditLog).where(eq(auditLog.action, 'charge.replace'));
    expect(audits.map((a) => a.details)).toContainEqual(
      expect.objectContaining({
        source: 'connectwise:time:3',
        after: expect.objectContaining({ quantityMilli: 2000, amountCents: 28000 }),
      }),
    );
    expect(await system.database.db.select().from(syncQuarantine).where(eq(syncQuarantine.externalId, '3'))).toEqual([]);
  });

  it('loses its pending charge when it stops being billable, and gets it back when it bills again', async () => {
    await post('/api/v1/connectwise/time-entries/8/push');
    expect(await chargeOf(8)).toBeDefined();
    editEntry(8, { billableOption: 'DoNotBill' });
    expect((await post('/api/v1/connectwise/time-entries/8/push')).body).toMatchObject({
      outcome: 'skipped',
      why: 'billable option DoNotBill is not let through',
    });
    expect(await chargeOf(8)).toBeUndefined();
    const [record] = await system.database.db
      .select()
      .from(syncRecords)
      .where(and(eq(syncRecords.stream, 'time_entries'), eq(syncRecords.externalId, 8)));
    expect(record).toMatchObject({ outcome: 'skipped', target: null });
    editEntry(8, { billableOption: 'Billable' });
    expect((await post('/api/v1/connectwise/time-entries/8/push')).body).toMatchObject({ outcome: 'charge_added' });
  });

  it('loses its pending charge when it moves to a company we cannot bill, and is quarantined', async () => {
    await post('/api/v1/connectwise/time-entries/16/push');
    expect(await chargeOf(16)).toBeDefined();
    editEntry(16, { company: { id: 254, identifier: 'Partner', name: 'Partner Co' } });
    expect((await post('/api/v1/connectwise/time-entries/16/push')).body).toMatchObject({
      outcome: 'quarantined',
      reason: 'unknown_company',
    });
    expect(await chargeOf(16)).toBeUndefined();
  });

  it('removes its pending charge when it is deleted in ConnectWise (audited)', async () => {
    await post('/api/v1/connectwise/time-entries/17/push');
    const charge = await chargeOf(17);
    store().remove('timeEntries', 17, 'test');
    expect((await post('/api/v1/connectwise/time-entries/17/push')).status).toBe(404);
    expect(await chargeOf(17)).toBeUndefined();
    const removed = await system.database.db.select().from(auditLog).where(eq(auditLog.action, 'charge.remove'));
    expect(removed.map((a) => a.entityId)).toContain(String(charge.id));
    expect(await system.database.db.select().from(syncQuarantine).where(eq(syncQuarantine.externalId, '17'))).toEqual([]);
  });

  it('loses its pending charge in the deletion sweep of a full sync too', async () => {
    await post('/api/v1/connectwise/time-entries/19/push');
    const charge = await chargeOf(19);
    store().remove('timeEntries', 19, 'test');
    const run = await runSync(
      { db: system.database.db, cw: system.cw, clock: system.clock, currency: 'AUD' },
      { mode: 'full', trigger: 'test', streams: ['time_entries'] },
    );
    expect(run.deleted).toBeGreaterThanOrEqual(1);
    expect(await chargeOf(19)).toBeUndefined();
    expect((await system.database.db.select().from(auditLog).where(eq(auditLog.action, 'charge.remove'))).map((a) => a.entityId)).toContain(
      String(charge.id),
    );
    expect(
      await system.database.db
        .select()
        .from(syncRecords)
        .where(and(eq(syncRecords.stream, 'time_entries'), eq(syncRecords.externalId, 19))),
    ).toEqual([expect.objectContaining({ outcome: 'deleted', target: null })]);
  });

  it('still goes to quarantine once invoiced: changed_after_billing, deleted_after_billing', async () => {
    const db = system.database.db;
    await post('/api/v1/connectwise/tickets/1002/push');
    const billed = await chargeOf(8);
    // The billing core invoices the account now and approves the invoice: the charge of entry 8 is billed.
    const ctx = { db, now: system.clock(), actor: 'test', defaultCurrency: 'AUD' };
    const { invoiceId } = await invoiceAccountNow(ctx, { accountId: billed.accountId });
    const invoice = await approveInvoice(ctx, { invoiceId });
    expect(await chargeOf(8)).toMatchObject({ invoiceId: invoice.id });
    editEntry(8, { invoiceHours: 3 });
    expect((await post('/api/v1/connectwise/time-entries/8/push')).body).toMatchObject({
      outcome: 'quarantined',
      reason: 'changed_after_billing',
    });
    expect(await chargeOf(8)).toMatchObject({ id: billed.id, quantityMilli: billed.quantityMilli, invoiceId: invoice.id });
    store().remove('timeEntries', 8, 'test');
    await post('/api/v1/connectwise/time-entries/8/push');
    const [item] = await db.select().from(syncQuarantine).where(eq(syncQuarantine.externalId, '8'));
    expect(item).toMatchObject({
      reason: 'deleted_after_billing',
      status: 'open',
      details: expect.objectContaining({ invoiceNumber: invoice.number }),
    });
    expect(await chargeOf(8)).toMatchObject({ id: billed.id });
  });
});
