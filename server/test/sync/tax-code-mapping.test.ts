import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { charges, taxCodes } from '../../src/db/schema/index.js';
import { runSync, type SyncDeps } from '../../src/sync/run-sync.js';
import { saveMapping } from '../../src/mappings/mapping-store.js';
import type { TestSystem } from '../../../test/helpers/start-test-system.js';
import { startDemoSyncSystem } from './demo-fixture.js';

/** The tax-code mapping (Emersion's): a product sale's ConnectWise tax code decides its charge's tax code. */
let system: TestSystem;
let deps: SyncDeps;
beforeAll(async () => {
  ({ system, deps } = await startDemoSyncSystem());
});
afterAll(async () => system?.close());

describe('tax-code mapping', () => {
  it('sets the tax code of product charges whose ConnectWise tax code is mapped, and leaves the others to the product', async () => {
    const products = system.simulator!.store.all('products').filter((p) => (p.taxCode as { id?: number } | undefined)?.id !== undefined);
    expect(products.length).toBeGreaterThan(0);
    const cwTaxCodeId = (products[0].taxCode as { id: number }).id;
    await system.database.db
      .insert(taxCodes)
      .values({ code: 'GSTFREE', description: 'GST free', rateBasisPoints: 0, updatedAt: system.clock().toISOString() })
      .onConflictDoNothing();
    await saveMapping(system.database.db, 'tax_code', String(cwTaxCodeId), 'mapped in test', { taxCode: 'GSTFREE' }, system.clock());
    const run = await runSync(deps, { mode: 'full', trigger: 'test' });
    expect(run.errors).toEqual([]);
    const productCharges = await system.database.db.select().from(charges).where(like(charges.source, 'connectwise:product:%'));
    expect(productCharges.length).toBeGreaterThan(0);
    for (const charge of productCharges) {
      const source = products.find((p) => `connectwise:product:${p.id}` === charge.source);
      const mapped = (source?.taxCode as { id?: number } | undefined)?.id === cwTaxCodeId;
      expect({ source: charge.source, taxCode: charge.taxCode === 'GSTFREE' }).toEqual({ source: charge.source, taxCode: mapped });
    }
    expect(productCharges.some((c) => c.taxCode === 'GSTFREE')).toBe(true);
  });
});
