import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addChargesInBulk } from '../src/billing/add-charges-in-bulk.js';
import { auditLog, charges } from '../src/db/schema/index.js';
import { createTestApp } from '../../test/helpers/test-app.js';
import { testNow, testToday } from '../../test/helpers/test-clock.js';

/**
 * A charge's own tax code follows the rule accounts, plans and products follow: GST or a code
 * defined with PUT /api/v1/tax-codes, else 400 and nothing written (a typo would otherwise be
 * taxed at the account's rate, silently). A batch with one bad line is refused whole.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
let accountId: number;
beforeEach(async () => {
  t = await createTestApp({ now: testNow() });
  accountId = (await (await t.request('POST', '/api/v1/accounts', { name: 'Harbourview Medical Centre' })).json()).id;
});
afterEach(() => t.dispose());

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, any> });
const charge = (n: number, taxCode?: string | null) => ({
  source: `connectwise:product:${n}`,
  accountId,
  kind: 'product',
  description: `Line ${n}`,
  chargeDate: testToday(),
  quantityMilli: 1000,
  unitPriceCents: 10_000 + n,
  ...(taxCode === undefined ? {} : { taxCode }),
});
const chargeRows = () => t.db.select({ source: charges.source, taxCode: charges.taxCode }).from(charges).orderBy(charges.source);
const chargeAudits = async () =>
  (await t.db.select().from(auditLog)).filter((row) => row.entity === 'charge' || row.action.startsWith('charge'));

describe('a charge’s tax code', () => {
  it('refuses a code that is neither GST nor defined (400, nothing written), and takes it once defined', async () => {
    const refused = await json(await t.request('POST', '/api/v1/charges', charge(1, 'GST-FREE')));
    expect(refused).toMatchObject({
      status: 400,
      body: {
        code: 'validation_failed',
        message: expect.stringContaining('GST-FREE'),
        details: { taxCodes: ['GST-FREE'], lines: [{ index: 0, source: 'connectwise:product:1', taxCode: 'GST-FREE' }] },
        requestId: expect.any(String),
      },
    });
    expect(await chargeRows()).toEqual([]);
    expect(await chargeAudits()).toEqual([]);

    expect((await t.request('PUT', '/api/v1/tax-codes/GST-FREE', { rate: 0, description: 'GST free' })).status).toBe(200);
    expect(await json(await t.request('POST', '/api/v1/charges', charge(1, 'GST-FREE')))).toMatchObject({
      status: 201,
      body: { charge: { taxCode: 'GST-FREE' } },
    });
  });

  it('takes GST, which needs no row, and a charge that names no code', async () => {
    expect((await t.request('POST', '/api/v1/charges', charge(1, 'GST'))).status).toBe(201);
    expect((await t.request('POST', '/api/v1/charges', charge(2))).status).toBe(201);
    expect(await chargeRows()).toEqual([
      { source: 'connectwise:product:1', taxCode: 'GST' },
      { source: 'connectwise:product:2', taxCode: 'GST' },
    ]);
  });

  it('refuses a whole batch over REST when any line names an undefined code, naming every such line', async () => {
    expect((await t.request('PUT', '/api/v1/tax-codes/FRE', { rate: 0, description: 'GST free' })).status).toBe(200);
    const batch = [charge(1, 'FRE'), charge(2, 'NOPE'), charge(3), charge(4, 'TYPO'), charge(5, 'NOPE')];
    const refused = await json(await t.request('POST', '/api/v1/charges/batch', { charges: batch }));
    expect(refused).toMatchObject({ status: 400, body: { code: 'validation_failed', requestId: expect.any(String) } });
    expect(refused.body.details.taxCodes.sort()).toEqual(['NOPE', 'TYPO']);
    expect(refused.body.details.lines).toEqual([
      { index: 1, source: 'connectwise:product:2', taxCode: 'NOPE' },
      { index: 3, source: 'connectwise:product:4', taxCode: 'TYPO' },
      { index: 4, source: 'connectwise:product:5', taxCode: 'NOPE' },
    ]);
    expect(await chargeRows()).toEqual([]);
    expect(await chargeAudits()).toEqual([]);

    const fixed = await json(
      await t.request('POST', '/api/v1/charges/batch', { charges: [charge(1, 'FRE'), charge(2, 'GST'), charge(3)] }),
    );
    expect(fixed).toMatchObject({ status: 200, body: { added: [{}, {}, {}], alreadyPresent: [] } });
    expect((await chargeRows()).map((row) => row.taxCode)).toEqual(['FRE', 'GST', 'GST']);
  });

  it('holds the bulk path the sync writes through to the same rule', async () => {
    const ctx = { db: t.db, now: testNow(), actor: 'test' };
    await expect(addChargesInBulk(ctx, { charges: [charge(1), charge(2, 'NOPE')] as never })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { taxCodes: ['NOPE'], lines: [{ index: 1, source: 'connectwise:product:2', taxCode: 'NOPE' }] },
    });
    expect(await chargeRows()).toEqual([]);
    const added = await addChargesInBulk(ctx, { charges: [charge(1), charge(2, 'GST')] as never });
    expect(added.added).toHaveLength(2);
  });
});
