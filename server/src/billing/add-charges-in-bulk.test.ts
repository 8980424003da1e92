import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog, charges, taxCodes } from '../db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { addCharges, type ChargeInput } from './add-charges.js';
import { addChargesInBulk, alreadyClean } from './add-charges-in-bulk.js';
import { AddChargesInput } from './add-charges.js';
import fc from 'fast-check';
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
  description: `Ticket #5001 work — "quoted" O'Brien`,
  chargeDate: '2026-01-12',
  quantityMilli: Math.round(Number(hours) * 1000),
  unitPriceCents: 16500,
  ticketNumber: '5001',
  memberName: 'jsmith',
  workRole: 'Engineer',
  workType: 'Remote',
  ...overrides,
});

const stored = async () =>
  (await t.db.select().from(charges)).map(({ id: _id, ...row }) => row).sort((a, b) => a.source.localeCompare(b.source));

describe('addChargesInBulk', () => {
  it('writes exactly the rows addCharges writes, and replays the same way', async () => {
    const { product } = await ensureProduct(t.ctx(), {
      externalKey: 'connectwise:catalog:9',
      name: 'Cable',
      kind: 'one-off',
      unitPriceCents: 333,
      taxCode: 'FRE',
      glCode: '4100',
    });
    const batch = [
      timeEntry(1, '1.25'),
      timeEntry(2, '0.33', { memberName: null }),
      timeEntry(7, '0', { kind: 'product', productId: product.id, quantityMilli: 1500, unitPriceCents: 333 }),
    ];
    await addCharges(t.ctx(), { charges: batch });
    const byAddCharges = await stored();
    await t.db.delete(charges);

    const first = await addChargesInBulk(t.ctx(), { charges: batch });
    expect(first.added.map((c) => c.source)).toEqual(batch.map((c) => c.source));
    expect(first.alreadyPresent).toEqual([]);
    expect(await stored()).toEqual(byAddCharges);

    const second = await addChargesInBulk(t.ctx(), {
      charges: [...batch.slice(0, 2), timeEntry(1, '2', { source: 'connectwise:time:3' })],
    });
    expect(second.added.map((c) => c.source)).toEqual(['connectwise:time:3']);
    expect(second.alreadyPresent).toEqual([
      { source: 'connectwise:time:1', chargeId: first.added[0].id, invoiceId: null, differs: false },
      { source: 'connectwise:time:2', chargeId: first.added[1].id, invoiceId: null, differs: false },
    ]);
    const changed = await addChargesInBulk(t.ctx(), { charges: [timeEntry(1, '2')] });
    expect(changed).toEqual({
      added: [],
      alreadyPresent: [{ source: 'connectwise:time:1', chargeId: first.added[0].id, invoiceId: null, differs: true }],
    });
    expect((await t.db.select().from(auditLog)).filter((a) => a.action === 'charges.add').map((a) => a.details)).toEqual([
      { added: 3, alreadyPresent: 0 },
      { added: 3, alreadyPresent: 0 },
      { added: 1, alreadyPresent: 2 },
    ]);
  });

  it("resolves the tax code as addCharges does (own, account's, product's, GST), accounts by key and by id", async () => {
    const { account: harbourview } = await upsertAccountFromSource(t.ctx(), {
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
    // A charge's own code must be GST or defined (tax-code-usable.ts); a null rate is exempt.
    await t.db
      .insert(taxCodes)
      .values({ code: 'EXEMPT', rateBasisPoints: null, description: 'Exempt', updatedAt: t.ctx().now.toISOString() });
    const byKey = { accountExternalKey: 'connectwise:company:255' };
    const byId = { accountExternalKey: undefined, accountId: harbourview.id };
    const batch = [
      timeEntry(1, '1', { ...byKey, kind: 'product', productId: product.id, taxCode: 'GST' }),
      timeEntry(2, '1', { ...byKey, productId: product.id }),
      timeEntry(3, '1', byId),
      timeEntry(4, '1', { ...byId, productId: product.id, taxCode: 'EXEMPT' }),
      timeEntry(5, '1', { productId: product.id }),
      timeEntry(6, '1'),
    ];
    const expected = [
      ['connectwise:time:1', 'GST'],
      ['connectwise:time:2', 'GST-FREE'],
      ['connectwise:time:3', 'GST-FREE'],
      ['connectwise:time:4', 'EXEMPT'],
      ['connectwise:time:5', 'FRE'],
      ['connectwise:time:6', 'GST'],
    ];
    await addChargesInBulk(t.ctx(), { charges: batch });
    expect((await stored()).map((c) => [c.source, c.taxCode])).toEqual(expected);
    await t.db.delete(charges);
    await addCharges(t.ctx(), { charges: batch });
    expect((await stored()).map((c) => [c.source, c.taxCode])).toEqual(expected);
  });

  it('refuses a whole batch with an unknown account, product, a currency mismatch or a duplicated source', async () => {
    await expect(
      addChargesInBulk(t.ctx(), { charges: [timeEntry(1, '1'), timeEntry(2, '1', { accountExternalKey: 'connectwise:company:404' })] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(addChargesInBulk(t.ctx(), { charges: [timeEntry(1, '1', { productId: 999 })] })).rejects.toMatchObject({
      code: 'not_found',
    });
    const [account] = await t.db.select().from(accounts);
    await expect(
      addChargesInBulk(t.ctx(), {
        charges: [
          timeEntry(1, '1', { accountExternalKey: undefined, accountId: account.id }),
          timeEntry(2, '1', { accountExternalKey: undefined, accountId: 999 }),
        ],
      }),
    ).rejects.toMatchObject({ code: 'not_found', details: { index: 1 } });
    await expect(
      addChargesInBulk(t.ctx(), {
        charges: [timeEntry(1, '1', { accountExternalKey: undefined, accountId: account.id, currency: 'NZD' })],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(
      (
        await addChargesInBulk(t.ctx(), {
          charges: [timeEntry(9, '1', { accountExternalKey: undefined, accountId: account.id, currency: 'AUD' })],
        })
      ).added,
    ).toHaveLength(1);
    await t.db.delete(charges);
    await expect(addChargesInBulk(t.ctx(), { charges: [timeEntry(1, '1', { currency: 'NZD' })] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(addChargesInBulk(t.ctx(), { charges: [timeEntry(1, '1'), timeEntry(1, '1')] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await t.db.select().from(charges)).toHaveLength(0);
  });
});

describe("alreadyClean (the bulk path's stand-in for the schema)", () => {
  const valid = { ...timeEntry(1, '1'), productId: 4, taxCode: 'GST', glCode: null, currency: 'AUD' };
  it('takes a sync-built batch as the schema would return it', () => {
    const input = { charges: [valid, timeEntry(2, '0.5', { memberName: null })] };
    expect(alreadyClean(input)).toEqual(AddChargesInput.parse(input).charges);
  });

  it('is never looser than the schema, and agrees with it when it answers', () => {
    const text = fc.oneof(
      fc.constant('x'),
      fc.constant(' padded '),
      fc.constant(''),
      fc.constant('a'.repeat(501)),
      fc.constant('Ticket #1'),
      fc.constant('connectwise:time:9'),
      fc.constant('Bad Key:1'),
      fc.constant('2026-02-30'),
      fc.constant('2026-02-28'),
      fc.constant('AUD'),
      fc.constant('aud'),
    );
    const value = fc.oneof(
      text,
      fc.constant(null),
      fc.constant(undefined),
      fc.integer({ min: -5, max: 5 }),
      fc.constant(1.5),
      fc.constant(2 ** 60),
      fc.constant('labour'),
      fc.constant('rent'),
      fc.constant(true),
    );
    const keys = [...Object.keys(valid), 'accountId', 'extra'];
    fc.assert(
      fc.property(fc.subarray(keys, { minLength: 1, maxLength: 3 }), fc.array(value, { minLength: 3, maxLength: 3 }), (broken, values) => {
        const charge: Record<string, unknown> = { ...valid };
        broken.forEach((key, i) => {
          charge[key] = values[i];
        });
        const input = { charges: [charge] };
        const quick = alreadyClean(input);
        if (quick === null) return true;
        const parsed = AddChargesInput.safeParse(input);
        return (
          parsed.success &&
          JSON.stringify(Object.entries(quick[0]).sort()) === JSON.stringify(Object.entries(parsed.data.charges[0]).sort())
        );
      }),
      { numRuns: 5000 },
    );
  });
});
