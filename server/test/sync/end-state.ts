import type { Db } from '../../src/db/client.js';
import { accounts, charges, contacts, products, syncQuarantine } from '../../src/db/schema/index.js';

/** The billing-visible outcome of a sync, independent of ids and timestamps. */
export async function endState(db: Db) {
  const accountRows = await db.select().from(accounts);
  const keyOf = new Map(accountRows.map((a) => [a.id, a.externalKey ?? a.name]));
  const productRows = await db.select().from(products);
  const productKey = new Map(productRows.map((p) => [p.id, p.externalKey ?? p.name]));
  return {
    accounts: accountRows.map((a) => `${a.externalKey} ${a.name} ${a.accountType} ${a.status}`).sort(),
    contacts: (await db.select().from(contacts))
      .map((c) => `${c.externalKey} ${keyOf.get(c.accountId)} ${c.firstName} ${c.lastName} ${c.email} ${c.phone} ${c.locked}`)
      .sort(),
    products: productRows.map((p) => `${p.externalKey} ${p.name} ${p.kind}`).sort(),
    charges: (await db.select().from(charges))
      .map(
        (c) =>
          `${c.source} ${keyOf.get(c.accountId)} ${productKey.get(c.productId ?? 0)} ${c.kind} ${c.quantityMilli} ${c.unitPriceCents} ${c.amountCents}`,
      )
      .sort(),
    quarantine: (await db.select().from(syncQuarantine)).map((q) => `${q.entity} ${q.externalId} ${q.reason} ${q.status}`).sort(),
  };
}
