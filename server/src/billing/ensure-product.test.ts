import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { ensureProduct } from './ensure-product.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext();
});
afterEach(() => t.dispose());

describe('ensureProduct', () => {
  it('creates the product for a key once, then returns it untouched', async () => {
    const input = {
      externalKey: 'connectwise:work-role-type:3:7',
      name: 'Engineer × Remote support',
      kind: 'labour' as const,
      unitPriceCents: 16500,
      unit: 'hour',
    };
    const first = await ensureProduct(t.ctx(), input);
    expect(first).toMatchObject({ created: true, product: { taxCode: 'GST', currency: 'AUD', unitPriceCents: 16500 } });
    const again = await ensureProduct(t.ctx(), { ...input, unitPriceCents: 1 });
    expect(again).toEqual({ created: false, product: first.product });
  });

  it('is safe when called concurrently for the same key', async () => {
    const input = { externalKey: 'connectwise:expense-type:4', name: 'Travel', kind: 'expense' as const, unitPriceCents: 0 };
    const results = await Promise.all([ensureProduct(t.ctx(), input), ensureProduct(t.ctx(), input), ensureProduct(t.ctx(), input)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.product.id)).size).toBe(1);
  });
});
