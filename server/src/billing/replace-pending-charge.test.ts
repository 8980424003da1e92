import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, charges } from '../db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { addCharges, type ChargeInput } from './add-charges.js';
import { replacePendingCharge } from './replace-pending-charge.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext();
  await upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:250', name: 'Acme' });
});
afterEach(() => t.dispose());

const entry = (overrides: Partial<ChargeInput> = {}): ChargeInput => ({
  source: 'connectwise:time:1',
  accountExternalKey: 'connectwise:company:250',
  kind: 'labour',
  description: 'Ticket #5001 work',
  chargeDate: '2026-01-12',
  quantityMilli: 1000,
  unitPriceCents: 16500,
  ...overrides,
});
const { source: _source, ...asReplacement } = entry();
const audits = async () =>
  (await t.db.select().from(auditLog)).filter((a) => a.action.startsWith('charge.')).map((a) => [a.action, a.details]);

describe('replacePendingCharge', () => {
  it('makes a pending charge follow its source, audited, and writes nothing when nothing changed', async () => {
    await addCharges(t.ctx(), { charges: [entry()] });
    const replaced = await replacePendingCharge(t.ctx(), {
      source: 'connectwise:time:1',
      charge: { ...asReplacement, quantityMilli: 1500, description: 'Ticket #5001 work (more)' },
      reason: 'changed in ConnectWise',
    });
    expect(replaced).toMatchObject({
      outcome: 'replaced',
      charge: { quantityMilli: 1500, amountCents: 24750, description: 'Ticket #5001 work (more)' },
    });
    const again = await replacePendingCharge(t.ctx(), {
      source: 'connectwise:time:1',
      charge: { ...asReplacement, quantityMilli: 1500, description: 'Ticket #5001 work (more)' },
      reason: 'changed in ConnectWise',
    });
    expect(again.outcome).toBe('unchanged');
    expect(await audits()).toEqual([
      [
        'charge.replace',
        {
          source: 'connectwise:time:1',
          reason: 'changed in ConnectWise',
          before: { description: 'Ticket #5001 work', quantityMilli: 1000, amountCents: 16500 },
          after: { description: 'Ticket #5001 work (more)', quantityMilli: 1500, amountCents: 24750 },
        },
      ],
    ]);
  });

  it("rebuilds the tax code as addCharges does: a GST-free customer's edited time entry stays GST-free", async () => {
    await upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:250', name: 'Acme', taxCode: 'GST-FREE' });
    await addCharges(t.ctx(), { charges: [entry()] });
    const replaced = await replacePendingCharge(t.ctx(), {
      source: 'connectwise:time:1',
      charge: { ...asReplacement, quantityMilli: 1500 },
      reason: 'changed in ConnectWise',
    });
    expect(replaced).toMatchObject({ outcome: 'replaced', charge: { quantityMilli: 1500, taxCode: 'GST-FREE' } });
    expect((await audits())[0][1]).toMatchObject({ after: { quantityMilli: 1500, amountCents: 24750 } });
    expect((await audits())[0][1]).not.toHaveProperty('after.taxCode');
  });

  it('removes a pending charge whose source was deleted, audited', async () => {
    await addCharges(t.ctx(), { charges: [entry()] });
    expect(
      (await replacePendingCharge(t.ctx(), { source: 'connectwise:time:1', charge: null, reason: 'deleted in ConnectWise' })).outcome,
    ).toBe('removed');
    expect(await t.db.select().from(charges)).toEqual([]);
    expect((await audits())[0]).toMatchObject(['charge.remove', { source: 'connectwise:time:1', reason: 'deleted in ConnectWise' }]);
  });

  it('never touches a charge an invoice took (409), nor one that does not exist (404)', async () => {
    const { added } = await addCharges(t.ctx(), { charges: [entry()] });
    await t.db.update(charges).set({ invoiceId: 77 }).where(eq(charges.id, added[0].id));
    await expect(
      replacePendingCharge(t.ctx(), { source: 'connectwise:time:1', charge: { ...asReplacement, quantityMilli: 2000 }, reason: 'changed' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(replacePendingCharge(t.ctx(), { source: 'connectwise:time:1', charge: null, reason: 'deleted' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(replacePendingCharge(t.ctx(), { source: 'connectwise:time:2', charge: null, reason: 'deleted' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await t.db.select().from(charges))[0]).toMatchObject({ quantityMilli: 1000, invoiceId: 77 });
    expect(await audits()).toEqual([]);
  });
});
