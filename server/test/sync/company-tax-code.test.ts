import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accounts, auditLog, charges, products, taxCodes } from '../../src/db/schema/index.js';
import { runSync, type SyncDeps } from '../../src/sync/run-sync.js';
import { saveMapping } from '../../src/mappings/mapping-store.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';

/**
 * The tax-code mapping applied to a company (Company > Finance > Tax Code, docs/connectwise/records.md#companies
 * `taxCode`): it becomes its account's tax code, which taxes every charge of the company that
 * carries none of its own. In the demo, Harbourview Medical Centre (255) is GST-free (FRE, id 2);
 * the other companies are GST (id 1).
 */
const FRE = 2;
const GST = 1;
let system: TestSystem;
let deps: SyncDeps;
const store = () => system.simulator!.store;
const db = () => system.database.db;
const accountOf = async (companyId: number) =>
  (
    await db()
      .select()
      .from(accounts)
      .where(eq(accounts.externalKey, `connectwise:company:${companyId}`))
  )[0];

beforeAll(async () => {
  system = await startTestSystem();
  await mapDemo(db());
  deps = { db: db(), cw: system.cw, clock: system.clock, currency: 'AUD' };
  await db()
    .insert(taxCodes)
    .values({ code: 'GST-FREE', description: 'GST free', rateBasisPoints: 0, updatedAt: system.clock().toISOString() });
  await saveMapping(db(), 'tax_code', String(FRE), 'FRE', { taxCode: 'GST-FREE' }, system.clock());
  // Harbourview's work on ticket 1010 is approved in ConnectWise (it is open in the demo).
  for (const entry of store()
    .all('timeEntries')
    .filter((e) => (e.company as { id: number }).id === 255)) {
    store().replace('timeEntries', { ...entry, status: 'ApprovedByTierOne' }, 'admin');
  }
  const run = await runSync(deps, { mode: 'full', trigger: 'test' });
  expect(run.errors).toEqual([]);
});
afterAll(async () => system?.close());

describe("a company's tax code", () => {
  it('mapped to a zero-rated code: its account takes it, and so do the charges of its time entries', async () => {
    expect((store().get('companies', 255)!.taxCode as { id: number }).id).toBe(FRE);
    const account = await accountOf(255);
    expect(account.taxCode).toBe('GST-FREE');
    const labour = await db().select().from(charges).where(eq(charges.accountId, account.id));
    expect(labour.map((c) => [c.source, c.kind, c.taxCode])).toEqual([
      ['connectwise:time:33', 'labour', 'GST-FREE'],
      ['connectwise:time:34', 'labour', 'GST-FREE'],
      ['connectwise:time:35', 'labour', 'GST-FREE'],
    ]);
  });

  it("unmapped: the account keeps none, and the company's charges take their product's code", async () => {
    const account = await accountOf(250);
    expect((store().get('companies', 250)!.taxCode as { id: number }).id).toBe(GST);
    expect(account.taxCode).toBeNull();
    const rows = await db()
      .select({ source: charges.source, taxCode: charges.taxCode, productTaxCode: products.taxCode })
      .from(charges)
      .innerJoin(products, eq(products.id, charges.productId))
      .where(eq(charges.accountId, account.id));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect({ source: row.source, taxCode: row.taxCode }).toEqual({ source: row.source, taxCode: row.productTaxCode });
  });

  it("a product sale's own mapped tax code still wins over its company's", async () => {
    await saveMapping(db(), 'tax_code', String(GST), 'GST', { taxCode: 'GST' }, system.clock());
    // A replacement laptop for Harbourview's reception, taxable: its line carries GST, not the company's FRE.
    const template = store().get('products', 1)!;
    const ticket = store().get('tickets', 1010)!;
    const sale = store().insert(
      'products',
      { ...template, company: ticket.company, ticket: { id: ticket.id, summary: ticket.summary } },
      'pnatarajan',
    );
    expect((sale.taxCode as { id: number }).id).toBe(GST);
    const run = await runSync(deps, { mode: 'incremental', trigger: 'test' });
    expect(run.errors).toEqual([]);
    const [charge] = await db()
      .select()
      .from(charges)
      .where(eq(charges.source, `connectwise:product:${sale.id}`));
    expect(charge).toMatchObject({ accountId: (await accountOf(255)).id, kind: 'product', taxCode: 'GST' });
  });

  it('changed in ConnectWise: the account follows (audited), the charges already added keep their codes', async () => {
    const before = await accountOf(250);
    const chargesBefore = await db()
      .select({ source: charges.source, taxCode: charges.taxCode })
      .from(charges)
      .where(eq(charges.accountId, before.id));
    expect(chargesBefore.length).toBeGreaterThan(0);
    store().replace('companies', { ...store().get('companies', 250)!, taxCode: store().get('companies', 255)!.taxCode }, 'admin');
    const run = await runSync(deps, { mode: 'incremental', trigger: 'test' });
    expect(run.errors).toEqual([]);
    expect(run.streams.companies).toMatchObject({ updated: 1 });
    expect((await accountOf(250)).taxCode).toBe('GST-FREE');
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.update'), eq(auditLog.entityId, String(before.id))));
    expect(audit.details).toEqual({ changes: { taxCode: 'GST-FREE' }, from: 'source' });
    expect(
      await db().select({ source: charges.source, taxCode: charges.taxCode }).from(charges).where(eq(charges.accountId, before.id)),
    ).toEqual(chargesBefore);
  });
});
