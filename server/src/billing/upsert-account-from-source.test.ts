import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, billingEvents } from '../db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { createAccount } from './create-account.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-03-17T10:00:00Z');
});
afterEach(() => t.dispose());

describe('upsertAccountFromSource', () => {
  it('creates the account once, with its cycle anchored on the first billing day, and announces it', async () => {
    const first = await upsertAccountFromSource(t.ctx(), {
      externalKey: 'connectwise:company:250',
      name: 'Acme Pty Ltd',
      accountType: 'Customer',
    });
    expect(first.outcome).toBe('created');
    expect(first.account).toMatchObject({
      openedOn: '2026-03-17',
      anchor: '2026-04-01',
      billingDay: 1,
      periodMonths: 1,
      currency: 'AUD',
      taxExempt: false,
      taxRateBasisPoints: 1000,
      status: 'active',
    });
    const events = await t.db.select().from(billingEvents);
    expect(events.map((e) => [e.type, e.entityId])).toEqual([['account.created', String(first.account.id)]]);
  });

  it('writes nothing when replayed unchanged, and only profile fields when changed', async () => {
    const input = { externalKey: 'connectwise:company:250', name: 'Acme', accountType: 'Customer', billingDay: 15 };
    const { account } = await upsertAccountFromSource(t.ctx(), input);
    const auditsBefore = (await t.db.select().from(auditLog)).length;
    expect((await upsertAccountFromSource(t.ctx(), input)).outcome).toBe('unchanged');
    expect((await t.db.select().from(auditLog)).length).toBe(auditsBefore);

    const renamed = await upsertAccountFromSource(t.ctx(), { ...input, name: 'Acme Holdings', billingDay: 3, status: 'suspended' });
    expect(renamed.outcome).toBe('updated');
    // The cycle stays as opened: re-cutting billed periods is never what a rename means.
    expect(renamed.account).toMatchObject({ id: account.id, name: 'Acme Holdings', status: 'suspended', billingDay: 15 });
    expect((await t.db.select().from(billingEvents).where(eq(billingEvents.type, 'account.created'))).length).toBe(1);
  });

  it("takes the source's tax code as a profile field: a change updates and is audited, none writes nothing", async () => {
    const input = { externalKey: 'connectwise:company:255', name: 'Harbourview Medical Centre' };
    const { account } = await upsertAccountFromSource(t.ctx(), input);
    expect(account.taxCode).toBeNull();
    // The sync's mapped value is not checked against tax_codes: 'GST' works without a row.
    const mapped = await upsertAccountFromSource(t.ctx(), { ...input, taxCode: 'GST-FREE' });
    expect(mapped).toMatchObject({ outcome: 'updated', account: { id: account.id, taxCode: 'GST-FREE' } });
    expect((await upsertAccountFromSource(t.ctx(), { ...input, taxCode: 'GST-FREE' })).outcome).toBe('unchanged');
    expect((await upsertAccountFromSource(t.ctx(), input)).account.taxCode).toBeNull(); // unmapped again: the products' codes
    const updates = (await t.db.select().from(auditLog)).filter((a) => a.action === 'account.update').map((a) => a.details);
    expect(updates).toEqual([
      { changes: { taxCode: 'GST-FREE' }, from: 'source' },
      { changes: { taxCode: null }, from: 'source' },
    ]);
  });

  it('rejects bad input with a validation error and a taken key with a conflict', async () => {
    await expect(upsertAccountFromSource(t.ctx(), { externalKey: 'nope', name: '' } as never)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:1', name: 'A', billingDay: 29 }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await createAccount(t.ctx(), { name: 'B', externalKey: 'connectwise:company:2' });
    await expect(createAccount(t.ctx(), { name: 'C', externalKey: 'connectwise:company:2' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('needs an anchor-aware cycle for quarterly accounts: the anchor is the first regular period start', async () => {
    const { account } = await upsertAccountFromSource(t.ctx(), {
      externalKey: 'connectwise:company:9',
      name: 'Q',
      billingDay: 1,
      periodMonths: 3,
    });
    expect(account.anchor).toBe('2026-04-01');
  });
});
