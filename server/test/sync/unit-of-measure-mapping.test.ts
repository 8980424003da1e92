import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { products } from '../../src/db/schema/index.js';
import { runSync, type SyncDeps } from '../../src/sync/run-sync.js';
import { saveMapping } from '../../src/mappings/mapping-store.js';
import type { TestSystem } from '../../../test/helpers/start-test-system.js';
import { startDemoSyncSystem } from './demo-fixture.js';

/** The unit-of-measure mapping (Emersion's): the unit of a product created for a ConnectWise catalog item. */
let system: TestSystem;
let deps: SyncDeps;
beforeAll(async () => {
  ({ system, deps } = await startDemoSyncSystem());
});
afterAll(async () => system?.close());

describe('unit-of-measure mapping', () => {
  it("gives a product created from a sale the mapped unit, else ConnectWise's name for it", async () => {
    const sales = system.simulator!.store.all('products').map((s) => ({
      catalogItem: s.catalogItem as { id: number },
      unitOfMeasure: s.unitOfMeasure as { id: number; name: string } | undefined,
    }));
    const units = new Map(sales.filter((s) => s.unitOfMeasure).map((s) => [s.unitOfMeasure!.id, s.unitOfMeasure!.name]));
    expect(units.size).toBeGreaterThan(0);
    const [mappedId] = [...units.keys()];
    await saveMapping(system.database.db, 'unit_of_measure', String(mappedId), units.get(mappedId)!, { unit: 'licence' }, system.clock());
    const run = await runSync(deps, { mode: 'full', trigger: 'test' });
    expect(run.errors).toEqual([]);

    const created = await system.database.db.select().from(products).where(like(products.externalKey, 'connectwise:catalog:%'));
    expect(created.length).toBeGreaterThan(0);
    for (const product of created) {
      const sale = sales.find((s) => `connectwise:catalog:${s.catalogItem.id}` === product.externalKey)!;
      const expected = sale.unitOfMeasure === undefined ? 'each' : sale.unitOfMeasure.id === mappedId ? 'licence' : sale.unitOfMeasure.name;
      expect({ product: product.externalKey, unit: product.unit }).toEqual({ product: product.externalKey, unit: expected });
    }
    expect(created.some((p) => p.unit === 'licence')).toBe(true);
  });
});
