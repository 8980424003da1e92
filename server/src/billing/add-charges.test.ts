import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { charges } from '../db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { addCharges, type ChargeInput } from './add-charges.js';
import { ensureProduct } from './ensure-product.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext();
  await upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:250', name: 'Acme' });
});
afterEach(() => t.dispose());

const timeEntry = (id: number, hours: string, overrides: Partial<ChargeInput> = {}): ChargeInput => ({
  source: `connectwise:time:${id}`,
  accountExternalKey: 'connectwise:company:250',
  kind: 'labour',
  description: `Ticket #5001 work`,
  chargeDate: '2026-01-12',
  quantityMilli: Math.round(Number(hours) * 1000),
  unitPriceCents: 16500,
  ticketNumber: '5001',
  memberName: 'jsmith',
  workRole: 'Engineer',
  workType: 'Remote',
  ...overrides,
});

describe('addCharges', () => {
  it('adds a batch once: the same batch again adds nothing and says which were already there', async () => {
    const batch = [timeEntry(1, '1.25'), timeEntry(2, '0.33')];
    const first = await addCharges(t.ctx(), { charges: batch });
    expect(first.added.map((c) => [c.source, c.amountCents])).toEqual([
      ['connectwise:time:1', 20625], // 165.00 × 1.25
      ['connectwise:time:2', 5445], // 165.00 × 0.33 = 54.45
    ]);
    expect(first.alreadyPresent).toEqual([]);
    const second = await addCharges(t.ctx(), { charges: [...batch, timeEntry(3, '2')] });
    expect(second.added.map((c) => c.source)).toEqual(['connectwise:time:3']);
    expect(second.alreadyPresent).toEqual([
      { source: 'connectwise:time:1', chargeId: first.added[0].id, invoiceId: null, differs: false },
      { source: 'connectwise:time:2', chargeId: first.added[1].id, invoiceId: null, differs: false },
    ]);
    expect(await t.db.select().from(charges)).toHaveLength(3);
  });

  it('reports a replayed source whose content changed, without changing the charge', async () => {
    await addCharges(t.ctx(), { charges: [timeEntry(1, '1')] });
    const replay = await addCharges(t.ctx(), { charges: [timeEntry(1, '2')] });
    expect(replay.alreadyPresent[0].differs).toBe(true);
    expect((await t.db.select().from(charges))[0].quantityMilli).toBe(1000);
  });

  it('takes the tax and GL codes of the product, rounds the line once half away from zero', async () => {
    const { product } = await ensureProduct(t.ctx(), {
      externalKey: 'connectwise:catalog:9',
      name: 'Cable',
      kind: 'one-off',
      unitPriceCents: 333,
      taxCode: 'FRE',
      glCode: '4100',
    });
    const { added } = await addCharges(t.ctx(), {
      charges: [timeEntry(7, '0', { kind: 'product', productId: product.id, quantityMilli: 1500, unitPriceCents: 333 })],
    });
    expect(added[0]).toMatchObject({ taxCode: 'FRE', glCode: '4100', amountCents: 500 }); // 499.5 → 500
  });

  it("resolves a charge's tax code: its own, else its account's, else its product's, else GST", async () => {
    // Harbourview is a GST-free customer (its ConnectWise company's tax code); Acme has none.
    await upsertAccountFromSource(t.ctx(), {
      externalKey: 'connectwise:company:255',
      name: 'Harbourview Medical Centre',
      taxCode: 'GST-FREE',
    });
    const { product } = await ensureProduct(t.ctx(), {
      externalKey: 'connectwise:catalog:9',
      name: 'Cable',
      kind: 'one-off',
      unitPriceCents: 333,
      taxCode: 'FRE',
    });
    const harbourview = { accountExternalKey: 'connectwise:company:255' };
    const { added } = await addCharges(t.ctx(), {
      charges: [
        timeEntry(1, '1', { ...harbourview, kind: 'product', productId: product.id, taxCode: 'GST' }),
        timeEntry(2, '1', { ...harbourview, productId: product.id }),
        timeEntry(3, '1', harbourview),
        timeEntry(4, '1', { productId: product.id }),
        timeEntry(5, '1'),
      ],
    });
    expect(added.map((c) => [c.source, c.taxCode])).toEqual([
      ['connectwise:time:1', 'GST'], // the charge's own (a product sale's mapped ConnectWise code)
      ['connectwise:time:2', 'GST-FREE'], // the account's, before the product's
      ['connectwise:time:3', 'GST-FREE'],
      ['connectwise:time:4', 'FRE'], // no account code: the product's
      ['connectwise:time:5', 'GST'],
    ]);
  });

  it('refuses a whole batch with an unknown account, a currency mismatch or a duplicated source', async () => {
    await expect(
      addCharges(t.ctx(), { charges: [timeEntry(1, '1'), timeEntry(2, '1', { accountExternalKey: 'connectwise:company:404' })] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(addCharges(t.ctx(), { charges: [timeEntry(1, '1', { currency: 'NZD' })] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(addCharges(t.ctx(), { charges: [timeEntry(1, '1'), timeEntry(1, '1')] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(addCharges(t.ctx(), { charges: [] })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await t.db.select().from(charges)).toHaveLength(0);
  });
});
